// Calls: argument collection, dispatch by what the callee is (a torch op, a tensor method,
// a user function or class, an nn layer, a Python builtin), and op invocation with shape
// errors turned into problems. Calls that could reach the outside world evaluate to
// UNKNOWN (analysis) or raise an "unsupported" error (run).
import type { SyntaxNode } from '../syntax';
import { PyError, rangeOf, type OperandInfo } from './context';
import { formatShape } from '../../shape/dim';
import { evalExpr } from './expressions';
import { builtinCall } from './builtins';
import { callFunction, instantiate } from './functions';
import { iterate } from './iteration';
import type { Arg, Machine } from './machine';
import { callNnModule, constructNnModule, isNnLayerName } from './nnModules';
import { callEinops } from './einopsCalls';
import { OpCall, bindArgs, findOpLite } from './ops/registry';
import { OpError } from './ops/shapeRules';
import { indexShape } from './ops/indexing';
import { concreteCall, hasConcreteOp, tableName } from './concrete';
import { tableEntryFor, tableMetaCall } from './tableMeta';
import type { Scope } from './scope';
import { UNKNOWN, NONE, tuple, type Value } from './values';
import './ops/elementwise';
import './ops/reductions';
import './ops/creation';
import './ops/functional';

export function collectArgs(m: Machine, argsNode: SyntaxNode, scope: Scope): { args: Arg[]; kwargs: Map<string, Arg>; ok: boolean } {
  const args: Arg[] = [];
  const kwargs = new Map<string, Arg>();
  if (argsNode.type === 'generator_expression') return { args: [{ value: evalExpr(m, argsNode, scope), syntax: argsNode }], kwargs, ok: true };
  for (const c of argsNode.namedChildren) {
    if (c.type === 'comment') continue;
    if (c.type === 'keyword_argument') {
      const valueNode = c.childForFieldName('value')!;
      kwargs.set(c.childForFieldName('name')!.text, { value: evalExpr(m, valueNode, scope), syntax: valueNode });
    } else if (c.type === 'list_splat') {
      const items = iterate(evalExpr(m, c.namedChildren[0], scope), m.ctx.loopLimit);
      if (items === null) return { args, kwargs, ok: false };
      for (const it of items) args.push({ value: it, syntax: c });
    } else if (c.type === 'dictionary_splat') {
      const d = evalExpr(m, c.namedChildren[0], scope);
      if (d.kind !== 'dict') return { args, kwargs, ok: false };
      for (const [k, v] of d.entries) kwargs.set(k, { value: v, syntax: c });
    } else {
      args.push({ value: evalExpr(m, c, scope), syntax: c });
    }
  }
  return { args, kwargs, ok: true };
}

/** Names that would let analysed code reach files, processes, the network or the environment. */
const UNSAFE_PREFIXES = ['os.', 'sys.', 'subprocess.', 'shutil.', 'socket.', 'pathlib.', 'io.', 'urllib.', 'requests.', 'http.', 'ctypes.',
  'pickle.', 'importlib.', 'builtins.open', 'builtins.eval', 'builtins.exec', 'builtins.compile', 'builtins.__import__', 'builtins.input',
  'builtins.globals', 'builtins.locals', 'builtins.vars', 'torch.load', 'torch.save', 'torch.hub.', 'torch.utils.data.', 'torch.jit.load'];

/**
 * Each entry matches itself (with or without its trailing dot) and every name under it. The
 * prefixes are grouped by their first dotted segment (every one has a dot): a name can only
 * start with a prefix that shares its first segment, so a call checks a handful, not all.
 */
const UNSAFE_NAMES = new Set(UNSAFE_PREFIXES.flatMap((p) => [p, p.replace(/\.$/, '')]));
const UNSAFE_UNDER = new Map<string, string[]>();
for (const p of UNSAFE_PREFIXES.map((q) => (q.endsWith('.') ? q : `${q}.`))) {
  const head = p.slice(0, p.indexOf('.') + 1);
  UNSAFE_UNDER.set(head, [...(UNSAFE_UNDER.get(head) ?? []), p]);
}

export function isUnsafe(qualname: string): boolean {
  if (UNSAFE_NAMES.has(qualname)) return true;
  const dot = qualname.indexOf('.');
  const candidates = dot < 0 ? undefined : UNSAFE_UNDER.get(qualname.slice(0, dot + 1));
  if (candidates) for (const p of candidates) if (qualname.startsWith(p)) return true;
  return false;
}

export function unsupported(m: Machine, what: string, why: string): Value {
  if (m.ctx.mode === 'run') throw new PyError('UnsupportedError', `${what} is not supported: ${why}`);
  return UNKNOWN;
}

export function callValue(m: Machine, callee: Value, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode, scope: Scope): Value {
  switch (callee.kind) {
    case 'ref':
      return callRef(m, callee.qualname, args, kwargs, node, scope);
    case 'method':
      if (callee.fn) return callFunction(m, callee.fn, [{ value: callee.self, syntax: null }, ...args], kwargs, node);
      if (callee.self.kind === 'tensor') {
        const self = node.childForFieldName('function')?.childForFieldName('object') ?? null;
        return callOp(m, callee.qualname, [{ value: callee.self, syntax: self }, ...args], kwargs, node);
      }
      if (callee.qualname === 'Size.numel' && callee.self.kind === 'tuple') return builtinCall(m, 'numel', [{ value: callee.self, syntax: null }], kwargs, node, scope);
      if (callee.qualname.startsWith('nn.')) return callNnModule(m, callee.self, callee.qualname.slice(3), args, kwargs, node);
      return UNKNOWN;
    case 'function':
      return callFunction(m, callee, args, kwargs, node);
    case 'class':
      return instantiate(m, callee, args, kwargs, node);
    case 'nn':
      return callNnModule(m, callee, 'forward', args, kwargs, node);
    case 'instance': {
      const fwd = callee.cls.isModule ? 'forward' : '__call__';
      let cls: Value | undefined = callee.cls;
      let fn: Value | undefined;
      while (cls && cls.kind === 'class' && !fn) {
        fn = cls.attrs.get(fwd);
        cls = cls.bases.find((b) => b.kind === 'class');
      }
      if (fn?.kind !== 'function') return UNKNOWN;
      return callFunction(m, fn, [{ value: callee, syntax: null }, ...args], kwargs, node);
    }
    default:
      if (m.ctx.mode === 'run' && callee.kind !== 'unknown') throw new PyError('TypeError', `'${callee.kind}' object is not callable`);
      return unsupported(m, `calling ${node.childForFieldName('function')?.text ?? 'this'}`, 'the callee is not understood');
  }
}

function callRef(m: Machine, qualname: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode, scope: Scope): Value {
  if (isUnsafe(qualname)) {
    m.ctx.note(`not analysed: ${qualname} (TensorLint never lets analysed code reach files, processes, the network or the environment)`);
    return unsupported(m, qualname, 'TensorLint never runs code that reaches files, processes, the network or the environment');
  }
  if (qualname.startsWith('builtins.')) return builtinCall(m, qualname.slice(9), args, kwargs, node, scope);
  if (qualname.startsWith('einops.')) return callEinops(m, qualname, args, kwargs, node);
  if (qualname === 'torch.nn.Parameter' || qualname === 'torch.nn.parameter.Parameter') return args[0]?.value ?? UNKNOWN;
  if (m.ctx.mode === 'run' && hasConcreteOp(qualname)) return callOp(m, qualname, args, kwargs, node);
  if (qualname === 'torch.Size') {
    const items = args[0] ? iterate(args[0].value, 64) : [];
    return items ? tuple(items, { isSize: true }) : UNKNOWN;
  }
  if (qualname === 'torch.manual_seed' || qualname === 'torch.set_printoptions' || qualname === 'torch.set_grad_enabled') return NONE;
  if (qualname === 'torch.no_grad' || qualname === 'torch.inference_mode' || qualname === 'torch.enable_grad') return { kind: 'ref', qualname: 'contextmanager' };
  if (isNnLayerName(qualname)) return constructNnModule(m, qualname.slice('torch.nn.'.length), args, kwargs, node);
  if (findOpLite(qualname) || tableEntryFor(qualname)) return callOp(m, qualname, args, kwargs, node);
  return unsupported(m, qualname, 'this API is not in TensorLint\'s torch table');
}

function operandInfo(arg: Arg): OperandInfo | null {
  if (arg.value.kind !== 'tensor' || !arg.syntax) return null;
  const info: OperandInfo = { text: arg.syntax.text, range: rangeOf(arg.syntax), shape: formatShape(arg.value.shape) };
  const n = arg.value.node;
  if (n.text && n.text !== arg.syntax.text && n.op !== 'unknown') info.origin = { text: n.text, range: n.range };
  return info;
}

export interface CallExtra {
  /** The subscript value of `x[...]`. */
  index?: Value;
  /** The table name and argument order for the concrete kernel, when they differ (`1 - x` is operator.rsub(x, 1)). */
  concreteName?: string;
  concreteArgs?: Arg[];
}

/** Invokes a table op on abstract values. A proven shape error becomes a problem and an unknown result. */
export function callOp(m: Machine, name: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode, extra: CallExtra = {}): Value {
  const cArgs = extra.concreteArgs ?? (name === 'Tensor.__getitem__' ? [args[0], { value: extra.index ?? UNKNOWN, syntax: null }] : args);
  if (m.ctx.mode === 'run') return concreteCall(m, extra.concreteName ?? name, cArgs, kwargs, node) ?? UNKNOWN;
  const result = metaCall(m, name, args, kwargs, node, extra);
  if (result.kind === 'unknown' || !samplesWanted(cArgs, kwargs, result)) return result;
  return withSamples(result, concreteCall(m, extra.concreteName ?? name, cArgs, kwargs, node));
}

const MAX_SAMPLE_NUMEL = 4096;

function numelOf(sample: unknown): number {
  const shape = (sample as { shape?: unknown }).shape;
  return Array.isArray(shape) ? shape.reduce((a: number, b: number) => a * b, 1) : Infinity;
}

function samplesWanted(args: Arg[], kwargs: Map<string, Arg>, result: Value): boolean {
  let any = false;
  let tensors = 0;
  for (const a of [...args, ...kwargs.values()]) {
    const items = a.value.kind === 'tuple' || a.value.kind === 'list' ? a.value.items : [a.value];
    for (const v of items) {
      if (v.kind !== 'tensor') continue;
      tensors++;
      if (!v.sample) return false;
      if (numelOf(v.sample) > MAX_SAMPLE_NUMEL) return false;
      any = true;
    }
  }
  // Constructors (no tensor inputs) get samples when their size is concrete and small.
  if (tensors === 0 && result.kind === 'tensor' && result.shape !== null) {
    const n = result.shape.reduce<number | null>((acc, d) => (acc !== null && typeof d === 'number' ? acc * d : null), 1);
    return n !== null && n <= MAX_SAMPLE_NUMEL;
  }
  return any;
}

/** Attaches the kernel's values to the symbolic result when they agree in structure. */
function withSamples(meta: Value, concrete: Value | null): Value {
  if (!concrete) return meta;
  if (meta.kind === 'tensor' && concrete.kind === 'tensor') {
    const sample = concrete.sample as { shape: number[] } | undefined;
    if (!sample || !Array.isArray(sample.shape) || numelOf(sample) > MAX_SAMPLE_NUMEL * 16) return meta;
    if (meta.shape !== null && meta.shape.length !== sample.shape.length) return meta;
    return { ...meta, sample };
  }
  if (meta.kind === 'tuple' && concrete.kind === 'tuple' && meta.items.length === concrete.items.length) {
    return { ...meta, items: meta.items.map((x, i) => withSamples(x, concrete.items[i])) };
  }
  return meta;
}

function metaCall(m: Machine, name: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode, extra: CallExtra): Value {
  try {
    if (name === 'Tensor.__getitem__') return getitemOp(m, args, node, extra.index ?? UNKNOWN);
    const tableEntry = tableEntryFor(name);
    if (tableEntry) return tableMetaCall(m, tableEntry, args, kwargs, node);
    const entry = findOpLite(name);
    if (!entry) return unsupported(m, name, 'this API is not in TensorLint\'s torch table');
    const kw = new Map<string, Value>();
    for (const [k, v] of kwargs) kw.set(k, v.value);
    const bound = bindArgs(entry.params, args.map((a) => a.value), kw);
    if (!bound) return unsupported(m, `${name} with these arguments`, 'the arguments do not match its signature');
    const call = new OpCall(tableName(name) ?? entry.names[0], bound, m.ctx, node, entry.params);
    return entry.meta(call);
  } catch (e) {
    if (!(e instanceof OpError)) throw e;
    if (m.ctx.mode === 'run') throw new PyError(e.torchType, e.reason);
    m.ctx.problem({
      op: name,
      kind: e.kind,
      torchType: e.torchType,
      reason: e.reason,
      range: rangeOf(node),
      text: node.text,
      operands: args.map(operandInfo).filter((x): x is OperandInfo => x !== null),
    });
    return UNKNOWN;
  }
}

function getitemOp(m: Machine, args: Arg[], node: SyntaxNode, index: Value): Value {
  const t = args[0].value;
  if (t.kind !== 'tensor') return UNKNOWN;
  const inputs = args.filter((a) => a.value.kind === 'tensor').map((a) => (a.value as Extract<Value, { kind: 'tensor' }>).node);
  const params: Record<string, unknown> = { index: args.slice(1).map((a) => a.syntax?.text ?? '?').join(', ') };
  const shape = t.shape === null ? null : indexShape(t.shape, index);
  return m.ctx.tensor(shape, t.dtype, m.ctx.node('Tensor.__getitem__', node, inputs, params));
}
