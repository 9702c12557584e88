// torch.nn.functional entries that are not elementwise: linear, losses, one_hot, layer_norm,
// embedding. The nn.Module wrappers (nnModules.ts) call these same rules.
import { dimEquals, dimKnownDifferent, formatDim, formatShape, type Shape } from '../../../shape/dim';
import { UNKNOWN, type Value } from '../values';
import { OpError, matmulShape } from './shapeRules';
import { defineOps, isFloat, type OpCall } from './registry';

export function linearShape(x: Shape, weight: Shape, op: string): Shape {
  if (weight.length !== 2) return [...x.slice(0, -1), weight[0] ?? 1];
  const inF = weight[1];
  const last = x[x.length - 1];
  if (x.length === 0) throw new OpError('matmul', 'RuntimeError', `${op}: input must have at least 1 dimension`);
  if (dimKnownDifferent(last, inF)) {
    throw new OpError('matmul', 'RuntimeError',
      `${op}: input ${formatShape(x)} has ${formatDim(last)} features in its last dim but the layer expects in_features=${formatDim(inF)}`);
  }
  return [...x.slice(0, -1), weight[0]];
}

function reductionShape(c: OpCall, perElement: Shape | null): Shape | null {
  const r = c.get('reduction');
  if (r.kind !== 'str') return null;
  return r.value === 'none' ? perElement : [];
}

/** cross_entropy / nll_loss: class-index targets (N,) or (N, d1...), or probability targets. */
function classLoss(c: OpCall): Value {
  const x = c.tensor('input');
  const y = c.tensor('target');
  if (!x || !y) return UNKNOWN;
  if (x.shape === null || y.shape === null) return c.out(reductionShape(c, null) ?? null, x.dtype);
  const xs = x.shape;
  const ys = y.shape;
  const batchOf = (s: Shape) => (s.length <= 1 ? [] : [s[0], ...s.slice(2)]);
  if (y.dtype !== null && isFloat(y.dtype) && ys.length === xs.length - 1 && xs.length >= 2) {
    throw new OpError('loss', 'RuntimeError',
      `${c.op}: target ${formatShape(ys)} has one dim fewer than input ${formatShape(xs)}, so it must hold class indices (int64), but its dtype is ${y.dtype}`);
  }
  if (y.dtype === 'bool') throw new OpError('loss', 'RuntimeError', `${c.op}: target must be class indices (int64) or probabilities (float), got a bool tensor`);
  const indexTarget = y.dtype === 'int64' || y.dtype === 'int32' || (y.dtype === null && ys.length === xs.length - 1);
  if (indexTarget) {
    if (ys.length !== Math.max(xs.length - 1, 0)) {
      throw new OpError('loss', 'RuntimeError',
        `${c.op}: class-index target ${formatShape(ys)} must have one dim fewer than input ${formatShape(xs)}`);
    }
    const expect = batchOf(xs);
    ys.forEach((d, i) => {
      if (dimKnownDifferent(d, expect[i])) {
        throw new OpError('loss', 'ValueError', `${c.op}: expected target of shape ${formatShape(expect)} for input ${formatShape(xs)}, got ${formatShape(ys)}`);
      }
    });
    return c.out(reductionShape(c, expect), x.dtype);
  }
  if (y.dtype !== null && isFloat(y.dtype) && ys.length === xs.length) return c.out(reductionShape(c, batchOf(xs)), x.dtype);
  return c.out(reductionShape(c, null), x.dtype);
}

function pointwiseLoss(c: OpCall): Value {
  const x = c.tensor('input');
  const y = c.tensor('target');
  if (!x || !y) return UNKNOWN;
  const shape = x.shape && y.shape && x.shape.length === y.shape.length && x.shape.every((d, i) => dimEquals(d, y.shape![i])) ? x.shape : null;
  return c.out(reductionShape(c, shape), x.dtype);
}

defineOps([
  { names: ['torch.nn.functional.linear'], sig: 'input, weight, bias=None', meta: (c) => {
    const x = c.tensor('input');
    const w = c.tensor('weight');
    if (!x || !w) return UNKNOWN;
    if (x.shape === null || w.shape === null) return c.out(null, x.dtype);
    return c.out(linearShape(x.shape, w.shape, c.op), x.dtype);
  } },
  { names: ['torch.nn.functional.cross_entropy'], sig: 'input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction=\'mean\', label_smoothing=0.0', meta: classLoss },
  { names: ['torch.nn.functional.nll_loss'], sig: 'input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction=\'mean\'', meta: classLoss },
  ...['mse_loss', 'l1_loss', 'smooth_l1_loss', 'binary_cross_entropy', 'binary_cross_entropy_with_logits', 'huber_loss', 'kl_div'].map((n) => ({
    names: [`torch.nn.functional.${n}`], sig: 'input, target, *rest, reduction=\'mean\', weight=None, pos_weight=None, size_average=None, reduce=None, beta=1.0, delta=1.0, log_target=False',
    meta: pointwiseLoss,
  })),
  { names: ['torch.nn.functional.one_hot'], sig: 'input, num_classes=-1', meta: (c) => {
    const t = c.tensor('input');
    const n = c.get('num_classes');
    if (!t || t.shape === null || n.kind !== 'int' || n.value === -1) return t ? c.out(null, 'int64') : UNKNOWN;
    return c.out([...t.shape, n.value], 'int64');
  } },
  { names: ['torch.nn.functional.layer_norm'], sig: 'input, normalized_shape, weight=None, bias=None, eps=1e-05', meta: (c) => {
    const t = c.tensor('input');
    return t ? c.out(t.shape, t.dtype) : UNKNOWN;
  } },
  { names: ['torch.nn.functional.embedding'], sig: 'input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False', meta: (c) => {
    const i = c.tensor('input');
    const w = c.tensor('weight');
    if (!i || !w) return UNKNOWN;
    return c.out(i.shape && w.shape && w.shape.length === 2 ? [...i.shape, w.shape[1]] : null, w.dtype);
  } },
  { names: ['torch.nn.functional.scaled_dot_product_attention'], sig: 'query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None', meta: (c) => {
    const q = c.tensor('query');
    const v = c.tensor('value');
    const k = c.tensor('key');
    if (!q || !v || !k) return UNKNOWN;
    if (q.shape && k.shape) matmulShape(q.shape, [...k.shape.slice(0, -2), k.shape[k.shape.length - 1], k.shape[k.shape.length - 2]], c.op);
    return c.out(q.shape && v.shape ? [...q.shape.slice(0, -1), v.shape[v.shape.length - 1]] : null, q.dtype);
  } },
]);
