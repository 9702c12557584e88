// The SIMD kernels (engine/src/tensor/wasm) against the JS kernels they replace, which the
// goldens check against torch: exp within 1 float32 ulp and exactly equal wherever the value
// overflows, underflows or is nan; softmax, log-softmax and row sums within float32 rounding.
// Sizes straddle the 32-lane unrolled loop, the 4-lane loop, the scalar tail and the 4 Ki
// chunk the JS side copies through wasm memory.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as T from '../../../engine/src/tensor';
import { expF32, setWasmKernelsEnabled, softmaxRowsF32, sumRowsF32, wasmKernelsAvailable } from '../../../engine/src/tensor/wasm/kernels';
import { expIntoFloat32, softmaxRowF32 } from '../../../engine/src/tensor/fastmath';
import { rowSum } from '../../../engine/src/tensor/reduce';
import { KERNELS_WASM_BASE64 } from '../../../engine/src/tensor/wasm/kernels.bytes';
import { assemble } from '../../../scripts/gen-wasm';

after(() => setWasmKernelsEnabled(true));

function both<R>(f: () => R): { simd: R; js: R } {
  setWasmKernelsEnabled(true);
  const simd = f();
  setWasmKernelsEnabled(false);
  const js = f();
  setWasmKernelsEnabled(true);
  return { simd, js };
}

function ulpDistance(a: number, b: number): number {
  const fa = new Float32Array([a, b]);
  const ia = new Int32Array(fa.buffer);
  // Map the sign-magnitude float bits onto a monotonic integer line.
  const key = (i: number) => (i < 0 ? -(i & 0x7fffffff) : i);
  return Math.abs(key(ia[0]) - key(ia[1]));
}

/** Deterministic values in [lo, hi). */
function spread(n: number, lo: number, hi: number, seed = 1): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return lo + ((hi - lo) * s) / 2147483648;
  });
}

test('the embedded wasm bytes are what kernels.wat assembles to', async () => {
  const bytes = await assemble();
  assert.equal(Buffer.from(bytes).toString('base64'), KERNELS_WASM_BASE64, 'run: node --import tsx scripts/gen-wasm.ts');
});

test('the SIMD kernels load on this runtime', () => {
  assert.equal(wasmKernelsAvailable(), true);
});

test('exp: SIMD within 1 ulp of the JS kernel, identical at the edges of float32', () => {
  const specials = [0, -0, 1, -1, 80, -80, 80.00001, -80.00001, 88.72283, 88.72284, 88.8, 100, 1e30, -87.3, -103, -103.9, -104, -1e30,
    1e-30, -1e-30, Infinity, -Infinity, NaN];
  for (const n of [1, 3, 4, 31, 32, 33, 100, 16384 + 37, 40000]) {
    const values = spread(n, -110, 100, n);
    // Put specials at every position class: in the wide loop, the 4-lane loop and the tail.
    specials.forEach((v, i) => {
      if (n > 0) values[(i * 7919) % n] = v;
    });
    // The kernels themselves: T.exp routes tensors of up to EXACT_BITS_MAX values elsewhere.
    const src = Float32Array.from(values);
    const simdOut = new Float32Array(n);
    assert.equal(expF32(src, simdOut, n), true);
    const jsOut = new Float32Array(n);
    expIntoFloat32(src, jsOut, n);
    const [simd, js] = [Array.from(simdOut), Array.from(jsOut)];
    simd.forEach((got, i) => {
      const want = js[i];
      if (!Number.isFinite(want) || want === 0 || want < 1.2e-38 || Math.abs(values[i]) > 80 || Number.isNaN(values[i])) {
        assert.ok(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `exp(${values[i]}) n=${n}: ${got} vs ${want}`);
      } else {
        assert.ok(ulpDistance(got, want) <= 1, `exp(${values[i]}) n=${n}: ${got} vs ${want}`);
      }
    });
  }
});

test('exp: a vector that mixes fast-range and extreme lanes gets both right', () => {
  const values = Array.from({ length: 64 }, (_, i) => (i % 5 === 0 ? 95 : i % 7 === 0 ? -120 : i / 10));
  const out = new Float32Array(64);
  assert.equal(expF32(Float32Array.from(values), out, 64), true);
  const got = Array.from(out);
  values.forEach((v, i) => {
    if (v === 95) assert.equal(got[i], Infinity);
    else if (v === -120) assert.equal(got[i], 0);
    else assert.ok(ulpDistance(got[i], Math.fround(Math.exp(Math.fround(v)))) <= 1, `exp(${v})`);
  });
});

test('softmax and log-softmax rows: SIMD matches the JS kernel, including inf and nan rows', () => {
  for (const cols of [1, 3, 4, 7, 32, 1000, 16384 + 5]) {
    const rows = cols > 1000 ? 2 : 9;
    const values = spread(rows * cols, -30, 30, cols);
    values[0] = 1000; // a row whose other entries underflow
    if (rows * cols > cols + 1) values[cols + 1] = Number.NaN; // a nan row
    if (rows > 2) for (let j = 0; j < cols; j++) values[2 * cols + j] = -Infinity; // all -inf: nan like torch
    if (rows > 3) values[3 * cols] = Infinity;
    const src = Float32Array.from(values);
    for (const log of [false, true]) {
      const simdOut = new Float32Array(rows * cols);
      assert.equal(softmaxRowsF32(src, simdOut, rows, cols, log), true);
      const jsOut = new Float32Array(rows * cols);
      for (let r = 0; r < rows; r++) softmaxRowF32(src, r * cols, cols, jsOut, log);
      const [simd, js] = [Array.from(simdOut), Array.from(jsOut)];
      simd.forEach((got, i) => {
        const want = js[i];
        if (!Number.isFinite(want) || want === 0) {
          assert.ok(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)) || (want === 0 && got === 0), `cols=${cols} log=${log} [${i}]: ${got} vs ${want}`);
        } else {
          // Both follow torch's order; only their exps differ (the SIMD polynomial vs Sleef's).
          assert.ok(Math.abs(got - want) <= 4e-6 * Math.abs(want) + (log ? 4e-6 : 0), `cols=${cols} log=${log} [${i}]: ${got} vs ${want}`);
        }
      });
    }
  }
});

test('sum over the last dim: SIMD matches the JS kernel, overflow to inf included', () => {
  for (const cols of [1, 2, 5, 64, 333, 16384 + 3]) {
    const rows = cols > 1000 ? 3 : 17;
    const values = spread(rows * cols, -1e3, 1e3, cols + 7);
    values[cols] = 3e38;
    if (cols > 1) values[cols + 1] = 3e38;
    values[2 * cols] = NaN;
    const src = Float32Array.from(values);
    const simdOut = new Float64Array(rows);
    assert.equal(sumRowsF32(src, rows, cols, simdOut), true);
    const simd = Array.from(simdOut, (v) => Math.fround(v));
    const js = Array.from({ length: rows }, (_, r) => Math.fround(rowSum(src, r * cols, cols)));
    simd.forEach((got, i) => {
      const want = js[i];
      assert.ok(Object.is(got, want) || Math.abs(got - want) <= 1.2e-7 * Math.abs(want) || (Number.isNaN(got) && Number.isNaN(want)), `cols=${cols} row ${i}: ${got} vs ${want}`);
    });
  }
});

test('kernels run on views: a transposed input is laid out before the SIMD path', () => {
  const x = T.reshape(T.tensorFromNested(spread(48, -5, 5)), [6, 8]);
  const xt = T.transpose(x, 0, 1);
  const { simd, js } = both(() => [T.toList(T.softmax(xt, -1)), T.toList(T.sum(xt, -1)), T.toList(T.exp(xt))]);
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  const a = flat(simd);
  const b = flat(js);
  assert.equal(a.length, b.length);
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-6 * Math.abs(b[i]) + 1e-7, `[${i}] ${v} vs ${b[i]}`));
});
