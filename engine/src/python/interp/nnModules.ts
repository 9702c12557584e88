// Built-in torch.nn layers: their constructor arguments, parameters (weight/bias shapes)
// and forward shape rules. Forward passes go through the same table ops as functional
// code (nn.Linear -> F.linear, nn.Softmax -> softmax), so rules see one op graph.
import type { SyntaxNode } from '../syntax';
import { dimAdd, dimKnownDifferent, dimSub, formatDim, formatShape, unknownDim, type Dim, type Shape } from '../../shape/dim';
import type { Arg, Machine } from './machine';
import { callOp } from './calls';
import { PyError, rangeOf } from './context';
import { UNKNOWN, tuple, type NnModuleValue, type Value } from './values';
import { bindArgs, sig, type Param } from './ops/registry';

const LAYERS: Record<string, string> = {
  Linear: 'in_features, out_features, bias=True, device=None, dtype=None',
  Conv1d: 'in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode=\'zeros\', device=None, dtype=None',
  Conv2d: 'in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode=\'zeros\', device=None, dtype=None',
  Embedding: 'num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, device=None, dtype=None',
  LayerNorm: 'normalized_shape, eps=1e-05, elementwise_affine=True, bias=True, device=None, dtype=None',
  BatchNorm1d: 'num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None',
  BatchNorm2d: 'num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None',
  Dropout: 'p=0.5, inplace=False',
  Dropout2d: 'p=0.5, inplace=False',
  Identity: '*args, **kwargs',
  ReLU: 'inplace=False',
  GELU: 'approximate=\'none\'',
  Tanh: '',
  Sigmoid: '',
  SiLU: 'inplace=False',
  LeakyReLU: 'negative_slope=0.01, inplace=False',
  Softmax: 'dim=None',
  LogSoftmax: 'dim=None',
  Flatten: 'start_dim=1, end_dim=-1',
  Sequential: '*mods',
  ModuleList: 'modules=None',
  MultiheadAttention: 'embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False, add_zero_attn=False, kdim=None, vdim=None, batch_first=False, device=None, dtype=None',
  CrossEntropyLoss: 'weight=None, size_average=None, ignore_index=-100, reduce=None, reduction=\'mean\', label_smoothing=0.0',
  NLLLoss: 'weight=None, size_average=None, ignore_index=-100, reduce=None, reduction=\'mean\'',
  MSELoss: 'size_average=None, reduce=None, reduction=\'mean\'',
  BCELoss: 'weight=None, size_average=None, reduce=None, reduction=\'mean\'',
  BCEWithLogitsLoss: 'weight=None, size_average=None, reduce=None, reduction=\'mean\', pos_weight=None',
};

const ACTIVATION_OPS: Record<string, string> = {
  ReLU: 'torch.nn.functional.relu', GELU: 'torch.nn.functional.gelu', Tanh: 'torch.tanh', Sigmoid: 'torch.sigmoid', SiLU: 'torch.nn.functional.silu',
  LeakyReLU: 'torch.nn.functional.leaky_relu', Dropout: 'torch.nn.functional.dropout', Dropout2d: 'torch.nn.functional.dropout',
};

const PARSED = new Map<string, Param[]>();

export function isNnLayerName(qualname: string): boolean {
  return qualname.startsWith('torch.nn.') && qualname.slice(9) in LAYERS;
}

function dimOf(v: Value | undefined): Dim {
  return v && v.kind === 'int' ? v.value : unknownDim();
}

function pair(v: Value | undefined): [Dim, Dim] {
  if (v && (v.kind === 'tuple' || v.kind === 'list') && v.items.length === 2) return [dimOf(v.items[0]), dimOf(v.items[1])];
  return [dimOf(v), dimOf(v)];
}

function param(m: Machine, shape: Shape, node: SyntaxNode, name: string): Value {
  return m.ctx.tensor(shape, 'float32', m.ctx.node('input', node, [], { name }));
}

export function constructNnModule(m: Machine, type: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode): Value {
  if (!PARSED.has(type)) PARSED.set(type, sig(LAYERS[type].replace('**kwargs', '')));
  const kw = new Map<string, Value>();
  for (const [k, a] of kwargs) kw.set(k, a.value);
  const params = PARSED.get(type)!;
  const bound = type === 'Identity' ? new Map<string, Value>() : bindArgs(params, args.map((a) => a.value), kw);
  if (!bound) return UNKNOWN;
  // A plain loop: constructors run once per layer of every network a file builds, and
  // Object.fromEntries on a Map costs several times more (parameter names are plain words).
  const config: Record<string, Value> = {};
  for (const [k, v] of bound) config[k] = v;
  const mod: NnModuleValue = { kind: 'nn', type, config, children: [], attrs: new Map(), node };
  if (type === 'Sequential') {
    const mods = bound.get('mods');
    mod.children = mods && mods.kind === 'tuple' ? (mods.items.length === 1 && mods.items[0].kind === 'dict' ? [...mods.items[0].entries.values()] : mods.items) : [];
  }
  if (type === 'ModuleList') {
    const list = bound.get('modules');
    mod.children = list && (list.kind === 'list' || list.kind === 'tuple') ? [...list.items] : [];
    if (list && list.kind !== 'none' && list.kind !== 'list' && list.kind !== 'tuple') return UNKNOWN;
  }
  if (type === 'Linear') {
    mod.attrs.set('weight', param(m, [dimOf(config.out_features), dimOf(config.in_features)], node, 'weight'));
    mod.attrs.set('bias', param(m, [dimOf(config.out_features)], node, 'bias'));
  }
  if (type === 'Embedding') mod.attrs.set('weight', param(m, [dimOf(config.num_embeddings), dimOf(config.embedding_dim)], node, 'weight'));
  if (type === 'Conv1d' || type === 'Conv2d') {
    const k = type === 'Conv1d' ? [dimOf(config.kernel_size)] : pair(config.kernel_size);
    mod.attrs.set('weight', param(m, [dimOf(config.out_channels), dimOf(config.in_channels), ...k], node, 'weight'));
  }
  return mod;
}

export function nnAttr(m: Machine, mod: NnModuleValue, name: string): Value {
  const own = mod.attrs.get(name);
  if (own !== undefined) return own;
  if (name in mod.config) return mod.config[name];
  if (name === 'forward') return { kind: 'method', self: mod, qualname: 'nn.forward' };
  void m;
  return UNKNOWN;
}

function problem(m: Machine, node: SyntaxNode, kind: 'matmul' | 'other', reason: string, x: Arg): Value {
  if (m.ctx.mode === 'run') throw new PyError('RuntimeError', reason);
  m.ctx.problem({
    op: 'torch.nn.Module', kind, torchType: 'RuntimeError', reason, range: rangeOf(node), text: node.text,
    operands: x.syntax && x.value.kind === 'tensor' ? [{ text: x.syntax.text, range: rangeOf(x.syntax), shape: formatShape(x.value.shape) }] : [],
  });
  return UNKNOWN;
}

/** Output length of a convolution along one axis; unknown unless it is provable. */
function convLength(len: Dim, k: Dim, s: Dim, p: Dim, d: Dim): Dim {
  const [L, K, S, P, D] = [len, k, s, p, d];
  if ([L, K, S, P, D].every((x) => typeof x === 'number')) {
    return Math.floor(((L as number) + 2 * (P as number) - (D as number) * ((K as number) - 1) - 1) / (S as number) + 1);
  }
  if (S === 1 && typeof K === 'number' && typeof P === 'number' && typeof D === 'number') return dimAdd(dimSub(L, D * (K - 1)), 2 * P);
  return unknownDim();
}

export function callNnModule(m: Machine, modValue: Value, method: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode): Value {
  if (modValue.kind !== 'nn' || method !== 'forward') return UNKNOWN;
  const mod = modValue;
  const x = args[0] ?? kwargs.get('input');
  const c = mod.config;
  switch (mod.type) {
    case 'Sequential': {
      let cur: Arg | undefined = x;
      for (const child of mod.children) {
        if (!cur) return UNKNOWN;
        const out: Value = child.kind === 'nn' ? callNnModule(m, child, 'forward', [cur], new Map(), node) : UNKNOWN;
        cur = { value: out, syntax: cur.syntax };
      }
      return cur?.value ?? UNKNOWN;
    }
    case 'Identity':
      return x?.value ?? UNKNOWN;
    case 'Linear':
      if (!x) return UNKNOWN;
      return callOp(m, 'torch.nn.functional.linear', [x, { value: mod.attrs.get('weight')!, syntax: null }], new Map(), node);
    case 'Softmax':
    case 'LogSoftmax':
      if (!x) return UNKNOWN;
      return callOp(m, mod.type === 'Softmax' ? 'torch.nn.functional.softmax' : 'torch.nn.functional.log_softmax', [x], new Map([['dim', { value: c.dim, syntax: null }]]), node);
    case 'Flatten':
      if (!x) return UNKNOWN;
      return callOp(m, 'torch.flatten', [x, { value: c.start_dim, syntax: null }, { value: c.end_dim, syntax: null }], new Map(), node);
    case 'CrossEntropyLoss':
    case 'NLLLoss':
    case 'MSELoss':
    case 'BCELoss':
    case 'BCEWithLogitsLoss': {
      const fns: Record<string, string> = { CrossEntropyLoss: 'cross_entropy', NLLLoss: 'nll_loss', MSELoss: 'mse_loss', BCELoss: 'binary_cross_entropy', BCEWithLogitsLoss: 'binary_cross_entropy_with_logits' };
      const fn = fns[mod.type];
      if (args.length < 2) return UNKNOWN;
      return callOp(m, `torch.nn.functional.${fn}`, args.slice(0, 2), new Map([['reduction', { value: c.reduction, syntax: null }]]), node);
    }
    case 'Embedding':
      if (!x) return UNKNOWN;
      return callOp(m, 'torch.nn.functional.embedding', [x, { value: mod.attrs.get('weight')!, syntax: null }], new Map(), node);
    default:
      break;
  }
  if (mod.type in ACTIVATION_OPS) return x ? callOp(m, ACTIVATION_OPS[mod.type], [x], new Map(), node) : UNKNOWN;
  if (!x || x.value.kind !== 'tensor') return UNKNOWN;
  const t = x.value;
  const out = (shape: Shape | null): Value => m.ctx.tensor(shape, t.dtype, m.ctx.node(`torch.nn.${mod.type}`, node, [t.node], {}));
  if (t.shape === null) return out(null);
  const s = t.shape;
  switch (mod.type) {
    case 'LayerNorm': {
      const ns = c.normalized_shape;
      const norm: Dim[] = ns.kind === 'int' ? [ns.value] : ns.kind === 'tuple' || ns.kind === 'list' ? ns.items.map(dimOf) : [];
      const tail = s.slice(s.length - norm.length);
      if (norm.length > s.length || norm.some((d, i) => dimKnownDifferent(d, tail[i]))) {
        return problem(m, node, 'other', `nn.LayerNorm(${norm.map(formatDim).join(', ')}) expects input with shape (*, ${norm.map(formatDim).join(', ')}), got ${formatShape(s)}`, x);
      }
      return out(s);
    }
    case 'BatchNorm1d':
    case 'BatchNorm2d': {
      if (s.length >= 2 && dimKnownDifferent(s[1], dimOf(c.num_features))) {
        return problem(m, node, 'other', `nn.${mod.type}(${formatDim(dimOf(c.num_features))}) expects ${formatDim(dimOf(c.num_features))} channels in dim 1, got ${formatShape(s)}`, x);
      }
      return out(s);
    }
    case 'Conv1d':
    case 'Conv2d': {
      const spatial = mod.type === 'Conv1d' ? 1 : 2;
      if (s.length !== spatial + 1 && s.length !== spatial + 2) return out(null);
      const chAxis = s.length - spatial - 1;
      if (dimKnownDifferent(s[chAxis], dimOf(c.in_channels))) {
        return problem(m, node, 'matmul', `nn.${mod.type}(in_channels=${formatDim(dimOf(c.in_channels))}) got input ${formatShape(s)} with ${formatDim(s[chAxis])} channels`, x);
      }
      const k = mod.type === 'Conv1d' ? [dimOf(c.kernel_size)] : pair(c.kernel_size);
      const st = mod.type === 'Conv1d' ? [dimOf(c.stride)] : pair(c.stride);
      const pd = c.padding.kind === 'str' ? null : mod.type === 'Conv1d' ? [dimOf(c.padding)] : pair(c.padding);
      const dl = mod.type === 'Conv1d' ? [dimOf(c.dilation)] : pair(c.dilation);
      const lens = s.slice(chAxis + 1).map((L, i) => (pd === null ? (c.padding.kind === 'str' && c.padding.value === 'same' ? L : unknownDim()) : convLength(L, k[i], st[i], pd[i], dl[i])));
      return out([...s.slice(0, chAxis), dimOf(c.out_channels), ...lens]);
    }
    case 'MultiheadAttention': {
      const e = dimOf(c.embed_dim);
      if (dimKnownDifferent(s[s.length - 1], e)) {
        return problem(m, node, 'matmul', `nn.MultiheadAttention(embed_dim=${formatDim(e)}) got query ${formatShape(s)} with last dim ${formatDim(s[s.length - 1])}`, x);
      }
      const key = args[1]?.value;
      const batchFirst = c.batch_first.kind === 'bool' && c.batch_first.value === true;
      let weights: Shape | null = null;
      if (key && key.kind === 'tensor' && key.shape && s.length === 3 && key.shape.length === 3) {
        weights = batchFirst ? [s[0], s[1], key.shape[1]] : [s[1], s[0], key.shape[0]];
      }
      const w = m.ctx.tensor(weights, t.dtype, m.ctx.node('torch.nn.MultiheadAttention', node, [t.node], { output: 'weights' }));
      return tuple([out(s), w]);
    }
    default:
      return UNKNOWN;
  }
}

