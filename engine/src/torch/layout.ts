// Memory layout for the meta path, so `view` after `transpose` or `expand` raises in the
// analysis exactly where torch raises. A layout is the memory rank of each dim (-1 for a
// broadcast dim). To run torch's own stride algorithm (the tensor module's viewStrides),
// symbolic dims are replaced by distinct sample sizes: view compatibility then holds for
// the generic sizes, which is the analysis' reading of distinct symbols.
import { runtimeError } from '../tensor/errors';
import { viewStrides } from '../tensor/shapes';
import { dimKey, type Dim, type MShape } from './metaShapes';
import type { MetaTensor } from './types';

export function layoutOf(x: MetaTensor): number[] {
  return x.layout ?? x.shape.map((_, i) => i);
}

function isIdentity(layout: readonly number[]): boolean {
  return layout.every((r, i) => r === i);
}

/** The output layout, dropped when it is plain contiguous. */
export function withLayout(out: MetaTensor, layout: number[]): MetaTensor {
  return isIdentity(layout) ? out : { ...out, layout };
}

export function permuteLayout(x: MetaTensor, dims: readonly number[]): number[] {
  const l = layoutOf(x);
  return dims.map((d) => l[d]);
}

/** expand: new leading dims and expanded size-1 dims have stride 0. */
export function expandLayout(x: MetaTensor, outShape: MShape): number[] {
  const l = layoutOf(x);
  const off = outShape.length - x.shape.length;
  return outShape.map((s, i) => {
    if (i < off) return -1;
    const cur = x.shape[i - off] as Dim;
    return cur === 1 && s !== 1 ? -1 : l[i - off];
  });
}

/** Distinct sample sizes for symbols: large primes keep products from colliding. */
const SAMPLES = [1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061, 1063, 1069];

function sampler(): (d: Dim) => number | null {
  const seen = new Map<string, number>();
  return (d) => {
    if (typeof d === 'number') return d;
    if ((d as { kind?: unknown }).kind === 'unknown') return null;
    const key = dimKey(d);
    if (!seen.has(key)) {
      if (seen.size >= SAMPLES.length) return null;
      seen.set(key, SAMPLES[seen.size]);
    }
    return seen.get(key) ?? null;
  };
}

/** Raises torch's error when `x` (with a non-contiguous layout) cannot be viewed as `target`. */
export function checkViewable(x: MetaTensor, target: MShape): void {
  if (!x.layout) return;
  const sample = sampler();
  const shape = x.shape.map((d) => sample(d as Dim));
  const out = target.map((d) => sample(d));
  if (shape.some((s) => s === null) || out.some((s) => s === null)) return;
  const sizes = shape as number[];
  const strides = new Array<number>(sizes.length).fill(0);
  const byRank = x.layout.map((r, i) => [r, i]).filter(([r]) => r >= 0).sort((a, b) => b[0] - a[0]);
  let s = 1;
  for (const [, i] of byRank) {
    strides[i] = s;
    s *= Math.max(sizes[i], 1);
  }
  if (viewStrides(sizes, strides, out as number[]) === null) {
    throw runtimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
}
