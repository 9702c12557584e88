// torch.nn.functional entries the shared torch table (engine/src/torch) does not have yet:
// scaled_dot_product_attention and the pointwise losses besides mse/bce. Linear, the class
// losses, one_hot, layer_norm and embedding run on the table through tableMeta.ts.
import { dimEquals, type Shape } from '../../../shape/dim';
import { UNKNOWN, type Value } from '../values';
import { matmulShape } from './shapeRules';
import { defineOps, type OpCall } from './registry';

function reductionShape(c: OpCall, perElement: Shape | null): Shape | null {
  const r = c.get('reduction');
  if (r.kind !== 'str') return null;
  return r.value === 'none' ? perElement : [];
}

function pointwiseLoss(c: OpCall): Value {
  const x = c.tensor('input');
  const y = c.tensor('target');
  if (!x || !y) return UNKNOWN;
  const shape = x.shape && y.shape && x.shape.length === y.shape.length && x.shape.every((d, i) => dimEquals(d, y.shape![i])) ? x.shape : null;
  return c.out(reductionShape(c, shape), x.dtype);
}

defineOps([
  ...['l1_loss', 'smooth_l1_loss', 'huber_loss', 'kl_div'].map((n) => ({
    names: [`torch.nn.functional.${n}`], sig: 'input, target, *rest, reduction=\'mean\', weight=None, pos_weight=None, size_average=None, reduce=None, beta=1.0, delta=1.0, log_target=False',
    meta: pointwiseLoss,
  })),
  { names: ['torch.nn.functional.scaled_dot_product_attention'], sig: 'query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None', meta: (c) => {
    const q = c.tensor('query');
    const v = c.tensor('value');
    const k = c.tensor('key');
    if (!q || !v || !k) return UNKNOWN;
    if (q.shape && k.shape) matmulShape(q.shape, [...k.shape.slice(0, -2), k.shape[k.shape.length - 1], k.shape[k.shape.length - 2]], c.op);
    return c.out(q.shape && v.shape ? [...q.shape.slice(0, -1), v.shape[v.shape.length - 1]] : null, q.dtype);
  } },
]);
