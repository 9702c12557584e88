// Expression evaluation. Every tensor-valued expression leaves hover data behind (shape,
// dtype, where it came from); anything not understood evaluates to UNKNOWN.
import type { SyntaxNode } from '../syntax';
import { PyError, rangeOf } from './context';
import { dimMul, formatShape, unknownDim } from '../../shape/dim';
import { ref } from './imports';
import type { Arg, Machine } from './machine';
import type { Scope } from './scope';
import { callOp, callValue, collectArgs } from './calls';
import { concreteCall, tensorLib } from './concrete';
import { getAttr, getItem } from './access';
import { iterate } from './iteration';
import { join } from './join';
import { UNKNOWN, NONE, intValue, truthy, tuple, type Value } from './values';
import { formatDType } from './format';
import type { Tensor } from '../../tensor/tensor';
import { binary, compare } from './operators';
import { bigIntValue, exactInt } from './arith';
import { decodeEscapes, formatValue, reprOf, strOf } from './pyFormat';
import { conditionTruth } from './truth';

const BUILTINS = new Set(['len', 'range', 'int', 'float', 'bool', 'str', 'list', 'tuple', 'dict', 'set', 'zip', 'enumerate', 'isinstance',
  'print', 'repr', 'super', 'min', 'max', 'abs', 'sum', 'sorted', 'reversed', 'round', 'map', 'filter', 'any', 'all', 'hasattr', 'getattr', 'setattr',
  'open', 'eval', 'exec', 'compile', '__import__', 'input', 'globals', 'locals', 'vars', 'type', 'id', 'hash', 'iter', 'next', 'object',
  'ValueError', 'RuntimeError', 'TypeError', 'IndexError', 'KeyError', 'AssertionError', 'NotImplementedError', 'Exception', 'math', 'divmod', 'pow']);

export function evalExpr(m: Machine, node: SyntaxNode, scope: Scope): Value {
  m.ctx.step();
  let value: Value;
  try {
    value = evalInner(m, node, scope);
  } catch (e) {
    if (e instanceof Error && e.name === 'RangeError') value = UNKNOWN;
    else throw e;
  }
  if (value.kind === 'tensor' && node.type !== 'identifier' && node.type !== 'parenthesized_expression') recordHover(m, node, value);
  return value;
}

export function recordHover(m: Machine, node: SyntaxNode, value: Value, broadcast?: string): void {
  if (value.kind !== 'tensor') return;
  const range = rangeOf(node);
  if (!m.ctx.wantsHover(range)) return;
  const fact: Parameters<typeof m.ctx.hover>[0] = {
    range,
    text: node.text.length > 200 ? `${node.text.slice(0, 200)}…` : node.text,
    shape: value.shape === null ? null : formatShape(value.shape),
    dtype: formatDType(value.dtype),
  };
  if (value.node.text && value.node.text !== node.text) fact.origin = { range: value.node.range, text: value.node.text };
  if (broadcast) fact.broadcast = broadcast;
  if (value.sample) {
    const sample = formatSample(value.sample as Tensor);
    if (sample !== null) fact.sample = sample;
  }
  m.ctx.hover(fact);
}

const MAX_PRINTED_SAMPLE = 256;
const printedSamples = new WeakMap<object, string>();

/** torch-style text of a sample, cached per tensor; large samples are not printed in hovers. */
function formatSample(t: Tensor): string | null {
  if (t.shape.reduce((a, b) => a * b, 1) > MAX_PRINTED_SAMPLE) return null;
  let text = printedSamples.get(t);
  if (text === undefined) {
    const lib = tensorLib();
    if (!lib) return null;
    text = lib.formatTensor(t);
    printedSamples.set(t, text);
  }
  return text;
}

function parseInt_(text: string): Value {
  const t = text.replace(/_/g, '').toLowerCase();
  if (/[jl]$/.test(t)) return UNKNOWN;
  const n = Number(t);
  if (Number.isSafeInteger(n)) return intValue(n);
  // Python ints are exact at any size; past CPython's 4300-digit str limit stay unknown.
  if (t.length > 4300 || !/^(0x[0-9a-f]+|0o[0-7]+|0b[01]+|[0-9]+)$/.test(t)) return { kind: 'int', value: unknownDim() };
  return bigIntValue(BigInt(t));
}

function stringValue(m: Machine, node: SyntaxNode, scope: Scope): Value {
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const c of node.namedChildren) {
      const v = stringValue(m, c, scope);
      if (v.kind !== 'str') return UNKNOWN;
      out += v.value;
    }
    return { kind: 'str', value: out };
  }
  const prefix = (/^[a-zA-Z]*/.exec(node.children[0]?.text ?? '')?.[0] ?? '').toLowerCase();
  const raw = prefix.includes('r');
  const formatted = prefix.includes('f');
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'string_content') {
      // `{{` and `}}` in an f-string are literal braces.
      const text = formatted ? c.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : c.text;
      out += raw ? text : decodeEscapes(text);
    } else if (c.type === 'interpolation') {
      // Analysis does not format values: sample tensors are not the program's values.
      if (m.ctx.mode !== 'run') return UNKNOWN;
      const part = interpolate(m, c, scope);
      if (part === null) return UNKNOWN;
      out += part;
    }
  }
  return { kind: 'str', value: out };
}

/** One `{expr!r:spec}` of an f-string, in run mode; null when the value or spec is not supported. */
function interpolate(m: Machine, node: SyntaxNode, scope: Scope): string | null {
  const expr = node.namedChildren[0];
  const value = evalExpr(m, expr, scope);
  const conversion = node.namedChildren.find((c) => c.type === 'type_conversion')?.text ?? '';
  const specNode = node.namedChildren.find((c) => c.type === 'format_specifier');
  const equals = node.children.find((c) => c.type === '=');
  let spec = '';
  if (specNode) {
    let at = specNode.startIndex + 1;
    for (const part of specNode.namedChildren) {
      if (part.type !== 'format_expression') continue;
      spec += specNode.text.slice(at - specNode.startIndex, part.startIndex - specNode.startIndex);
      const inner = part.namedChildren[0];
      const v = inner ? strOf(evalExpr(m, inner, scope)) : null;
      if (v === null) return null;
      spec += v;
      at = part.endIndex;
    }
    spec += specNode.text.slice(at - specNode.startIndex);
  }
  // `{x=}` shows the source text up to the `=`, then repr unless told otherwise.
  // The label keeps the spaces around `=` (f"{s = }" shows 's = '): it runs to what follows.
  const afterEquals = equals ? node.children[node.children.indexOf(equals) + 1] : undefined;
  const label = equals ? node.text.slice(1, (afterEquals ? afterEquals.startIndex : node.endIndex - 1) - node.startIndex) : '';
  const shown = conversion === '!r' || (equals && !conversion && !specNode) ? reprOf(value)
    : conversion === '!s' ? strOf(value)
    : conversion === '!a' ? null
    : formatValue(value, spec);
  const converted = conversion && specNode && shown !== null ? formatValue({ kind: 'str', value: shown }, spec) : shown;
  return converted === null ? null : label + converted;
}

function evalInner(m: Machine, node: SyntaxNode, scope: Scope): Value {
  switch (node.type) {
    case 'identifier': {
      const v = scope.lookup(node.text);
      if (v !== undefined) return v;
      if (BUILTINS.has(node.text)) return ref(`builtins.${node.text}`);
      if (m.ctx.mode === 'run') throw new PyError('NameError', `name '${node.text}' is not defined`);
      return UNKNOWN;
    }
    case 'integer':
      return parseInt_(node.text);
    case 'float': {
      const n = Number(node.text.replace(/_/g, ''));
      return /j$/i.test(node.text) ? UNKNOWN : { kind: 'float', value: n };
    }
    case 'string':
    case 'concatenated_string':
      return stringValue(m, node, scope);
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return NONE;
    case 'ellipsis':
      return { kind: 'ellipsis' };
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c.type !== 'comment');
      return inner ? evalExpr(m, inner, scope) : UNKNOWN;
    }
    case 'tuple':
    case 'expression_list':
    case 'list':
    case 'set':
      return evalSequence(m, node, scope, node.type === 'list' ? 'list' : 'tuple');
    case 'dictionary': {
      const entries = new Map<string, Value>();
      for (const pair of node.namedChildren) {
        if (pair.type !== 'pair') return { kind: 'dict', entries: new Map() };
        const k = evalExpr(m, pair.childForFieldName('key')!, scope);
        const v = evalExpr(m, pair.childForFieldName('value')!, scope);
        if (k.kind === 'str') entries.set(k.value, v);
      }
      return { kind: 'dict', entries };
    }
    case 'list_comprehension':
    case 'generator_expression':
    case 'set_comprehension':
      return comprehension(m, node, scope);
    case 'attribute': {
      const obj = evalExpr(m, node.childForFieldName('object')!, scope);
      return getAttr(m, obj, node.childForFieldName('attribute')!.text, node, node.childForFieldName('object'));
    }
    case 'subscript': {
      const valueNode = node.childForFieldName('value')!;
      const obj = evalExpr(m, valueNode, scope);
      const subs = node.childrenForFieldName('subscript');
      const items = subs.map((s) => evalExpr(m, s, scope));
      const index = items.length === 1 ? items[0] : tuple(items);
      return getItem(m, { value: obj, syntax: valueNode }, index, subs, node);
    }
    case 'slice': {
      const parts: Value[] = [NONE, NONE, NONE];
      let slot = 0;
      for (const c of node.children) {
        if (c.type === ':') slot++;
        else if (c.isNamed && c.type !== 'comment') parts[slot] = evalExpr(m, c, scope);
      }
      return { kind: 'slice', start: parts[0], stop: parts[1], step: parts[2] };
    }
    case 'call':
      return evalCall(m, node, scope);
    case 'binary_operator':
      return binary(m, node, scope);
    case 'unary_operator': {
      const operand = node.childForFieldName('argument')!;
      const v = evalExpr(m, operand, scope);
      const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
      if (op === '+') return v;
      if (v.kind === 'int' && (op === '-' || op === '~')) {
        const exact = exactInt(v);
        if (exact !== null) return bigIntValue(op === '-' ? -exact : -exact - 1n);
        if (op === '-') return intValue(dimMul(v.value, -1));
      }
      if (v.kind === 'float' && op === '-') return { kind: 'float', value: v.value === null ? null : -v.value };
      if (v.kind === 'tensor') {
        return callOp(m, op === '-' ? 'torch.neg' : 'torch.bitwise_not', [{ value: v, syntax: operand }], new Map(), node, { concreteName: op === '-' ? 'operator.neg' : 'operator.invert' });
      }
      return UNKNOWN;
    }
    case 'not_operator': {
      const argument = node.childForFieldName('argument')!;
      const t = conditionTruth(m, evalExpr(m, argument, scope), argument);
      return { kind: 'bool', value: t === null ? null : !t };
    }
    case 'boolean_operator': {
      const leftNode = node.childForFieldName('left')!;
      const left = evalExpr(m, leftNode, scope);
      const op = node.childForFieldName('operator')!.text;
      const t = conditionTruth(m, left, leftNode);
      if (t !== null && ((op === 'and' && !t) || (op === 'or' && t))) return left;
      const right = evalExpr(m, node.childForFieldName('right')!, scope);
      return t === null ? join(left, right) : right;
    }
    case 'comparison_operator':
      return compare(m, node, scope);
    case 'conditional_expression': {
      const [a, cond, b] = node.namedChildren;
      const t = conditionTruth(m, evalExpr(m, cond, scope), cond);
      if (t === true) return evalExpr(m, a, scope);
      if (t === false) return evalExpr(m, b, scope);
      return join(evalExpr(m, a, scope), evalExpr(m, b, scope));
    }
    case 'lambda':
      return { kind: 'function', name: '<lambda>', def: node, closure: scope, isLambda: true };
    case 'named_expression': {
      const v = evalExpr(m, node.childForFieldName('value')!, scope);
      scope.set(node.childForFieldName('name')!.text, v);
      return v;
    }
    case 'keyword_argument':
      return UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function evalSequence(m: Machine, node: SyntaxNode, scope: Scope, kind: 'list' | 'tuple'): Value {
  const items: Value[] = [];
  for (const c of node.namedChildren) {
    if (c.type === 'comment') continue;
    if (c.type === 'list_splat') {
      const inner = evalExpr(m, c.namedChildren[0], scope);
      const seq = iterate(inner, m.ctx.loopLimit);
      if (seq === null) return UNKNOWN;
      items.push(...seq);
      continue;
    }
    items.push(evalExpr(m, c, scope));
  }
  return { kind, items };
}

function comprehension(m: Machine, node: SyntaxNode, scope: Scope): Value {
  const body = node.childForFieldName('body');
  const clauses = node.namedChildren.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
  if (!body) return UNKNOWN;
  const inner = scope.fork();
  const out: Value[] = [];
  const run = (i: number): boolean => {
    if (i === clauses.length) {
      out.push(evalExpr(m, body, inner));
      return out.length <= m.ctx.loopLimit;
    }
    const clause = clauses[i];
    if (clause.type === 'if_clause') {
      const t = truthy(evalExpr(m, clause.namedChildren[0], inner), m.ctx.mode === 'run');
      if (t === null) return false;
      return t ? run(i + 1) : true;
    }
    const items = iterate(evalExpr(m, clause.childForFieldName('right')!, inner), m.ctx.loopLimit);
    if (items === null) return false;
    for (const item of items) {
      bindTarget(m, clause.childForFieldName('left')!, item, inner);
      if (!run(i + 1)) return false;
    }
    return true;
  };
  if (!run(0)) return UNKNOWN;
  return { kind: node.type === 'list_comprehension' ? 'list' : 'tuple', items: out };
}

function evalCall(m: Machine, node: SyntaxNode, scope: Scope): Value {
  const fnNode = node.childForFieldName('function')!;
  const argsNode = node.childForFieldName('arguments');
  const callee = evalExpr(m, fnNode, scope);
  const { args, kwargs, ok } = argsNode ? collectArgs(m, argsNode, scope) : { args: [] as Arg[], kwargs: new Map<string, Arg>(), ok: true };
  if (!ok) return UNKNOWN;
  return callValue(m, callee, args, kwargs, node, scope);
}

/** Binds an assignment target (name, tuple pattern, attribute, subscript) to a value. */
export function bindTarget(m: Machine, target: SyntaxNode, value: Value, scope: Scope): void {
  switch (target.type) {
    case 'identifier':
      scope.set(target.text, value);
      return;
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list': {
      const targets = target.namedChildren.filter((c) => c.type !== 'comment');
      const items = iterate(value, 4096);
      const star = targets.findIndex((t) => t.type === 'list_splat_pattern' || t.type === 'list_splat');
      if (items === null || (star < 0 && items.length !== targets.length) || (star >= 0 && items.length < targets.length - 1)) {
        for (const t of targets) bindTarget(m, t.type === 'list_splat_pattern' || t.type === 'list_splat' ? t.namedChildren[0] : t, UNKNOWN, scope);
        return;
      }
      if (star < 0) {
        targets.forEach((t, i) => bindTarget(m, t, items[i], scope));
        return;
      }
      const after = targets.length - star - 1;
      targets.slice(0, star).forEach((t, i) => bindTarget(m, t, items[i], scope));
      bindTarget(m, targets[star].namedChildren[0], { kind: 'list', items: items.slice(star, items.length - after) }, scope);
      targets.slice(star + 1).forEach((t, i) => bindTarget(m, t, items[items.length - after + i], scope));
      return;
    }
    case 'parenthesized_expression':
      if (target.namedChildren[0]) bindTarget(m, target.namedChildren[0], value, scope);
      return;
    case 'attribute': {
      const obj = evalExpr(m, target.childForFieldName('object')!, scope);
      const name = target.childForFieldName('attribute')!.text;
      if (obj.kind === 'instance' || obj.kind === 'nn') obj.attrs.set(name, value);
      else if (obj.kind === 'class') obj.attrs.set(name, value);
      return;
    }
    case 'subscript': {
      const objNode = target.childForFieldName('value')!;
      const obj = evalExpr(m, objNode, scope);
      const idx = target.childrenForFieldName('subscript').map((s) => evalExpr(m, s, scope));
      if (obj.kind === 'tensor') {
        // `x[key] = v` writes through x's storage (run mode); the analysis keeps x's shape.
        if (m.ctx.mode === 'run') {
          const key = idx.length === 1 ? idx[0] : tuple(idx);
          concreteCall(m, 'Tensor.__setitem__', [{ value: obj, syntax: objNode }, { value: key, syntax: null }, { value, syntax: null }], new Map(), target);
        }
        return;
      }
      if (obj.kind === 'dict' && idx.length === 1 && idx[0].kind === 'str') obj.entries.set(idx[0].value, value);
      else if (obj.kind === 'list' && idx.length === 1 && idx[0].kind === 'int' && typeof idx[0].value === 'number') {
        const i = idx[0].value < 0 ? idx[0].value + obj.items.length : idx[0].value;
        if (i >= 0 && i < obj.items.length) obj.items[i] = value;
      }
      return;
    }
    default:
      return;
  }
}
