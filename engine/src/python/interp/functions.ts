// User functions, lambdas and classes. A function is analysed at each call site with the
// caller's argument values (memoized by their shapes), and afterwards on its own from the
// shapes its parameters declare (annotations, docstring); a function nobody calls is still
// analysed with unknown parameters so the op graph covers it.
import type { SyntaxNode } from '../syntax';
import { PyError, rangeOf } from './context';
import { dimSymbols, formatShape } from '../../shape/dim';
import { parseAnnotation, parseDocstring, type Declared } from './declared';
import { evalExpr, recordHover } from './expressions';
import { randomSample } from './concrete';
import { join } from './join';
import type { Arg, Frame, Machine } from './machine';
import { Scope } from './scope';
import { execBlock } from './statements';
import { UNKNOWN, NONE, type ClassValue, type FunctionValue, type InstanceValue, type Value } from './values';

interface ParamInfo {
  name: string;
  nameNode: SyntaxNode;
  kind: 'plain' | 'star' | 'kwstar';
  keywordOnly: boolean;
  defaultNode: SyntaxNode | null;
  typeNode: SyntaxNode | null;
}

const MAX_SELF_NESTING = 3;

/**
 * Per-def facts, cached for one interpretation on the Machine. A module-level WeakMap kept
 * them (and, through their nodes, the whole syntax view) alive past young-generation
 * collections: measured, ~4 MB more of every analysis copied by the scavenger.
 */
export function paramsOf(m: Machine, def: SyntaxNode): ParamInfo[] {
  let cached = m.params.get(def) as ParamInfo[] | undefined;
  if (!cached) {
    cached = readParams(def);
    m.params.set(def, cached);
  }
  return cached;
}

function readParams(def: SyntaxNode): ParamInfo[] {
  const list = def.childForFieldName('parameters');
  if (!list) return [];
  const out: ParamInfo[] = [];
  let keywordOnly = false;
  for (const p of list.namedChildren) {
    const typeNode = p.childForFieldName('type');
    const defaultNode = p.childForFieldName('value');
    switch (p.type) {
      case 'identifier':
        out.push({ name: p.text, nameNode: p, kind: 'plain', keywordOnly, defaultNode: null, typeNode: null });
        break;
      case 'typed_parameter': {
        const inner = p.namedChildren[0];
        if (inner?.type === 'identifier') out.push({ name: inner.text, nameNode: inner, kind: 'plain', keywordOnly, defaultNode: null, typeNode });
        else if (inner?.type === 'list_splat_pattern') { out.push({ name: inner.namedChildren[0]?.text ?? '', nameNode: inner, kind: 'star', keywordOnly, defaultNode: null, typeNode }); keywordOnly = true; }
        else if (inner?.type === 'dictionary_splat_pattern') out.push({ name: inner.namedChildren[0]?.text ?? '', nameNode: inner, kind: 'kwstar', keywordOnly, defaultNode: null, typeNode });
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = p.childForFieldName('name');
        if (name) out.push({ name: name.text, nameNode: name, kind: 'plain', keywordOnly, defaultNode, typeNode });
        break;
      }
      case 'list_splat_pattern':
        out.push({ name: p.namedChildren[0]?.text ?? '', nameNode: p, kind: 'star', keywordOnly, defaultNode: null, typeNode: null });
        keywordOnly = true;
        break;
      case 'keyword_separator':
        keywordOnly = true;
        break;
      case 'dictionary_splat_pattern':
        out.push({ name: p.namedChildren[0]?.text ?? '', nameNode: p, kind: 'kwstar', keywordOnly, defaultNode: null, typeNode: null });
        break;
      default:
        break;
    }
  }
  return out;
}

function signature(v: Value, depth = 0): string | null {
  if (depth > 3) return null;
  switch (v.kind) {
    case 'tensor':
      return `T${formatShape(v.shape)}${v.dtype ?? '?'}#${v.node.op === 'input' ? v.node.id : ''}`;
    case 'int':
      return `i${typeof v.value === 'number' ? v.value : v.value.kind === 'sym' ? v.value.key : '?'}`;
    case 'float':
      return `f${v.value}`;
    case 'bool':
      return `b${v.value}`;
    case 'str':
      return `s${JSON.stringify(v.value)}`;
    case 'none':
      return 'N';
    case 'unknown':
      return 'U';
    case 'tuple':
    case 'list': {
      const parts = v.items.map((x) => signature(x, depth + 1));
      return parts.some((p) => p === null) ? null : `${v.kind}(${parts.join(',')})`;
    }
    case 'dtype':
      return `d${v.name}`;
    default:
      return null;
  }
}

function docstringOf(def: SyntaxNode): string | null {
  const body = def.childForFieldName('body');
  const first = body?.namedChildren.find((c) => c.type !== 'comment');
  if (first?.type !== 'expression_statement') return null;
  const s = first.namedChildren[0];
  if (s?.type !== 'string') return null;
  return s.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

export function hasDeclarations(m: Machine, fn: FunctionValue): boolean {
  if (fn.isLambda) return false;
  let cached = m.declares.get(fn.def);
  if (cached === undefined) {
    cached = readDeclarations(m, fn);
    m.declares.set(fn.def, cached);
  }
  return cached;
}

function readDeclarations(m: Machine, fn: FunctionValue): boolean {
  const doc = docstringOf(fn.def);
  if (doc && parseDocstring(doc).params.size > 0) return true;
  return paramsOf(m, fn.def).some((p) => p.typeNode && parseAnnotation(p.typeNode.text)?.shape);
}

/** Binds arguments to parameters in a fresh function scope. */
function bindParams(m: Machine, fn: FunctionValue, args: Arg[], kwargs: Map<string, Arg>, scope: Scope): void {
  const params = paramsOf(m, fn.def);
  let i = 0;
  for (const p of params) {
    if (p.kind === 'star') {
      scope.set(p.name, { kind: 'tuple', items: args.slice(i).map((a) => a.value) });
      i = args.length;
    } else if (p.kind === 'kwstar') {
      const rest = new Map<string, Value>();
      for (const [k, a] of kwargs) if (!params.some((q) => q.name === k)) rest.set(k, a.value);
      scope.set(p.name, { kind: 'dict', entries: rest });
    } else if (!p.keywordOnly && i < args.length) {
      scope.set(p.name, args[i++].value);
    } else if (kwargs.has(p.name)) {
      scope.set(p.name, kwargs.get(p.name)!.value);
    } else if (p.defaultNode) {
      scope.set(p.name, evalExpr(m, p.defaultNode, fn.closure as Scope));
    } else {
      scope.set(p.name, UNKNOWN);
    }
  }
}

function runBody(m: Machine, fn: FunctionValue, scope: Scope, declaredReturn?: Frame['declaredReturn']): Value {
  const body = fn.def.childForFieldName('body');
  if (!body) return UNKNOWN;
  if (fn.isLambda) return evalExpr(m, body, scope);
  const frame: Frame = { returns: [], fn, declaredReturn };
  const flow = execBlock(m, body.namedChildren, scope, frame);
  if (flow === 'normal') frame.returns.push(NONE);
  if (frame.returns.length === 0) return UNKNOWN;
  return frame.returns.reduce((a, b) => join(a, b));
}

export function callFunction(m: Machine, fn: FunctionValue, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode): Value {
  const sigs = [...args.map((a) => signature(a.value)), ...[...kwargs].map(([k, a]) => `${k}=${signature(a.value)}`)];
  const key = m.ctx.mode === 'run' || sigs.some((s) => s === null) ? null : `${fn.def.startIndex}:${fn.def.endIndex}|${sigs.join(';')}`;
  if (key !== null && m.memo.has(key)) return m.memo.get(key)!;
  // A call already in progress with the same abstract arguments can add nothing (and would
  // recurse forever); a function nested in itself a few times is widened the same way.
  const depthOfSelf = m.active.filter((d) => d === fn.def.startIndex).length;
  if (m.ctx.mode !== 'run' && ((key !== null && m.inProgress.has(key)) || depthOfSelf >= MAX_SELF_NESTING)) {
    m.ctx.note(`preview stopped: step budget (recursive call at line ${node.startPosition.row + 1})`);
    return UNKNOWN;
  }
  if (m.ctx.callDepth >= m.ctx.maxCallDepth) {
    m.ctx.note(`preview stopped: step budget (calls nested deeper than ${m.ctx.maxCallDepth} at line ${node.startPosition.row + 1})`);
    if (m.ctx.mode === 'run') throw new PyError('RecursionError', 'maximum recursion depth exceeded');
    return UNKNOWN;
  }
  const scope = new Scope('function', fn.closure as Scope);
  bindParams(m, fn, args, kwargs, scope);
  m.analysed.add(fn.def.startIndex);
  const savedLevel = m.ctx.hoverLevel;
  m.ctx.hoverLevel = Math.min(savedLevel, 1);
  m.ctx.callDepth++;
  m.active.push(fn.def.startIndex);
  if (key !== null) m.inProgress.add(key);
  const outerCall = m.ctx.foreignCall;
  if (fn.foreign) {
    if (m.ctx.foreign === 0) m.ctx.foreignCall = { range: rangeOf(node), text: node.text, callee: `${fn.name}()` };
    m.ctx.foreign++;
    m.ctx.quiet++;
  }
  try {
    let result = runBody(m, fn, scope);
    // A value made in another file gets a node here, at the call, so every node in this
    // file's graph has a range in this file.
    if (fn.foreign && result.kind === 'tensor') result = { ...result, node: m.ctx.foreign > 1 ? result.node : localNode(m, node) };
    if (key !== null) m.memo.set(key, result);
    return result;
  } finally {
    if (fn.foreign) {
      m.ctx.foreign--;
      m.ctx.quiet--;
      m.ctx.foreignCall = outerCall;
    }
    m.active.pop();
    if (key !== null) m.inProgress.delete(key);
    m.ctx.callDepth--;
    m.ctx.hoverLevel = savedLevel;
  }
}

function localNode(m: Machine, call: SyntaxNode) {
  const saved = m.ctx.foreign;
  m.ctx.foreign = 0;
  try {
    return m.ctx.node('unknown', call, [], {});
  } finally {
    m.ctx.foreign = saved;
  }
}

/** A tensor declared for a parameter, as an op-graph input. */
function declaredTensor(m: Machine, p: ParamInfo, declared: Declared | null): Value {
  const node = m.ctx.node('input', p.nameNode, [], { name: p.name });
  const shape = declared?.shape ?? null;
  return m.ctx.tensor(shape, declared?.dtype ?? null, node, randomSample(m, shape, declared?.dtype ?? null));
}

/**
 * Analyses a function on its own: declared parameters get their declared shapes, plain
 * `Tensor` annotations and unannotated parameters become tensors of unknown shape.
 */
export function analyseOwn(m: Machine, fn: FunctionValue, self: Value | null, level: number): void {
  const params = paramsOf(m, fn.def);
  const doc = docstringOf(fn.def);
  const docShapes: ReturnType<typeof parseDocstring> = doc ? parseDocstring(doc) : { params: new Map() };
  const scope = new Scope('function', fn.closure as Scope);
  const symbols = new Set<string>();
  params.forEach((p, i) => {
    if (i === 0 && self) {
      scope.set(p.name, self);
      return;
    }
    if (p.kind === 'star') return scope.set(p.name, UNKNOWN);
    if (p.kind === 'kwstar') return scope.set(p.name, { kind: 'dict', entries: new Map() });
    const annotation = p.typeNode ? parseAnnotation(p.typeNode.text) : null;
    const fromDoc = docShapes.params.get(p.name);
    let value: Value;
    if (annotation) value = declaredTensor(m, p, annotation);
    else if (fromDoc) value = declaredTensor(m, p, { shape: fromDoc, dtype: null });
    else if (p.defaultNode) value = evalExpr(m, p.defaultNode, fn.closure as Scope);
    else if (p.typeNode && /^(int|float|bool|str)$/.test(p.typeNode.text)) value = p.typeNode.text === 'int' ? { kind: 'int', value: { kind: 'unknown' } } : UNKNOWN;
    else if (!p.typeNode || /(^|\.)Tensor$/.test(p.typeNode.text)) value = declaredTensor(m, p, null);
    else value = UNKNOWN;
    scope.set(p.name, value);
    if (value.kind === 'tensor' && value.node.op === 'input') for (const d of value.shape ?? []) for (const sName of dimSymbols(d)) symbols.add(sName);
    const saved = m.ctx.hoverLevel;
    m.ctx.hoverLevel = level;
    recordHover(m, p.nameNode, value);
    m.ctx.hoverLevel = saved;
  });
  m.analysed.add(fn.def.startIndex);
  const returnType = fn.def.childForFieldName('return_type');
  const fromAnnotation = returnType ? parseAnnotation(returnType.text)?.shape ?? null : null;
  const returnShape = fromAnnotation ?? docShapes.returns ?? null;
  const declaredReturn = returnShape ? { shape: returnShape, symbols, source: fromAnnotation ? 'the return annotation' : 'the docstring' } : undefined;
  const saved = m.ctx.hoverLevel;
  m.ctx.hoverLevel = level;
  m.ctx.callDepth++;
  try {
    runBody(m, fn, scope, declaredReturn);
  } finally {
    m.ctx.callDepth--;
    m.ctx.hoverLevel = saved;
  }
}

export function instantiate(m: Machine, cls: ClassValue, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode): Value {
  const inst: InstanceValue = { kind: 'instance', cls, attrs: new Map() };
  let init: Value | undefined;
  for (let c: Value | undefined = cls; c && c.kind === 'class' && !init; c = c.bases.find((b) => b.kind === 'class')) init = c.attrs.get('__init__');
  if (init?.kind === 'function') callFunction(m, init, [{ value: inst, syntax: null }, ...args], kwargs, node);
  return inst;
}

export { rangeOf };
