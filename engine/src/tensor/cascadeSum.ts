// torch 1.13's CPU sum, in its order of additions (aten/src/ATen/native/cpu/SumKernel.cpp):
// float sums accumulate in the tensor's own dtype, so the order decides the last bits and, on
// cancellation, much more (sum([0.5, 1.5, 1e-8, -2.]) is 0 in torch, 1e-8 in double).
//
// torch reduces a 2-D view: either a contiguous run of reduced elements per output (inner
// reduction) or reduced rows over contiguous output columns (outer reduction). Each output's
// additions are independent of the others', so both come down to two scalar orders:
// - cascade: sequential sums in blocks of 2^p elements (p = max(4, ceil(log2 n) / 4)), folded
//   into up to four levels of partial sums;
// - interleaved: four cascades over elements i = 4m + k, the tail added to the first, then the
//   four added in order.
// An inner reduction of at least one vector (8 float32 / 4 float64 lanes, the AVX2 kernels)
// runs the interleaved order per lane over whole vectors, then adds the scalar tail and the
// lanes in order; a shorter one is one interleaved sum. An outer reduction gives columns in
// blocks of 32 (or 4, under 8 columns) the cascade, the rest the interleaved order.
// Checked bit for bit against torch on inner, outer and middle-dim sums of 3 to 10^6 elements
// (test/golden/last_bits.json).
import type { Storage } from './dtype';

type Round = (v: number) => number;

const LEVELS = 4;

function ceilLog2(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

/** The cascade over `size` elements at base + i * stride. */
function cascade(data: Storage, base: number, stride: number, size: number, round: Round): number {
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
function interleaved(data: Storage, base: number, stride: number, size: number, round: Round): number {
  const groups = Math.floor(size / 4);
  const partial = [0, 1, 2, 3].map((k) => cascade(data, base + k * stride, 4 * stride, groups, round));
  let first = partial[0];
  for (let i = groups * 4; i < size; i++) first = round(first + data[base + i * stride]);
  for (let k = 1; k < 4; k++) first = round(first + partial[k]);
  return first;
}

/** One output of an inner reduction: `size` contiguous elements from `base`. */
export function innerSum(data: Storage, base: number, size: number, lanes: number, round: Round): number {
  if (size < lanes) return interleaved(data, base, 1, size, round);
  const vectors = Math.floor(size / lanes);
  let total = 0;
  for (let i = vectors * lanes; i < size; i++) total = round(total + data[base + i]);
  for (let l = 0; l < lanes; l++) total = round(total + interleaved(data, base + l, lanes, vectors, round));
  return total;
}

/** Column `c` of an outer reduction: `rows` reduced rows of `cols` contiguous columns from `base`. */
export function outerSum(data: Storage, base: number, rows: number, cols: number, c: number, lanes: number, round: Round): number {
  const block = cols >= lanes ? 4 * lanes : 4;
  const cascaded = Math.floor(cols / block) * block;
  return c < cascaded ? cascade(data, base + c, cols, rows, round) : interleaved(data, base + c, cols, rows, round);
}
