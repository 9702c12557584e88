// torch 1.13's CPU float32 sum, in its order of additions (aten/src/ATen/native/cpu/SumKernel.cpp):
// float sums accumulate in the tensor's own dtype, so the order decides the last bits and, on
// cancellation, much more (sum([0.5, 1.5, 1e-8, -2.]) is 0 in torch, 1e-8 in double).
//
// torch reduces through a 2-D loop (see torchOrderSum for which dims it covers). Each output's
// additions are independent of the others', so every path comes down to two scalar orders:
// - cascade: sequential sums in blocks of 2^p elements (p = max(4, ceil(log2 n) / 4)), folded
//   into up to four levels of partial sums;
// - interleaved: four cascades over elements i = 4m + k, the tail added to the first, then the
//   four added in order.
// Which order each output gets depends on the loop's strides (loop2d). Checked bit for bit
// against torch on 28 layouts of 1 to 5 dims and 1 to 64,000 elements plus 10 strided views,
// and in a model of the same order in Python up to 10^6 elements (test/golden/last_bits.json).
import type { Storage } from './dtype';

const LEVELS = 4;
/** torch 1.13's AVX2 kernels: 8 float32 lanes. */
const LANES = 8;
const round = Math.fround;

function ceilLog2(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

/** The cascade over `size` elements at base + i * stride. */
function cascade(data: Storage, base: number, stride: number, size: number): number {
  const power = Math.max(4, Math.floor(ceilLog2(size) / LEVELS));
  const step = 2 ** power;
  const mask = step - 1;
  const acc = [0, 0, 0, 0];
  let i = 0;
  while (i + step <= size) {
    let a = acc[0];
    for (let j = 0; j < step; j++, i++) a = round(a + data[base + i * stride]);
    acc[0] = a;
    for (let level = 1; level < LEVELS; level++) {
      acc[level] = round(acc[level] + acc[level - 1]);
      acc[level - 1] = 0;
      // Higher levels fold in only when their block is complete.
      if ((i & (mask * 2 ** (level * power))) !== 0) break;
    }
  }
  let a = acc[0];
  for (; i < size; i++) a = round(a + data[base + i * stride]);
  for (let level = 1; level < LEVELS; level++) a = round(a + acc[level]);
  return a;
}

/** The interleaved order over `size` elements at base + i * stride. */
function interleaved(data: Storage, base: number, stride: number, size: number): number {
  const groups = Math.floor(size / 4);
  const partial = [0, 1, 2, 3].map((k) => cascade(data, base + k * stride, 4 * stride, groups));
  let first = partial[0];
  for (let i = groups * 4; i < size; i++) first = round(first + data[base + i * stride]);
  for (let k = 1; k < 4; k++) first = round(first + partial[k]);
  return first;
}

interface LoopDim {
  size: number;
  /** Element strides of the input and of the output (0 on reduced dims). */
  input: number;
  output: number;
}

/**
 * One call of torch's 2-D reduction loop: dim 0 is reduced, each of the `d1.size` outputs
 * (output stride d1.output, 0 when dim 1 is reduced too) accumulates its partial sum.
 */
function loop2d(data: Storage, base: number, d0: LoopDim, d1: LoopDim, out: Float32Array, outBase: number): void {
  const add = (j: number, v: number) => {
    const at = outBase + j * d1.output;
    out[at] = round(out[at] + v);
  };
  if (d0.input === 1 && d0.size >= LANES) {
    // Contiguous inner reduction: per-lane interleaved sums over whole vectors, then the
    // scalar tail, then the lanes in order.
    const vectors = Math.floor(d0.size / LANES);
    for (let j = 0; j < d1.size; j++) {
      const row = base + j * d1.input;
      let total = 0;
      for (let i = vectors * LANES; i < d0.size; i++) total = round(total + data[row + i]);
      for (let l = 0; l < LANES; l++) total = round(total + interleaved(data, row + l, LANES, vectors));
      add(j, total);
    }
    return;
  }
  // Otherwise each output is one cascade or one interleaved sum over dim 0: contiguous outer
  // reductions cascade columns in blocks of 4 vectors, strided ones in blocks of 4 columns
  // (when dim 0 has the larger stride), and interleave the rest.
  const vectorOuter = d1.input === 1 && d1.size >= LANES;
  const block = vectorOuter ? 4 * LANES : d0.input < d1.input ? 0 : 4;
  const cascaded = block === 0 ? 0 : Math.floor(d1.size / block) * block;
  for (let j = 0; j < d1.size; j++) {
    const at = base + j * d1.input;
    add(j, j < cascaded ? cascade(data, at, d0.input, d0.size) : interleaved(data, at, d0.input, d0.size));
  }
}

/**
 * The sums torch computes for a strided input (element strides, all positive) reduced over
 * `reduced` dims, in output order. TensorIterator moves the reduced dims innermost (by input
 * stride), then the kept dims (by output stride), merges neighbours that are contiguous with
 * each other, runs the 2-D loop over the first two and repeats it over the rest, accumulating
 * into the outputs in that order.
 */
export function torchOrderSum(
  data: Storage,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  reduced: ReadonlySet<number>,
  out: Float32Array,
): void {
  const kept = shape.map((_, i) => i).filter((i) => !reduced.has(i));
  const outStrides = new Map(kept.map((d, j) => [d, kept.slice(j + 1).reduce((a, k) => a * shape[k], 1)]));
  const dims: LoopDim[] = shape
    .map((size, i) => ({ size, input: strides[i], output: reduced.has(i) ? 0 : (outStrides.get(i) as number) }))
    .filter((d) => d.size > 1)
    .sort((a, b) => (a.output !== 0 ? 1 : 0) - (b.output !== 0 ? 1 : 0) || (a.output || a.input) - (b.output || b.input));
  const merged: LoopDim[] = [];
  for (const d of dims) {
    const prev = merged[merged.length - 1];
    if (prev && prev.input * prev.size === d.input && prev.output * prev.size === d.output) prev.size *= d.size;
    else merged.push({ ...d });
  }
  // Reducing only size-1 dims is not a true reduction: each output is 0 + its one element.
  if (merged.length === 0 || merged[0].output !== 0) merged.unshift({ size: 1, input: 1, output: 0 });
  if (merged.length < 2) merged.push({ size: 1, input: 0, output: 0 });
  const [d0, d1, ...rest] = merged;
  out.fill(0);
  // The outer dims, the first fastest.
  const index = rest.map(() => 0);
  for (;;) {
    let base = offset;
    let outBase = 0;
    rest.forEach((d, k) => {
      base += index[k] * d.input;
      outBase += index[k] * d.output;
    });
    loop2d(data, base, d0, d1, out, outBase);
    let k = 0;
    while (k < rest.length && ++index[k] === rest[k].size) index[k++] = 0;
    if (k === rest.length) return;
  }
}
