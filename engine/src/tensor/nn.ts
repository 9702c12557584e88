// torch.nn.functional: softmax family, losses, one_hot, normalize, linear-adjacent helpers.
// Softmax and log-softmax have their own kernels (max-shifted, float32 sums in torch's order);
// losses are compositions of the primitive kernels so their dtype and broadcasting rules
// are the primitives' own.
import { allocStorage, allocStorageForOverwrite, type DType, isFloating, promoteTypes, type Scalar, scalarTypeName } from './dtype';
import { indexError, runtimeError, TorchError, valueError } from './errors';
import { EXACT_BITS_MAX, sleefExpF32, softmaxRowF32, softmaxRowF64 } from './fastmath';
import { softmaxRowsF32 } from './wasm/kernels';
import { add, binary, clamp, div, maximum, mul, sub } from './binary';
import { full } from './create';
import { index, indexPut, indexSelect, maskedFill } from './indexing';
import { mean, norm, sum, variance } from './reduce';
import { normalizeDim, shapeStr } from './shapes';
import { contiguous, expand, movedim, reshape } from './shapeOps';
import { fromStorage, numelOf, readData, type Tensor, toDType } from './tensor';
import { abs, exp, log, logicalNot, neg, sqrt } from './unary';

export type Reduction = 'none' | 'mean' | 'sum';

function checkReduction(reduction: string): Reduction {
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw valueError(`${reduction} is not a valid value for reduction`);
  }
  return reduction;
}

function softmaxRows(x: Tensor, dim: number, dtype: DType | undefined, logForm: boolean): Tensor {
  const input = dtype ? toDType(x, dtype) : x;
  if (!isFloating(input.dtype)) {
    const d = normalizeDim(dim, x.ndim);
    // torch dispatches on dtype only when there is work to do: empty inputs pass through.
    if (x.numel === 0) return x;
    const lastDim = d === Math.max(x.ndim - 1, 0);
    const kernel = lastDim ? `${logForm ? 'log_' : ''}softmax_lastdim_kernel_impl` : 'softmax_kernel_impl';
    throw runtimeError(`"${kernel}" not implemented for '${scalarTypeName(input.dtype)}'`);
  }
  const d = normalizeDim(dim, input.ndim);
  const last = Math.max(input.ndim - 1, 0);
  if (d !== last) return softmaxInnerDim(contiguous(input), d, logForm);
  const data = readData(input);
  const inner = input.ndim === 0 ? 1 : input.shape[d];
  const n = data.length;
  const out = allocStorageForOverwrite(input.dtype, n);
  if (out instanceof Float32Array) {
    // Up to EXACT_BITS_MAX values the JS rows use torch's exp to the bit; beyond, the SIMD kernel.
    const simd = n > EXACT_BITS_MAX && data instanceof Float32Array && data.length === n && softmaxRowsF32(data, out, n / inner, inner, logForm);
    if (!simd) for (let base = 0; base < n; base += inner) softmaxRowF32(data, base, inner, out, logForm);
  }
  else for (let base = 0; base < n; base += inner) softmaxRowF64(data, base, inner, out as Float64Array, logForm);
  return fromStorage(out, input.dtype, input.shape);
}

/** F.softmax(x, dim, dtype=None). */
export function softmax(x: Tensor, dim: number, dtype?: DType): Tensor {
  return softmaxRows(x, dim, dtype, false);
}

/** F.log_softmax(x, dim, dtype=None). */
export function logSoftmax(x: Tensor, dim: number, dtype?: DType): Tensor {
  return softmaxRows(x, dim, dtype, true);
}

/**
 * Softmax over a dim that is not the last, the way torch's kernel for that case rounds: per
 * column, the sum of exp(x - max) accumulates in the tensor's dtype in order along the dim,
 * and log-softmax is (x - max) - log(sum). Moving the dim last and using the row kernel gives
 * the same math but other last bits (up to 7 ulp after log near 1).
 */
function softmaxInnerDim(x: Tensor, d: number, logForm: boolean): Tensor {
  const data = readData(x);
  const size = x.shape[d];
  const inner = numelOf(x.shape.slice(d + 1));
  const outer = numelOf(x.shape.slice(0, d));
  const out = allocStorageForOverwrite(x.dtype, data.length);
  const r = out instanceof Float32Array ? Math.fround : (v: number) => v;
  // torch handles inner positions 8 at a time with Sleef's exp and the rest one by one with the
  // C library's (correctly rounded) exp.
  const vectorEnd = inner - (inner % 8);
  const vectorExp = out instanceof Float32Array ? sleefExpF32 : Math.exp;
  const scalarExp = out instanceof Float32Array ? (v: number) => Math.fround(Math.exp(v)) : Math.exp;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const expIn = i < vectorEnd ? vectorExp : scalarExp;
      const base = o * size * inner + i;
      let max = -Infinity;
      for (let k = 0; k < size; k++) {
        const v = data[base + k * inner];
        // A nan wins and stays, as in torch's max.
        if (v > max || v !== v) max = v;
      }
      let total = 0;
      for (let k = 0; k < size; k++) total = r(total + expIn(r(data[base + k * inner] - max)));
      const logTotal = r(Math.log(total));
      for (let k = 0; k < size; k++) {
        const shifted = r(data[base + k * inner] - max);
        out[base + k * inner] = logForm ? shifted - logTotal : expIn(shifted) / total;
      }
    }
  }
  return fromStorage(out, x.dtype, x.shape);
}

function reduce(loss: Tensor, reduction: Reduction): Tensor {
  return reduction === 'none' ? loss : reduction === 'sum' ? sum(loss) : mean(loss);
}

export interface NllOptions {
  weight?: Tensor | null;
  reduction?: Reduction;
  ignoreIndex?: number;
}

export interface CrossEntropyOptions extends NllOptions {
  labelSmoothing?: number;
}

/** The class dim of an (N, C, ...) or (C,) input. */
function classDim(input: Tensor): number {
  return input.ndim === 1 ? 0 : 1;
}

function checkBatch(input: Tensor, target: Tensor): void {
  if (input.ndim === 0) throw valueError('Expected 1 or more dimensions (got 0)');
  const expected = input.ndim === 1 ? [] : [input.shape[0], ...input.shape.slice(2)];
  // torch reads a 0-d target's batch size as 0.
  const targetBatch = target.ndim === 0 ? 0 : target.shape[0];
  if (input.ndim >= 2 && targetBatch !== input.shape[0]) {
    throw valueError(`Expected input batch_size (${input.shape[0]}) to match target batch_size (${targetBatch}).`);
  }
  // torch 1.13 takes a 1-D input with a 1-D target of the same length as a batch (and then
  // reads only the first target); another length is a size mismatch.
  if (input.ndim === 1 && target.ndim === 1) {
    if (target.shape[0] !== input.shape[0]) throw runtimeError(`size mismatch (got input: ${shapeStr(input.shape)}, target: ${shapeStr(target.shape)})`);
    return;
  }
  if (target.ndim !== expected.length || target.shape.some((s, i) => s !== expected[i])) {
    if (input.ndim === 1 && target.ndim !== 0) throw runtimeError('0D or 1D target tensor expected, multi-target not supported');
    if (input.ndim === 2) throw runtimeError('0D or 1D target tensor expected, multi-target not supported');
    throw runtimeError(`Expected target size ${shapeStr(expected)}, got ${shapeStr(target.shape)}`);
  }
}

/**
 * The per-element negative log-likelihood and its weights: loss[i] = -w[y_i] * logp[i, y_i],
 * 0 (and weight 0) where y_i == ignore_index.
 */
function nllParts(logp: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number): { loss: Tensor; weights: Tensor } {
  checkBatch(logp, target);
  if (target.dtype !== 'int64') throw runtimeError(`expected scalar type Long but found ${scalarTypeName(target.dtype)}`);
  if (!isFloating(logp.dtype)) throw runtimeError(`"nll_loss_out_frame" not implemented for '${scalarTypeName(logp.dtype)}'`);
  const cd = classDim(logp);
  const classes = logp.shape[cd];
  if (weight !== null && (weight.ndim !== 1 || weight.shape[0] !== classes)) {
    throw runtimeError(`weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${shapeStr(weight.shape)}`);
  }
  const moved = contiguous(movedim(logp, cd, logp.ndim - 1));
  const lp = readData(moved);
  // The 1-D/1-D case (see checkBatch): one loss, from the first target.
  const firstOnly = logp.ndim === 1 && target.ndim === 1;
  const tv = firstOnly ? readData(target).slice(0, 1) : readData(target);
  const wv = weight ? readData(toDType(weight, logp.dtype)) : null;
  const loss = allocStorage(logp.dtype, tv.length);
  const weights = allocStorage(logp.dtype, tv.length);
  for (let i = 0; i < tv.length; i++) {
    const y = tv[i];
    if (y === ignoreIndex) continue;
    if (y < 0 || y >= classes) throw indexError(`Target ${y} is out of bounds.`);
    const w = wv ? wv[y] : 1;
    loss[i] = -w * lp[i * classes + y];
    weights[i] = w;
  }
  const shape = firstOnly ? [] : target.shape;
  return { loss: fromStorage(loss, logp.dtype, shape), weights: fromStorage(weights, logp.dtype, shape) };
}

/** F.nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean'). */
export function nllLoss(input: Tensor, target: Tensor, options: NllOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction ?? 'mean');
  const { loss, weights } = nllParts(input, target, options.weight ?? null, options.ignoreIndex ?? -100);
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return sum(loss);
  return div(sum(loss), sum(weights));
}

/**
 * F.cross_entropy with class-index targets (int64) or class-probability targets (float, same
 * shape as input), weight, ignore_index, label_smoothing and reduction, following torch's
 * formulas (including how label smoothing is normalized by the weights).
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction ?? 'mean');
  const weight = options.weight ?? null;
  const eps = options.labelSmoothing ?? 0;
  if (eps < 0 || eps > 1) throw runtimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${eps}`);
  // Same shapes means class probabilities, checked before anything else as torch does.
  const sameShape = target.ndim === input.ndim && target.shape.every((s, i) => s === input.shape[i]);
  if (sameShape && !isFloating(target.dtype)) throw runtimeError(`Expected floating point type for target with class probabilities, got ${scalarTypeName(target.dtype)}`);
  const cd = classDim(input);
  const logp = logSoftmax(input, cd);
  const classes = input.shape[cd];
  const weightView = weight === null ? null : reshape(weight, input.shape.map((s, i) => (i === cd ? classes : 1)));
  // Any other float target goes down the class-index path, whose checks come in torch's order.
  if (sameShape) {
    const t = eps > 0 ? add(mul(target, 1 - eps), eps / classes) : target;
    let prod = mul(logp, t);
    if (weightView) prod = mul(prod, weightView);
    // Summed before negating, as torch does: the sign of a zero loss follows.
    if (reduction === 'none') return neg(sum(prod, cd));
    if (reduction === 'sum') return neg(sum(prod));
    return div(neg(sum(prod)), input.numel / classes);
  }
  const ignoreIndex = options.ignoreIndex ?? -100;
  const { loss, weights } = nllParts(logp, target, weight, ignoreIndex);
  const nll = reduction === 'none' ? loss : reduction === 'sum' ? sum(loss) : div(sum(loss), sum(weights));
  if (eps === 0) return nll;
  const smooth = neg(sum(weightView ? mul(logp, weightView) : logp, cd));
  const ignored = binary('eq', target, BigInt(ignoreIndex));
  const smoothMasked = maskedFill(smooth, ignored, 0);
  let ret: Tensor;
  if (reduction === 'none') ret = smoothMasked;
  else if (reduction === 'sum') ret = sum(smoothMasked);
  else ret = div(sum(smoothMasked), weight ? sum(weights) : sum(logicalNot(ignored)));
  return add(mul(nll, 1 - eps), mul(ret, eps / classes));
}

/** mse_loss computes in the promoted dtype, which must be floating (a bool operand is fine). */
export function mseLossDtype(input: DType, target: DType): DType {
  const common = promoteTypes(input, target);
  if (!isFloating(common)) throw runtimeError(`"mse_cpu" not implemented for '${scalarTypeName(common)}'`);
  return common;
}

/** F.mse_loss(input, target, reduction='mean'); shapes broadcast as in torch (which warns). */
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  const r = checkReduction(reduction);
  const dtype = mseLossDtype(input.dtype, target.dtype);
  const d = sub(toDType(input, dtype), toDType(target, dtype));
  return reduce(mul(d, d), r);
}

/** F.l1_loss(input, target, reduction='mean'). */
export function l1Loss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  return reduce(abs(sub(input, target)), checkReduction(reduction));
}

/** F.binary_cross_entropy does not promote: the target must have the input's dtype (checked after the sizes). */
export function bceSameDtype(input: DType, target: DType): void {
  if (input !== target) throw runtimeError(`Found dtype ${scalarTypeName(target)} but expected ${scalarTypeName(input)}`);
}

/** F.binary_cross_entropy: log terms are clamped at -100, as torch does. */
export function binaryCrossEntropy(input: Tensor, target: Tensor, weight: Tensor | null = null, reduction: Reduction = 'mean'): Tensor {
  const r = checkReduction(reduction);
  if (target.ndim !== input.ndim || target.shape.some((s, i) => s !== input.shape[i])) {
    throw valueError(
      `Using a target size (torch.Size(${shapeStr(target.shape)})) that is different to the input size (torch.Size(${shapeStr(input.shape)})) is deprecated. Please ensure they have the same size.`,
    );
  }
  bceSameDtype(input.dtype, target.dtype);
  const xs = readData(input);
  for (let i = 0; i < xs.length; i++) {
    if (!(xs[i] >= 0 && xs[i] <= 1)) throw runtimeError('all elements of input should be between 0 and 1');
  }
  const logX = maximum(log(input), -100);
  const log1mX = maximum(log(sub(1, input)), -100);
  let loss = neg(add(mul(target, logX), mul(sub(1, target), log1mX)));
  if (weight) loss = mul(loss, weight);
  return reduce(loss, r);
}

/** F.binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None). */
/**
 * The dtype of F.binary_cross_entropy_with_logits, or torch's error: torch computes in place on
 * `1 - target` and negates the input, so bool inputs, int targets and int inputs all raise,
 * and the result takes the target's float dtype.
 */
export function bceWithLogitsDtype(input: DType, target: DType): DType {
  if (input === 'bool') throw runtimeError('Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  if (target === 'bool') throw runtimeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  if (target === 'int64' || input === 'int64') throw runtimeError(`result type ${input === 'float64' ? 'Double' : 'Float'} can't be cast to the desired output type Long`);
  return target;
}

export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  reduction: Reduction = 'mean',
  posWeight: Tensor | null = null,
): Tensor {
  const r = checkReduction(reduction);
  if (target.ndim !== input.ndim || target.shape.some((s, i) => s !== input.shape[i])) {
    throw valueError(`Target size (torch.Size(${shapeStr(target.shape)})) must be the same as input size (torch.Size(${shapeStr(input.shape)}))`);
  }
  const dtype = bceWithLogitsDtype(input.dtype, target.dtype);
  // torch's own steps, each rounded in the tensor's dtype (bit-equal to torch 1.13 on 3,000
  // random points; log1p(exp(-|x|)) + max(-x, 0) is the same math but not the same bits):
  // m = max(-x, 0); (1 - t) * x + m + log(exp(-m) + exp(-x - m)), or with pos_weight
  // (1 - t) * x + (1 + (pw - 1) * t) * (log(exp(-m) + exp(-x - m)) + m).
  const m = clamp(neg(input), 0);
  const logTerm = log(add(exp(neg(m)), exp(sub(neg(input), m))));
  const base = mul(sub(1, target), input);
  let loss = posWeight ? add(base, mul(add(mul(sub(posWeight, 1), target), 1), add(logTerm, m))) : add(add(base, m), logTerm);
  if (weight) loss = mul(loss, weight);
  return toDType(reduce(loss, r), dtype);
}

/** F.one_hot(x, num_classes=-1): int64 output. */
export function oneHot(x: Tensor, numClasses = -1): Tensor {
  if (x.dtype !== 'int64') throw runtimeError('one_hot is only applicable to index tensor.');
  const values = readData(x);
  let classes = numClasses;
  if (classes === -1) {
    if (values.length === 0) throw runtimeError('Can not infer total number of classes from empty tensor.');
    classes = 0;
    for (const v of values) classes = Math.max(classes, v + 1);
  }
  for (const v of values) {
    if (v < 0) throw runtimeError('Class values must be non-negative.');
    if (v >= classes) throw runtimeError('Class values must be smaller than num_classes.');
  }
  const out = allocStorage('int64', values.length * classes);
  for (let i = 0; i < values.length; i++) out[i * classes + values[i]] = 1;
  return fromStorage(out, 'int64', [...x.shape, classes]);
}

/** F.normalize(x, p=2, dim=1, eps=1e-12). */
export function normalize(x: Tensor, p = 2, dim = 1, eps = 1e-12): Tensor {
  const n = norm(x, p, dim, true);
  return div(x, expand(clamp(n, eps), x.shape));
}

/**
 * F.pad(x, pad, mode='constant', value=0): pairs apply from the last dim backwards; negative
 * pads crop. 'reflect', 'replicate' and 'circular' follow torch's input-rank and size rules.
 */
export function pad(x: Tensor, padding: readonly number[], mode = 'constant', value: Scalar = 0): Tensor {
  if (padding.length % 2 !== 0) throw runtimeError('Padding length must be divisible by 2');
  if (padding.length / 2 > x.ndim) throw runtimeError('Padding length too large');
  if (mode === 'constant') return padConstant(x, padding, value);
  if (mode !== 'reflect' && mode !== 'replicate' && mode !== 'circular') {
    throw new TorchError('NotImplementedError', `Unrecognised padding mode ${mode}`);
  }
  const pairs = padding.length / 2;
  if (pairs > 3 || (x.ndim !== pairs + 1 && x.ndim !== pairs + 2)) {
    throw new TorchError('NotImplementedError', 'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  }
  if (mode !== 'circular' && !isFloating(x.dtype)) {
    const kernel = mode === 'reflect' ? `reflection_pad${pairs}d` : `replication_pad${pairs}d_cpu`;
    throw runtimeError(`"${kernel}" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
  let out = x;
  // Width first, then height, then depth: the order torch checks (and reports) sizes in.
  for (let k = 0; k < pairs; k++) {
    const d = x.ndim - 1 - k;
    const size = x.shape[d];
    const [left, right] = [padding[2 * k], padding[2 * k + 1]];
    if (mode === 'reflect' && (left >= size || right >= size)) {
      const input = pairs === 2 ? String(x.ndim) : shapeStr(x.shape);
      throw runtimeError(
        `Argument #${4 + 2 * k}: Padding size should be less than the corresponding input dimension, but got: padding (${left}, ${right}) at dimension ${d} of input ${input}`,
      );
    }
    if (mode === 'circular' && (left > size || right > size)) throw runtimeError('Padding value causes wrapping around more than once.');
    const length = size + left + right;
    if (length < 0) throw runtimeError(`The input size ${size}, plus negative padding ${left} and ${right} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`);
    const source = new Float64Array(length);
    for (let o = 0; o < length; o++) {
      const i = o - left;
      source[o] = mode === 'replicate' ? Math.min(Math.max(i, 0), size - 1) : mode === 'circular' ? ((i % size) + size) % size : i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i;
    }
    out = indexSelect(out, d, fromStorage(source, 'int64', [length]));
  }
  return out;
}

function padConstant(x: Tensor, padding: readonly number[], value: Scalar): Tensor {
  const shape = [...x.shape];
  const starts = new Array<number>(x.ndim).fill(0);
  for (let k = 0; k < padding.length / 2; k++) {
    const d = x.ndim - 1 - k;
    shape[d] = x.shape[d] + padding[2 * k] + padding[2 * k + 1];
    if (shape[d] < 0) {
      throw runtimeError(
        `The input size ${x.shape[d]}, plus negative padding ${padding[2 * k]} and ${padding[2 * k + 1]} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`,
      );
    }
    starts[d] = padding[2 * k];
  }
  const out = full(shape, value, x.dtype);
  // Copy the overlapping block: source [max(0, -start), ...) into target [max(0, start), ...).
  const items = shape.map((s, d) => {
    const lo = Math.max(0, starts[d]);
    const hi = Math.min(s, starts[d] + x.shape[d]);
    return { kind: 'slice' as const, start: lo, stop: Math.max(lo, hi) };
  });
  const srcItems = x.shape.map((_, d) => {
    const lo = Math.max(0, -starts[d]);
    return { kind: 'slice' as const, start: lo, stop: lo + Math.max(0, items[d].stop - items[d].start) };
  });
  indexPut(out, items, index(x, srcItems));
  return out;
}

/** F.layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5). */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  const k = normalizedShape.length;
  const tail = x.shape.slice(x.ndim - k);
  if (k === 0 || x.ndim < k || tail.some((s, i) => s !== normalizedShape[i])) {
    throw runtimeError(
      `Given normalized_shape=${shapeStr(normalizedShape)}, expected input with shape [*, ${normalizedShape.join(', ')}], but got input of size${shapeStr(x.shape)}`,
    );
  }
  let y: Tensor;
  if (x.dtype === 'float32') y = layerNormRowsF32(x, numelOf(normalizedShape), eps);
  else {
    const dims = normalizedShape.map((_, i) => x.ndim - k + i);
    y = div(sub(x, mean(x, dims, true)), sqrt(add(variance(x, dims, 0, true), eps)));
  }
  if (weight) y = mul(y, weight);
  if (bias) y = add(y, bias);
  return y;
}

/**
 * torch's float32 CPU layer norm, row by row: mean and 1/std rounded to float32, then
 * y = x * rstd + (-rstd * mean) with one rounding (torch's kernel contracts it to an FMA; the
 * product of two float32 values is exact in a double). A constant row therefore gives
 * torch's tiny nonzero values (1.9e-5 for a single 2.7183), not zeros.
 */
function layerNormRowsF32(x: Tensor, n: number, eps: number): Tensor {
  const src = readData(contiguous(x));
  const out = allocStorage('float32', src.length);
  const f = Math.fround;
  for (let base = 0; base < src.length; base += n) {
    let total = 0;
    for (let j = 0; j < n; j++) total += src[base + j];
    const meanD = total / n;
    let m2 = 0;
    for (let j = 0; j < n; j++) m2 += (src[base + j] - meanD) ** 2;
    const mean = f(meanD);
    const rstd = f(1 / f(Math.sqrt(f(f(m2 / n) + eps))));
    const shift = f(-rstd * mean);
    for (let j = 0; j < n; j++) out[base + j] = src[base + j] * rstd + shift;
  }
  return fromStorage(out, 'float32', x.shape);
}

/** F.dropout(x, p=0.5, training=True): the engine analyses inference, so training=False is the identity. */
export function dropout(x: Tensor, p = 0.5, training = false, uniform?: (shape: readonly number[]) => Tensor): Tensor {
  if (p < 0 || p > 1) throw valueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return x;
  if (p === 1 || !uniform) return mul(x, 0);
  const keep = binary('ge', uniform(x.shape), p);
  return div(mul(x, keep), 1 - p);
}
