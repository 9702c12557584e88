// Draws images/icon.png (128×128): a 4×4 heatmap tile — a tensor seen the way the results view
// draws it — on a dark rounded square. Run: node images/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 128;
const px = new Uint8Array(SIZE * SIZE * 4);
const VIRIDIS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
const viridis = (t) => {
  const x = Math.min(1, Math.max(0, t)) * 4;
  const i = Math.min(3, Math.floor(x));
  return VIRIDIS[i].map((v, k) => Math.round(v + (VIRIDIS[i + 1][k] - v) * (x - i)));
};

function set(x, y, [r, g, b], a = 255) {
  const o = (y * SIZE + x) * 4;
  px.set([r, g, b, a], o);
}

function insideRounded(x, y, x0, y0, w, h, radius) {
  const cx = Math.min(Math.max(x, x0 + radius), x0 + w - radius);
  const cy = Math.min(Math.max(y, y0 + radius), y0 + h - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    if (insideRounded(x + 0.5, y + 0.5, 2, 2, SIZE - 4, SIZE - 4, 22)) set(x, y, [30, 30, 46]);
  }
}
// A softmax-like pattern: each row peaks somewhere else.
const cells = 4;
const cell = 22;
const gap = 3;
const origin = (SIZE - (cells * cell + (cells - 1) * gap)) / 2;
for (let i = 0; i < cells; i++) {
  for (let j = 0; j < cells; j++) {
    const t = Math.exp(-((j - ((i * 5) % 4)) ** 2) / 1.5);
    const color = viridis(0.1 + 0.9 * t);
    const x0 = Math.round(origin + j * (cell + gap));
    const y0 = Math.round(origin + i * (cell + gap));
    for (let y = y0; y < y0 + cell; y++) for (let x = x0; x < x0 + cell; x++) if (insideRounded(x + 0.5, y + 0.5, x0, y0, cell, cell, 4)) set(x, y, color);
  }
}

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) Buffer.from(px.buffer, y * SIZE * 4, SIZE * 4).copy(raw, y * (SIZE * 4 + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
