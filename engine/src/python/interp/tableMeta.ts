// The analysis path through the shared torch table (engine/src/torch): interpreter values
// become the table's meta conventions, the entry's shape rule runs, and its result comes back
// as values with op-graph nodes. One table then drives both `run` and the analysis.
//
// The table needs complete facts (a full shape, one of its dtypes, concrete ints) where the
// interpreter may only know part of them. A missing fact is filled with a placeholder so the
// rule still reveals the result's structure (one tensor, or values+indices), and every fact
// the placeholder could have decided is dropped from the result: a placeholder never
// produces a problem, a shape or a dtype. "Provable or silent".
import type { SyntaxNode } from '../syntax';
import { formatDim, formatShape, unknownDim, type Dim } from '../../shape/dim';
import type { MetaResult, OpEntry } from '../../torch/types';
import { OpCall, type Param } from './ops/registry';
import { rangeOf, type OperandInfo, type ProblemKind } from './context';
import type { Arg, Machine } from './machine';
import { UNKNOWN, NONE, tuple, type DType, type Value } from './values';
import { torchTable } from './concrete';
import { afterTableRule, beforeTableRule } from './tableHooks';

/** Families whose analysis runs on the table; the interpreter keeps no rule of its own for them. */
const TABLE_FAMILIES = new Set(['reduction', 'elementwise', 'matmul', 'nn', 'property', 'creation', 'shape']);
/**
 * Names kept on the interpreter's own rules: `x.to(device)` and `x.type(...)` usually get an
 * argument the analysis cannot know, and the table cannot tell a device from a dtype then.
 */
const INTERPRETER_NAMES = new Set(['Tensor.to', 'Tensor.type']);
/**
 * Indexing-family entries on the table; `x[...]` itself (Tensor.__getitem__/__setitem__) keeps
 * the interpreter's index rule, which knows partial facts (unknown index dtypes) the table needs.
 */
const TABLE_INDEXING = new Set(['torch.gather', 'torch.index_select', 'torch.masked_fill', 'torch.tril', 'torch.triu', 'Tensor.masked_fill_', 'Tensor.tril_', 'Tensor.triu_']);

const TABLE_DTYPES = new Set<string>(['float32', 'float64', 'int64', 'bool']);
/** One dtype of each kind torch's rules tell apart (floating, integral, bool). */
const PLACEHOLDER_DTYPES = ['float32', 'int64', 'bool'] as const;
/**
 * Ranks given to tensors of unknown rank. The first probe reveals the result's structure; its
 * shapes are facts only when the other ranks give the same ones (`x.view(n, -1)`, `x.sum()`).
 */
const PROBE_RANKS = [6, 3, 1];

/**
 * In-place methods whose result has the out-of-place shape but which the table does not list
 * (its in-place entries must keep self's shape): the analysis reads them as the out-of-place op.
 */
const ANALYSIS_ALIASES: Record<string, string> = { 'Tensor.transpose_': 'torch.transpose', 'Tensor.unsqueeze_': 'torch.unsqueeze' };

export function tableEntryFor(name: string): OpEntry | undefined {
  if (INTERPRETER_NAMES.has(name)) return undefined;
  const entry = torchTable()?.findOp(ANALYSIS_ALIASES[name] ?? name);
  if (!entry || entry.family === undefined) return undefined;
  return TABLE_FAMILIES.has(entry.family) || TABLE_INDEXING.has(entry.names[0]) ? entry : undefined;
}

interface Conversion {
  /** A scalar argument's value was a placeholder: no error is a fact. */
  valueGuess: boolean;
  /** Ints the family's shape rules never size anything by (elementwise operands). */
  intsShapeFree: boolean;
  /**
   * Floats and bools size nothing outside the constructors (`arange(0, x, 0.5)`): an unknown
   * `p=` of dropout or `eps=` of layer_norm leaves the shape a fact.
   */
  floatsShapeFree: boolean;
  /**
   * Placeholder dtypes for the tensors whose dtype the interpreter does not know, in argument
   * order: base-3 digit i of the combination picks the i-th one's (see PLACEHOLDER_DTYPES).
   */
  dtypeCombo: number;
  /** How many tensor dtypes were placeholders. */
  dtypeGuesses: number;
  /** A shape, size or int was a placeholder: result shapes are not facts. */
  shapeGuess: boolean;
  /** A tensor of unknown rank got `probeRank` unknown dims. */
  rankGuess: boolean;
  probeRank: number;
  /** A tensor dtype was a placeholder: result dtypes are not facts. */
  dtypeGuess: boolean;
}

function conversion(entry: OpEntry, dtypeCombo: number, probeRank = PROBE_RANKS[0]): Conversion {
  return {
    rankGuess: false, probeRank,
    dtypeCombo, dtypeGuesses: 0, intsShapeFree: entry.family === 'elementwise', floatsShapeFree: entry.family !== 'creation',
    valueGuess: false, shapeGuess: false, dtypeGuess: false,
  };
}

function toMeta(v: Value, conv: Conversion): unknown {
  switch (v.kind) {
    case 'tensor': {
      let shape: readonly Dim[] | null = v.shape;
      if (shape === null) {
        conv.rankGuess = true;
        shape = Array.from({ length: conv.probeRank }, () => unknownDim());
      }
      let dtype: string | null = v.dtype;
      if (dtype === null || !TABLE_DTYPES.has(dtype)) {
        conv.dtypeGuess = true;
        dtype = PLACEHOLDER_DTYPES[Math.floor(conv.dtypeCombo / 3 ** conv.dtypeGuesses) % 3];
        conv.dtypeGuesses++;
      }
      return { kind: 'meta', shape: [...shape], dtype };
    }
    case 'int':
      if (typeof v.value === 'number') return BigInt(v.value);
      if (conv.intsShapeFree) return guessedScalar(conv, 2n, true);
      // A symbolic or unknown size stays a dim: sizes take it as one, and a reader that needs
      // a concrete int rejects it with a TypeError, which is never a fact.
      return v.value;
    case 'float':
      return v.value ?? guessedScalar(conv, 0.5, conv.floatsShapeFree);
    case 'bool':
      return v.value ?? guessedScalar(conv, false, conv.floatsShapeFree);
    case 'none':
      return null;
    case 'str':
      return v.value;
    case 'dtype':
      return { kind: 'dtype', name: v.name };
    case 'tuple':
    case 'list':
      return v.items.map((x) => toMeta(x, conv));
    default:
      // An unknown dim: a size reader takes it as an unknown size (`torch.ones(dim, 1, 1)`),
      // every other reader rejects it with a TypeError, which is never a fact. Its type is
      // unknown too (`arange(0, n)` is float32 when n is a float), so no dtype is a fact.
      conv.valueGuess = true;
      conv.dtypeGuess = true;
      return unknownDim();
  }
}

/**
 * Arguments that tune values, never shapes, and the placeholder an unknown one takes
 * (`p=self.p`, `training=self.training`, `max=math.log(...)`), so the result's shape is still a
 * fact. `reduction` is not one of them: 'none' keeps the per-element shape.
 */
const SHAPE_FREE_PLACEHOLDERS: Record<string, unknown> = {
  p: 0.5, eps: 1e-5, training: false, inplace: false, momentum: 0.1, negative_slope: 0.01, alpha: 1, beta: 1, delta: 1,
  approximate: 'none', label_smoothing: 0, ignore_index: -100n, value: 0.5, min: 0.5, max: 0.5, threshold: 0.5, lambd: 0.5,
  fill_value: 0.5, low: 0n, high: 2n, device: null, non_blocking: false, copy: false, requires_grad: false, pin_memory: false,
  memory_format: null, generator: null, layout: null, log_target: false, pos_weight: null, size_average: null, reduce: null,
};

/** Parameters that hold sizes (ints or symbolic dims), never tensors. */
const SIZE_PARAMS = new Set(['size', 'shape', 'sizes', 'repeats']);

/**
 * In a size, a tensor is a value the analysis could not follow as an int (a parameter of a
 * function nobody calls, `size[1]` of one, a 0-d tensor used through `__index__`): an unknown size.
 */
function sizeItem(v: Value, conv: Conversion): unknown {
  if (v.kind === 'tensor') {
    conv.valueGuess = true;
    return unknownDim();
  }
  return toMeta(v, conv);
}

function toMetaArg(name: string, v: Value, conv: Conversion): unknown {
  // One value of unknown kind where sizes go may be a whole size tuple: the rank is unknown.
  const single = (v.kind === 'tuple' || v.kind === 'list') && v.items.length === 1 ? v.items[0] : null;
  if (single && (single.kind === 'unknown' || (single.kind === 'tensor' && single.shape === null))) conv.shapeGuess = true;
  if (SIZE_PARAMS.has(name)) {
    if (v.kind !== 'tuple' && v.kind !== 'list') return sizeItem(v, conv);
    if (single && (single.kind === 'tuple' || single.kind === 'list')) return single.items.map((x) => sizeItem(x, conv));
    return v.items.map((x) => sizeItem(x, conv));
  }
  if (name === 'data') return literalData(v, conv);
  if (v.kind === 'unknown' && name === 'dtype') {
    conv.dtypeGuess = true;
    return null;
  }
  const unknownScalar = v.kind === 'unknown' || ((v.kind === 'float' || v.kind === 'bool') && v.value === null)
    || (v.kind === 'int' && typeof v.value !== 'number');
  if (unknownScalar && name in SHAPE_FREE_PLACEHOLDERS) {
    conv.valueGuess = true;
    return SHAPE_FREE_PLACEHOLDERS[name];
  }
  return toMeta(v, conv);
}

/**
 * `torch.tensor(data)`: only the nesting sizes the result, so a number of unknown value in it
 * is a placeholder that decides nothing (`torch.tensor([n])`).
 */
function literalData(v: Value, conv: Conversion): unknown {
  if (v.kind === 'tuple' || v.kind === 'list') return v.items.map((x) => literalData(x, conv));
  const known = (v.kind === 'int' && typeof v.value === 'number') || ((v.kind === 'float' || v.kind === 'bool') && v.value !== null);
  if (known || v.kind === 'tensor' || v.kind === 'none' || v.kind === 'str') return toMeta(v, conv);
  conv.valueGuess = true;
  if (v.kind === 'int') return 1n;
  if (v.kind === 'float') return 0.5;
  if (v.kind === 'bool') return false;
  // Of unknown kind, it may be a whole nested list: neither the shape nor the dtype is a fact.
  conv.shapeGuess = true;
  conv.dtypeGuess = true;
  return 0.5;
}

function guessedScalar<T>(conv: Conversion, placeholder: T, shapeFree: boolean): T {
  conv.valueGuess = true;
  if (!shapeFree) conv.shapeGuess = true;
  return placeholder;
}

/** A table default (Python conventions of the table) as an interpreter value, for node params. */
function fromDefault(d: unknown): Value {
  if (d === null) return NONE;
  if (typeof d === 'bigint') return { kind: 'int', value: Number(d) };
  if (typeof d === 'number') return { kind: 'float', value: d };
  if (typeof d === 'boolean') return { kind: 'bool', value: d };
  if (typeof d === 'string') return { kind: 'str', value: d };
  if (Array.isArray(d)) return tuple(d.map(fromDefault));
  return UNKNOWN;
}

/** Binds interpreter values to the entry's signature; null when Python would reject the call. */
function bind(entry: OpEntry, args: Arg[], kwargs: Map<string, Arg>): Map<string, Value> | null {
  const table = torchTable();
  if (!table) return null;
  const keywords: Record<string, unknown> = {};
  for (const [k, a] of kwargs) keywords[k] = a.value;
  let raw: Record<string, unknown>;
  try {
    raw = table.bindArgs(entry, args.map((a) => a.value), keywords);
  } catch {
    return null;
  }
  const bound = new Map<string, Value>();
  for (const p of entry.params) {
    const v = raw[p.name];
    if (Array.isArray(v)) bound.set(p.name, tuple(v.map((x) => (isValue(x) ? x : fromDefault(x)))));
    else bound.set(p.name, isValue(v) ? v : fromDefault(v));
  }
  return bound;
}

function hasTensor(v: Value): boolean {
  return v.kind === 'tensor' || ((v.kind === 'tuple' || v.kind === 'list') && v.items.some(hasTensor));
}

/** Bound values are the interpreter's (objects with a kind); the table's defaults never are. */
function isValue(x: unknown): x is Value {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as { kind?: unknown }).kind === 'string';
}

const LOSSES = /\.(cross_entropy|nll_loss|binary_cross_entropy|binary_cross_entropy_with_logits|mse_loss|l1_loss|smooth_l1_loss|huber_loss|kl_div)$/;

const RESHAPES = /^(Tensor\.view|torch\.reshape|torch\.flatten|torch\.unflatten|Tensor\.view_as|Tensor\.reshape_as)$/;
const CONCATS = /^(torch\.cat|torch\.stack)$/;
const EXPANDS = /^(Tensor\.expand|Tensor\.expand_as)$/;
const DIM_ORDERS = /^(torch\.permute|Tensor\.repeat|torch\.tile)$/;

/** torch's wordings for an op refusing a dtype (not a shape): the dtype-mismatch rule. */
const DTYPE_ERRORS = new RegExp([
  "not implemented for '(Bool|Long|Float|Double)'",
  'could not infer output dtype',
  'only support floating point and complex dtypes',
  'input dtype should be either floating point or complex',
  'expected scalar type \\w+ but found \\w+',
  "result type \\w+ can't be cast to the desired output type",
  'Boolean inputs not supported',
  'with (two bool tensors|a bool tensor) is not supported',
  'on a bool tensor is not supported',
  'Expected floating point type for target with class probabilities',
].join('|'));

/** Which shape rule reports an error the table proved (kinds without a rule are kept as 'other'). */
function problemKind(entry: OpEntry, e: { message: string; op?: unknown }): ProblemKind {
  const name = entry.names[0];
  if (/Dimension out of range|appears multiple times|but tensor has no dimensions|expects at least a 1-dimensional tensor|cannot be applied to a 0-dim tensor|is out of bounds for dimension|out of range for tensor of size|only supported on matrices or batches of matrices/.test(e.message)) return 'dim';
  if (LOSSES.test(name)) return 'loss';
  if (DTYPE_ERRORS.test(e.message)) return 'dtype';
  if (/only one element tensors can be converted/.test(e.message)) return 'item';
  if (entry.family === 'matmul' || name === 'torch.nn.functional.linear') return 'matmul';
  if (RESHAPES.test(name)) return 'reshape';
  if (CONCATS.test(name)) return 'concat';
  if (EXPANDS.test(name)) return 'broadcast';
  if (DIM_ORDERS.test(name)) return 'dim';
  return e.op === 'broadcast' ? 'broadcast' : 'other';
}

function operandInfo(arg: Arg): OperandInfo | null {
  if (arg.value.kind !== 'tensor' || !arg.syntax) return null;
  const info: OperandInfo = { text: arg.syntax.text, range: rangeOf(arg.syntax), shape: formatShape(arg.value.shape) };
  const n = arg.value.node;
  if (n.text && n.text !== arg.syntax.text && n.op !== 'unknown') info.origin = { text: n.text, range: n.range };
  return info;
}

function shortName(op: string): string {
  return op.slice(op.lastIndexOf('.') + 1);
}

/** A Python value in the table's conventions (ints are bigints or symbolic dims; sizes are arrays). */
function fromPython(v: unknown): Value {
  if (typeof v === 'bigint') return { kind: 'int', value: Number(v) };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'number') return { kind: 'float', value: v };
  if (typeof v === 'string') return { kind: 'str', value: v };
  if (v === null) return NONE;
  if (Array.isArray(v)) {
    const items = v.map(fromPython);
    // Only torch.Size reaches here as a sequence of ints.
    return tuple(items, items.every((x) => x.kind === 'int') ? { isSize: true } : {});
  }
  const kind = typeof v === 'object' ? (v as { kind?: unknown }).kind : undefined;
  if (kind === 'sym' || kind === 'unknown') return { kind: 'int', value: v as Dim };
  if (kind === 'dtype') return { kind: 'dtype', name: (v as { name: DType }).name };
  return UNKNOWN;
}

/** torch's message, after the shapes involved in the interpreter's symbolic notation. */
function reasonFor(op: string, e: { message: string; operands?: unknown }): string {
  const shapes = Array.isArray(e.operands) ? (e.operands as Dim[][]).filter((x) => Array.isArray(x)) : [];
  const shown = shapes.length === 2 ? `${formatShape(shapes[0])} and ${formatShape(shapes[1])}: ` : shapes.length === 1 ? `${formatShape(shapes[0])}: ` : '';
  return `${shortName(op)}: ${shown}${e.message}`;
}

function fromMeta(call: OpCall, r: MetaResult, conv: Conversion, extra: Record<string, unknown>): Value {
  switch (r.kind) {
    case 'meta':
      return call.out(conv.shapeGuess ? null : [...r.shape], conv.dtypeGuess ? null : (r.dtype as DType), extra);
    case 'tuple':
      return tuple(
        r.items.map((x, i) => fromMeta(call, x, conv, r.names ? { ...extra, output: r.names[i] } : extra)),
        r.names ? { names: r.names } : {},
      );
    case 'python':
      return conv.shapeGuess ? UNKNOWN : fromPython(r.value);
    default:
      return UNKNOWN;
  }
}

/** Most unknown dtypes whose combinations are tried before an error counts as unprovable. */
const MAX_DTYPE_GUESSES = 3;

/**
 * With dtypes unknown, an error is a fact only when the call raises whichever kind of dtype
 * (floating, integral, bool) each unknown tensor has; the all-float32 call already raised. A
 * call may fail on its dtype rather than its shape for some kinds, which still fails.
 */
function raisesForEveryDtype(entry: OpEntry, bound: Map<string, Value>, guesses: number): boolean {
  if (guesses > MAX_DTYPE_GUESSES) return false;
  for (let combo = 1; combo < 3 ** guesses; combo++) {
    const conv = conversion(entry, combo);
    const raw: Record<string, unknown> = {};
    for (const [k, v] of bound) raw[k] = toMetaArg(k, v, conv);
    try {
      entry.meta(raw);
      return false;
    } catch (e) {
      const err = e as { name?: unknown; torchType?: unknown };
      if (typeof err.torchType !== 'string' || err.torchType === 'TypeError' || err.name === 'MetaUnknown') return false;
    }
  }
  return true;
}

/**
 * The float32 placeholders made the rule raise (`masked_fill` wants a bool mask): the result
 * of the dtype kinds that do not raise, when they all agree on its shapes; else null.
 */
function agreeingResult(entry: OpEntry, bound: Map<string, Value>, guesses: number): MetaResult | null {
  if (guesses > MAX_DTYPE_GUESSES) return null;
  let found: MetaResult | null = null;
  let key = '';
  for (let combo = 1; combo < 3 ** guesses; combo++) {
    const conv = conversion(entry, combo);
    const raw: Record<string, unknown> = {};
    for (const [k, v] of bound) raw[k] = toMetaArg(k, v, conv);
    let r: MetaResult;
    try {
      r = entry.meta(raw);
    } catch {
      continue;
    }
    const shapes = JSON.stringify(shapesOf(r));
    if (found !== null && shapes !== key) return null;
    found = r;
    key = shapes;
  }
  return found;
}

/** What two probes must agree on: shapes, and Python values (`x.dim()` depends on the rank). */
function shapesOf(r: MetaResult): unknown {
  if (r.kind === 'meta') return r.shape.map((d) => (typeof d === 'number' ? d : formatDim(d)));
  if (r.kind === 'tuple') return r.items.map(shapesOf);
  if (r.kind === 'python') return pythonKey(r.value);
  return r.kind;
}

function pythonKey(v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return v.map(pythonKey);
  if (typeof v === 'object' && v !== null && ((v as { kind?: unknown }).kind === 'sym' || (v as { kind?: unknown }).kind === 'unknown')) return formatDim(v as Dim);
  return v;
}

/**
 * Runs a table entry's shape rule on interpreter values. A proven error becomes a problem
 * (with operand provenance) and an unknown result; anything unprovable is an unknown shape.
 */
export function tableMetaCall(m: Machine, entry: OpEntry, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode): Value {
  const op = entry.names[0];
  const bound = bind(entry, args, kwargs);
  if (!bound) return UNKNOWN;
  // Without a tensor among its arguments the call is not tensor code the analysis can follow
  // (`torch.exp(np_value)`): it stays unknown and makes no node.
  if (entry.family !== 'creation' && ![...bound.values()].some(hasTensor)) return UNKNOWN;
  const params: Param[] = entry.params.map((p) => ({ name: p.name }));
  const call = new OpCall(op, bound, m.ctx, node, params);
  const conv = conversion(entry, 0);
  const raw: Record<string, unknown> = {};
  for (const [k, v] of bound) raw[k] = toMetaArg(k, v, conv);
  // max/min with a tensor second operand are elementwise, not reductions.
  const extra: Record<string, unknown> = bound.get('dim')?.kind === 'tensor' ? { elementwise: true } : {};
  beforeTableRule(call);
  let result: MetaResult;
  try {
    result = entry.meta(raw);
  } catch (e) {
    const err = e as { torchType?: unknown; message?: unknown; name?: unknown };
    const provable = !conv.shapeGuess && !conv.rankGuess && !conv.valueGuess && typeof err.torchType === 'string' && err.torchType !== 'TypeError' && err.name !== 'MetaUnknown'
      && (!conv.dtypeGuess || raisesForEveryDtype(entry, bound, conv.dtypeGuesses));
    if (!provable) {
      const fallback = conv.dtypeGuess && !conv.shapeGuess && !conv.rankGuess ? agreeingResult(entry, bound, conv.dtypeGuesses) : null;
      return fallback ? afterTableRule(call, fromMeta(call, fallback, { ...conv, dtypeGuess: true }, extra)) : call.out(null, null, extra);
    }
    m.ctx.problem({
      op,
      kind: problemKind(entry, e as { message: string; op?: unknown }),
      torchType: err.torchType as string,
      reason: reasonFor(op, e as { message: string; operands?: unknown }),
      range: rangeOf(node),
      text: node.text,
      operands: args.map(operandInfo).filter((x): x is OperandInfo => x !== null),
    });
    return UNKNOWN;
  }
  if (conv.rankGuess && !conv.shapeGuess && !sameForEveryRank(entry, bound, result)) conv.shapeGuess = true;
  return afterTableRule(call, fromMeta(call, result, conv, extra));
}

/** Whether the result's shapes do not depend on the rank given to unknown-rank inputs. */
function sameForEveryRank(entry: OpEntry, bound: Map<string, Value>, first: MetaResult): boolean {
  const key = JSON.stringify(shapesOf(first));
  for (const rank of PROBE_RANKS.slice(1)) {
    const conv = conversion(entry, 0, rank);
    const raw: Record<string, unknown> = {};
    for (const [k, v] of bound) raw[k] = toMetaArg(k, v, conv);
    try {
      if (JSON.stringify(shapesOf(entry.meta(raw))) !== key) return false;
    } catch {
      return false;
    }
  }
  return true;
}
