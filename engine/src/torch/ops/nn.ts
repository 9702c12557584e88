// torch.nn.functional entries (and their torch./Tensor spellings): softmax, log_softmax,
// the losses, one_hot, normalize, linear, pad, dropout, layer_norm. The meta functions raise
// where torch's checks depend only on shapes and dtypes; checks on values (a target out of
// range, a probability above 1) belong to the kernel alone.
import * as nn from '../../tensor/nn';
import { indexError, runtimeError, valueError } from '../../tensor/errors';
import { scalarTypeName, type DType } from '../../tensor/dtype';
import { rand } from '../../tensor/random';
import { linear as mmLinear } from '../../tensor/matmul';
import { dtypeOf, isFloat, mt, op, promote, shapeOf } from '../define';
import * as S from '../../shape';
import { broadcast, differ, fmtShape, matmulShape, normDim, numel, sameDim, unknownDim, type Dim, type MShape } from '../metaShapes';
import type { OpEntry } from '../types';
import type { Args } from '../values';

/** torch's legacy implicit softmax dim (F.softmax(x) with dim=None). */
function softmaxDim(a: Args, ndim: number): number {
  if (a.has('dim')) return a.int('dim');
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

function softmaxLike(kind: 'softmax' | 'log_softmax'): OpEntry {
  return op({
    names: [`torch.nn.functional.${kind}`, `torch.${kind}`, `Tensor.${kind}`, `torch.special.${kind}`],
    sig: 'input, dim=None, _stacklevel=3, dtype=None',
    family: 'nn',
    check(a) {
      const shape = shapeOf(a.value('input'));
      const dim = normDim(softmaxDim(a, shape.length), shape.length);
      const d = a.dtype('dtype') ?? dtypeOf(a.value('input'));
      // torch dispatches on dtype only when there is work: an empty input passes, so an
      // unknown size proves nothing.
      const n = numel(shape);
      if (!isFloat(d) && n !== null && n > 0) {
        const last = dim === Math.max(shape.length - 1, 0);
        throw runtimeError(`"${last ? `${kind}_lastdim` : 'softmax'}_kernel_impl" not implemented for '${scalarTypeName(d)}'`);
      }
    },
    meta: (a) => mt(a.meta('input').shape, a.dtype('dtype') ?? a.meta('input').dtype),
    kernel(a) {
      const x = a.tensor('input');
      const fn = kind === 'softmax' ? nn.softmax : nn.logSoftmax;
      return fn(x, softmaxDim(a, x.ndim), a.dtype('dtype'));
    },
  });
}

function reduction(a: Args): nn.Reduction {
  const r = a.str('reduction');
  if (r !== 'none' && r !== 'mean' && r !== 'sum') throw valueError(`${r} is not a valid value for reduction`);
  return r;
}

/** Shapes and dtypes of a class-index loss; returns the per-element loss shape. */
/**
 * The per-element loss shape of nll_loss (and cross_entropy with class indices), checking in
 * torch's order: rank, batch size, target shape, then the target's dtype.
 */
function classIndexShape(input: MShape, target: MShape, targetDType: DType): Dim[] {
  if (input.length === 0) throw valueError('Expected 1 or more dimensions (got 0)');
  // torch reads a 0-d target's batch size as 0.
  const targetBatch = target.length === 0 ? 0 : target[0];
  if (input.length >= 2 && differ(targetBatch, input[0])) {
    throw valueError(`Expected input batch_size (${String(input[0])}) to match target batch_size (${String(targetBatch)}).`);
  }
  const expected = input.length === 1 ? [] : [input[0], ...input.slice(2)];
  let perElement: Dim[] = [...target];
  // A 1-D input with a 1-D target of its length is a batch to torch 1.13 (one loss out).
  if (input.length === 1 && target.length === 1) {
    if (differ(target[0], input[0])) throw runtimeError(`size mismatch (got input: ${fmtShape(input)}, target: ${fmtShape(target)})`);
    perElement = [];
  } else if (target.length !== expected.length || target.some((s, i) => differ(s, expected[i]))) {
    if (input.length <= 2) throw runtimeError('0D or 1D target tensor expected, multi-target not supported');
    throw runtimeError(`size mismatch (got input: ${fmtShape(input)} , target: ${fmtShape(target)}`);
  }
  if (targetDType !== 'int64') throw runtimeError(`expected scalar type Long but found ${scalarTypeName(targetDType)}`);
  return perElement;
}

function lossMeta(a: Args, perElement: MShape, dtype: DType) {
  return mt(reduction(a) === 'none' ? perElement : [], dtype);
}

const crossEntropy = op({
  names: ['torch.nn.functional.cross_entropy'],
  sig: "input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0",
  family: 'nn',
  meta(a) {
    const x = a.meta('input');
    const t = a.meta('target');
    const xs = shapeOf(x);
    const ts = shapeOf(t);
    // A target of the input's exact shape holds class probabilities, and torch wants it float.
    if ((t.dtype === 'int64' || t.dtype === 'bool') && ts.length === xs.length && ts.every((s, i) => sameDim(s, xs[i]))) {
      throw runtimeError(`Expected floating point type for target with class probabilities, got ${scalarTypeName(t.dtype)}`);
    }
    if (isFloat(t.dtype) && ts.length === xs.length && !ts.some((s, i) => differ(s, xs[i]))) {
      const cd = xs.length === 1 ? 0 : 1;
      return lossMeta(a, xs.filter((_, i) => i !== cd), x.dtype);
    }
    return lossMeta(a, classIndexShape(xs, ts, t.dtype), x.dtype);
  },
  kernel: (a) =>
    nn.crossEntropy(a.tensor('input'), a.tensor('target'), {
      weight: a.has('weight') ? a.tensor('weight') : null,
      reduction: reduction(a),
      ignoreIndex: a.int('ignore_index'),
      labelSmoothing: a.number('label_smoothing'),
    }),
});

const nllLoss = op({
  names: ['torch.nn.functional.nll_loss'],
  sig: "input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean'",
  family: 'nn',
  meta(a) {
    const x = a.meta('input');
    const t = a.meta('target');
    const perElement = classIndexShape(shapeOf(x), shapeOf(t), t.dtype);
    if (x.dtype === 'int64' || x.dtype === 'bool') throw runtimeError(`"nll_loss_out_frame" not implemented for '${scalarTypeName(x.dtype)}'`);
    return lossMeta(a, perElement, x.dtype);
  },
  kernel: (a) =>
    nn.nllLoss(a.tensor('input'), a.tensor('target'), {
      weight: a.has('weight') ? a.tensor('weight') : null,
      reduction: reduction(a),
      ignoreIndex: a.int('ignore_index'),
    }),
});

const mseLoss = op({
  names: ['torch.nn.functional.mse_loss'],
  sig: "input, target, size_average=None, reduce=None, reduction='mean'",
  family: 'nn',
  meta(a) {
    const x = a.meta('input');
    const t = a.meta('target');
    return lossMeta(a, broadcast(shapeOf(x), shapeOf(t)), nn.mseLossDtype(x.dtype, t.dtype));
  },
  kernel: (a) => nn.mseLoss(a.tensor('input'), a.tensor('target'), reduction(a)),
});

function sameShapeOrRaise(a: Args, message: (t: string, x: string) => string): void {
  const xs = shapeOf(a.value('input'));
  const ts = shapeOf(a.value('target'));
  if (xs.length !== ts.length || xs.some((s, i) => differ(s, ts[i]))) {
    throw valueError(message(`torch.Size(${fmtShape(ts)})`, `torch.Size(${fmtShape(xs)})`));
  }
}

const bce = op({
  names: ['torch.nn.functional.binary_cross_entropy'],
  sig: "input, target, weight=None, size_average=None, reduce=None, reduction='mean'",
  family: 'nn',
  check: (a) => {
    sameShapeOrRaise(a, (t, x) => `Using a target size (${t}) that is different to the input size (${x}) is deprecated. Please ensure they have the same size.`);
    nn.bceSameDtype(dtypeOf(a.value('input')), dtypeOf(a.value('target')));
  },
  meta: (a) => lossMeta(a, a.meta('input').shape as never, promote(a.meta('input'), a.meta('target'))),
  kernel: (a) => nn.binaryCrossEntropy(a.tensor('input'), a.tensor('target'), a.has('weight') ? a.tensor('weight') : null, reduction(a)),
});

const bceLogits = op({
  names: ['torch.nn.functional.binary_cross_entropy_with_logits'],
  sig: "input, target, weight=None, size_average=None, reduce=None, reduction='mean', pos_weight=None",
  family: 'nn',
  check: (a) => sameShapeOrRaise(a, (t, x) => `Target size (${t}) must be the same as input size (${x})`),
  meta: (a) => lossMeta(a, a.meta('input').shape as never, nn.bceWithLogitsDtype(a.meta('input').dtype, a.meta('target').dtype)),
  kernel: (a) =>
    nn.binaryCrossEntropyWithLogits(
      a.tensor('input'),
      a.tensor('target'),
      a.has('weight') ? a.tensor('weight') : null,
      reduction(a),
      a.has('pos_weight') ? a.tensor('pos_weight') : null,
    ),
});

const oneHot = op({
  names: ['torch.nn.functional.one_hot'],
  sig: 'tensor|input, num_classes=-1',
  family: 'nn',
  check(a) {
    if (dtypeOf(a.value('tensor')) !== 'int64') throw runtimeError('one_hot is only applicable to index tensor.');
  },
  meta(a) {
    const n = a.int('num_classes');
    // Without num_classes the width is max(values) + 1: known only from data.
    return mt(S.oneHotShape(shapeOf(a.meta('tensor')), n === -1 ? unknownDim() : n), 'int64');
  },
  kernel: (a) => nn.oneHot(a.tensor('tensor'), a.int('num_classes')),
});

const normalize = op({
  names: ['torch.nn.functional.normalize'],
  sig: 'input, p=2.0, dim=1, eps=1e-12, out=None',
  family: 'nn',
  check(a) {
    const d = dtypeOf(a.value('input'));
    if (d === 'int64' || d === 'bool') throw runtimeError(`norm(): input dtype should be either floating point or complex. Got ${scalarTypeName(d)} instead.`);
    const shape = shapeOf(a.value('input'));
    normDim(a.int('dim'), shape.length);
  },
  meta: (a) => mt(a.meta('input').shape, a.meta('input').dtype),
  kernel: (a) => nn.normalize(a.tensor('input'), a.number('p'), a.int('dim'), a.number('eps')),
});

const linear = op({
  names: ['torch.nn.functional.linear'],
  sig: 'input, weight, bias=None',
  family: 'nn',
  check(a) {
    // linear transposes the weight with t(), which refuses more than two dims.
    const n = shapeOf(a.value('weight')).length;
    if (n > 2) throw runtimeError(`t() expects a tensor with <= 2 dimensions, but self is ${n}D`);
  },
  meta(a) {
    const x = a.meta('input');
    const w = a.meta('weight');
    const ws = shapeOf(w);
    const wt = ws.length === 2 ? [ws[1], ws[0]] : ws;
    let out = matmulShape(shapeOf(x), wt);
    if (a.has('bias')) out = broadcast(out, shapeOf(a.meta('bias')));
    return mt(out, promote(x, w));
  },
  kernel: (a) => {
    const bias = a.has('bias') ? a.tensor('bias') : null;
    return mmLinear(a.tensor('input'), a.tensor('weight'), bias);
  },
});

function padSizes(a: Args, shape: MShape): Dim[] {
  const p = a.ints('pad');
  const out = [...S.padShape('pad', shape, p)];
  out.forEach((d, i) => {
    if (typeof d === 'number' && d < 0) {
      const k = shape.length - 1 - i;
      throw runtimeError(
        `The input size ${String(shape[i])}, plus negative padding ${p[2 * k]} and ${p[2 * k + 1]} resulted in a negative output size, which is invalid. Check dimension ${i} of your input.`,
      );
    }
  });
  return out;
}

const pad = op({
  names: ['torch.nn.functional.pad'],
  sig: "input, pad, mode='constant', value=None",
  family: 'nn',
  meta: (a) => mt(padSizes(a, shapeOf(a.meta('input'))), a.meta('input').dtype),
  kernel: (a) => {
    const x = a.tensor('input');
    padSizes(a, x.shape);
    return nn.pad(x, a.ints('pad'), a.str('mode'), a.has('value') ? a.scalar('value') : 0);
  },
});

const dropout = op({
  names: ['torch.nn.functional.dropout', 'torch.dropout'],
  sig: 'input, p=0.5, training=True, inplace=False',
  family: 'nn',
  check(a) {
    const p = a.number('p');
    if (p < 0 || p > 1) throw valueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  },
  meta: (a) => mt(a.meta('input').shape, a.meta('input').dtype),
  kernel: (a) => nn.dropout(a.tensor('input'), a.number('p'), a.bool('training'), (shape) => rand(shape)),
});

const layerNorm = op({
  names: ['torch.nn.functional.layer_norm'],
  sig: 'input, normalized_shape, weight=None, bias=None, eps=1e-05',
  family: 'nn',
  check(a) {
    const shape = shapeOf(a.value('input'));
    // Sizes, not ints: the analysis passes symbolic ones (`(x.shape[-1],)`).
    const ns = a.sizes('normalized_shape');
    const tail = shape.slice(shape.length - ns.length);
    if (ns.length === 0 || shape.length < ns.length || tail.some((s, i) => differ(s, ns[i]))) {
      const text = fmtShape(ns).slice(1, -1);
      throw runtimeError(
        `Given normalized_shape=[${text}], expected input with shape [*, ${text}], but got input of size${fmtShape(shape)}`,
      );
    }
  },
  meta: (a) => mt(a.meta('input').shape, a.meta('input').dtype),
  kernel: (a) =>
    nn.layerNorm(
      a.tensor('input'),
      a.ints('normalized_shape'),
      a.has('weight') ? a.tensor('weight') : null,
      a.has('bias') ? a.tensor('bias') : null,
      a.number('eps'),
    ),
});

export const NN: OpEntry[] = [
  softmaxLike('softmax'),
  softmaxLike('log_softmax'),
  crossEntropy,
  nllLoss,
  mseLoss,
  bce,
  bceLogits,
  oneHot,
  normalize,
  linear,
  pad,
  dropout,
  layerNorm,
];
