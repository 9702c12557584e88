// repr() of the built-in nn layers, as torch 1.13 prints them (`print(model)` in a cell):
// each layer's extra_repr from its constructor arguments, containers with their children
// indented. Null when any argument the printout needs is not known.
import type { NnModuleValue, Value } from './values';
import { reprOf } from './pyFormat';

type Config = Record<string, Value | undefined>;

export function moduleRepr(mod: NnModuleValue): string | null {
  if (mod.type === 'Sequential' || mod.type === 'ModuleList') {
    const lines: string[] = [];
    for (const [i, child] of mod.children.entries()) {
      if (child.kind !== 'nn') return null;
      const r = moduleRepr(child);
      if (r === null) return null;
      lines.push(`(${i}): ${indent(r)}`);
    }
    return lines.length === 0 ? `${mod.type}()` : `${mod.type}(\n${lines.map((l) => `  ${l}`).join('\n')}\n)`;
  }
  if (mod.type === 'MultiheadAttention') {
    const dim = mod.config.embed_dim ? reprOf(mod.config.embed_dim) : null;
    const bias = truth(mod.config.bias, true);
    if (dim === null || bias === null) return null;
    return `MultiheadAttention(\n  (out_proj): NonDynamicallyQuantizableLinear(in_features=${dim}, out_features=${dim}, bias=${pyBool(bias)})\n)`;
  }
  const extra = extraRepr(mod.type, mod.config);
  return extra === null ? null : `${mod.type}(${extra})`;
}

/** Child lines after the first move right with their parent, as torch's _addindent does. */
function indent(text: string): string {
  return text.split('\n').join('\n  ');
}

function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** A bool-ish argument (torch tests truthiness), or null when unknown. */
function truth(v: Value | undefined, fallback: boolean): boolean | null {
  if (v === undefined) return fallback;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'none') return false;
  if (v.kind === 'int') return typeof v.value === 'number' ? v.value !== 0 : null;
  return null;
}

/** An int or tuple argument as torch stores it for conv layers: always an n-tuple. */
function ntuple(v: Value | undefined, n: number): string | null {
  if (!v) return null;
  if (v.kind === 'tuple' || v.kind === 'list') {
    const items = v.items.map(reprOf);
    if (items.some((x) => x === null)) return null;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  const one = reprOf(v);
  if (one === null || v.kind !== 'int') return null;
  return n === 1 ? `(${one},)` : `(${Array(n).fill(one).join(', ')})`;
}

function extraRepr(type: string, c: Config): string | null {
  const r = (v: Value | undefined) => (v ? reprOf(v) : null);
  const all = (parts: Array<string | null>): string | null => (parts.some((p) => p === null) ? null : parts.join(', '));
  switch (type) {
    case 'Linear': {
      const bias = truth(c.bias, true);
      return bias === null ? null : all([withName('in_features', r(c.in_features)), withName('out_features', r(c.out_features)), `bias=${pyBool(bias)}`]);
    }
    case 'Conv1d':
    case 'Conv2d': {
      const n = type === 'Conv1d' ? 1 : 2;
      const parts = [r(c.in_channels), r(c.out_channels)];
      const kernel = ntuple(c.kernel_size, n);
      const stride = ntuple(c.stride, n);
      if (kernel === null || stride === null) return null;
      parts.push(`kernel_size=${kernel}`, `stride=${stride}`);
      const padding = c.padding?.kind === 'str' ? c.padding.value : ntuple(c.padding, n);
      if (padding === null) return null;
      if (padding !== ntuple({ kind: 'int', value: 0 }, n)) parts.push(`padding=${padding}`);
      const dilation = ntuple(c.dilation, n);
      if (dilation === null) return null;
      if (dilation !== ntuple({ kind: 'int', value: 1 }, n)) parts.push(`dilation=${dilation}`);
      const groups = r(c.groups);
      if (groups !== '1') parts.push(groups === null ? null : `groups=${groups}`);
      const bias = truth(c.bias, true);
      if (bias === null) return null;
      if (!bias) parts.push('bias=False');
      const mode = c.padding_mode?.kind === 'str' ? c.padding_mode.value : null;
      if (mode === null) return null;
      if (mode !== 'zeros') parts.push(`padding_mode=${mode}`);
      return all(parts);
    }
    case 'Embedding': {
      const parts = [r(c.num_embeddings), r(c.embedding_dim)];
      if (c.padding_idx && c.padding_idx.kind !== 'none') parts.push(withName('padding_idx', r(c.padding_idx)));
      if (c.max_norm && c.max_norm.kind !== 'none') parts.push(withName('max_norm', r(c.max_norm)));
      const norm = r(c.norm_type);
      if (norm !== '2.0' && norm !== '2') parts.push(withName('norm_type', norm));
      const scale = truth(c.scale_grad_by_freq, false);
      const sparse = truth(c.sparse, false);
      if (scale === null || sparse === null) return null;
      if (scale) parts.push('scale_grad_by_freq=True');
      if (sparse) parts.push('sparse=True');
      return all(parts);
    }
    case 'LayerNorm': {
      // torch keeps normalized_shape as a tuple, however it was given.
      const shape = ntuple(c.normalized_shape, 1);
      const affine = truth(c.elementwise_affine, true);
      return affine === null ? null : all([shape, withName('eps', r(c.eps)), `elementwise_affine=${pyBool(affine)}`]);
    }
    case 'BatchNorm1d':
    case 'BatchNorm2d': {
      const affine = truth(c.affine, true);
      const track = truth(c.track_running_stats, true);
      if (affine === null || track === null) return null;
      return all([r(c.num_features), withName('eps', r(c.eps)), withName('momentum', r(c.momentum)), `affine=${pyBool(affine)}`, `track_running_stats=${pyBool(track)}`]);
    }
    case 'Dropout':
    case 'Dropout2d': {
      const inplace = truth(c.inplace, false);
      return inplace === null ? null : all([withName('p', r(c.p)), `inplace=${pyBool(inplace)}`]);
    }
    case 'ReLU':
    case 'SiLU': {
      const inplace = truth(c.inplace, false);
      return inplace === null ? null : inplace ? 'inplace=True' : '';
    }
    case 'LeakyReLU': {
      const inplace = truth(c.inplace, false);
      if (inplace === null) return null;
      return all([withName('negative_slope', r(c.negative_slope)), ...(inplace ? ['inplace=True'] : [])]);
    }
    case 'GELU':
      return withName('approximate', r(c.approximate));
    case 'Softmax':
    case 'LogSoftmax':
      return withName('dim', r(c.dim));
    case 'Flatten':
      return all([withName('start_dim', r(c.start_dim)), withName('end_dim', r(c.end_dim))]);
    case 'Identity':
    case 'Tanh':
    case 'Sigmoid':
    case 'CrossEntropyLoss':
    case 'NLLLoss':
    case 'MSELoss':
    case 'BCELoss':
    case 'BCEWithLogitsLoss':
      return '';
    default:
      return null;
  }
}

function withName(name: string, value: string | null): string | null {
  return value === null ? null : `${name}=${value}`;
}
