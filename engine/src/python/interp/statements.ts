// Statements: assignments (with hover and inlay facts for each bound name), control flow
// joined at merge points, loops unrolled under the budget and widened beyond it, function
// and class definitions, imports, asserts that declare shapes.
import type { SyntaxNode } from '../syntax';
import { PyError, rangeOf } from './context';
import { dimEqual, dimSymbols, formatDim, formatShape, isUnknownDim, sym, type Dim, type Shape } from './dims';
import { parseAnnotation, parseShapeComment } from './declared';
import { bindTarget, evalExpr, recordHover, tensorBinary } from './expressions';
import { bindImport } from './imports';
import { loadModule } from './workspace';
import { arith } from './arith';
import { iterate } from './iteration';
import { joinScopes } from './join';
import type { Flow, Frame, Machine } from './machine';
import { Scope } from './scope';
import { UNKNOWN, NONE, truthy, type ClassValue, type FunctionValue, type Value } from './values';

export function execBlock(m: Machine, stmts: SyntaxNode[], scope: Scope, frame: Frame | null): Flow {
  for (const s of stmts) {
    const flow = execStmt(m, s, scope, frame);
    if (flow !== 'normal') return flow;
  }
  return 'normal';
}

/** Names a statement may bind, so they can be made unknown when it is not understood. */
export function assignedNames(node: SyntaxNode, out = new Set<string>()): Set<string> {
  if (node.type === 'function_definition' || node.type === 'class_definition') {
    const n = node.childForFieldName('name');
    if (n) out.add(n.text);
    return out;
  }
  if (node.type === 'assignment' || node.type === 'augmented_assignment' || node.type === 'for_statement' || node.type === 'for_in_clause') {
    collectIdentifiers(node.childForFieldName('left'), out);
  }
  if (node.type === 'as_pattern_target' || node.type === 'named_expression') collectIdentifiers(node.namedChildren[0] ?? null, out);
  for (const c of node.namedChildren) assignedNames(c, out);
  return out;
}

function collectIdentifiers(node: SyntaxNode | null, out: Set<string>): void {
  if (!node) return;
  if (node.type === 'identifier') out.add(node.text);
  else if (node.type !== 'attribute' && node.type !== 'subscript') for (const c of node.namedChildren) collectIdentifiers(c, out);
}

function invalidate(node: SyntaxNode, scope: Scope): void {
  for (const n of assignedNames(node)) scope.set(n, UNKNOWN);
}

export function execStmt(m: Machine, node: SyntaxNode, scope: Scope, frame: Frame | null): Flow {
  m.ctx.step();
  switch (node.type) {
    case 'expression_statement': {
      for (const c of node.namedChildren) {
        if (c.type === 'assignment') assign(m, c, scope);
        else if (c.type === 'augmented_assignment') augAssign(m, c, scope);
        else evalExpr(m, c, scope);
      }
      return 'normal';
    }
    case 'return_statement': {
      const e = node.namedChildren[0];
      const v = e ? evalExpr(m, e, scope) : NONE;
      if (e && frame?.declaredReturn) checkDeclared(m, e, v, frame.declaredReturn.shape, frame.declaredReturn.symbols, `the declared return shape (${frame.declaredReturn.source})`);
      frame?.returns.push(v);
      return 'return';
    }
    case 'if_statement':
      return execIf(m, node, scope, frame);
    case 'for_statement':
      return execFor(m, node, scope, frame);
    case 'while_statement':
      return execWhile(m, node, scope, frame);
    case 'with_statement': {
      for (const item of findAll(node.namedChildren.find((c) => c.type === 'with_clause') ?? null, 'with_item')) {
        const value = item.childForFieldName('value');
        if (!value) continue;
        if (value.type === 'as_pattern') {
          const v = evalExpr(m, value.namedChildren[0], scope);
          const target = value.childForFieldName('alias') ?? value.namedChildren[1];
          const inner = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
          if (inner) bindTarget(m, inner, v.kind === 'ref' && v.qualname === 'contextmanager' ? NONE : UNKNOWN, scope);
        } else evalExpr(m, value, scope);
      }
      const body = node.childForFieldName('body');
      return body ? execBlock(m, body.namedChildren, scope, frame) : 'normal';
    }
    case 'try_statement':
      return execTry(m, node, scope, frame);
    case 'function_definition':
      defineFunction(m, node, scope);
      return 'normal';
    case 'decorated_definition': {
      const def = node.childForFieldName('definition');
      if (!def) return 'normal';
      const decorators = node.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text.replace(/\s+/g, ''));
      execStmt(m, def, scope, frame);
      // A decorator may replace the function with anything; only known-harmless ones keep it.
      const harmless = /^@(staticmethod|classmethod|torch\.no_grad\(\)|torch\.inference_mode\(\)|functools\.wraps\(.*\)|typing\.overload|overload|jaxtyped.*|typechecked|beartype|torch\.jit\.script|torch\.compile.*)$/;
      if (!decorators.every((d) => harmless.test(d))) {
        const name = def.childForFieldName('name');
        if (name) scope.set(name.text, UNKNOWN);
      }
      return 'normal';
    }
    case 'class_definition':
      defineClass(m, node, scope);
      return 'normal';
    case 'import_statement':
    case 'import_from_statement':
      bindImport(node, scope, (name) => loadModule(m, name));
      return 'normal';
    case 'future_import_statement':
    case 'pass_statement':
    case 'comment':
    case 'nonlocal_statement':
    case 'type_alias_statement':
      return 'normal';
    case 'global_statement':
      for (const n of node.namedChildren) scope.globals.add(n.text);
      return 'normal';
    case 'break_statement':
      return 'break';
    case 'continue_statement':
      return 'continue';
    case 'raise_statement':
      if (m.ctx.mode === 'run') {
        const e = node.namedChildren[0];
        const call = e?.type === 'call' ? e : null;
        const type = (call ? call.childForFieldName('function')?.text : e?.text) ?? 'Exception';
        const msgNode = call?.childForFieldName('arguments')?.namedChildren[0];
        const msg = msgNode ? evalExpr(m, msgNode, scope) : NONE;
        throw new PyError(type, msg.kind === 'str' ? msg.value : '');
      }
      return 'raise';
    case 'assert_statement':
      execAssert(m, node, scope);
      return 'normal';
    case 'delete_statement':
      return 'normal';
    default:
      // match statements, exec/print statements, ERROR nodes: whatever they bind is unknown.
      invalidate(node, scope);
      return 'normal';
  }
}

function findAll(node: SyntaxNode | null, type: string, out: SyntaxNode[] = []): SyntaxNode[] {
  if (!node) return out;
  if (node.type === type) out.push(node);
  else for (const c of node.namedChildren) findAll(c, type, out);
  return out;
}

function trailingComment(m: Machine, node: SyntaxNode): string | undefined {
  return m.comments.get(node.endPosition.row);
}

function assign(m: Machine, node: SyntaxNode, scope: Scope): void {
  const left = node.childForFieldName('left')!;
  const right = node.childForFieldName('right');
  const typeNode = node.childForFieldName('type');
  let value: Value;
  if (!right) value = UNKNOWN;
  else if (right.type === 'assignment') {
    assign(m, right, scope);
    value = evalExpr(m, right.childForFieldName('left')!, scope);
  } else value = evalExpr(m, right, scope);
  if (!right) return;
  value = refineFromDeclaration(m, value, right.type === 'assignment' ? null : right, typeNode, trailingComment(m, node));
  bindTarget(m, left, value, scope);
  bindFacts(m, left, scope);
}

/**
 * A value the analysis could not shape takes the shape its annotation declares. Trailing
 * comments (`# (N, M)`) are documentation, often stale, so they only label the hover of a
 * value whose shape is unknown; they never feed a rule.
 */
function refineFromDeclaration(m: Machine, value: Value, expr: SyntaxNode | null, typeNode: SyntaxNode | null, comment: string | undefined): Value {
  if (m.ctx.mode === 'run') return value;
  const declared = typeNode ? parseAnnotation(typeNode.text) : null;
  const shape = declared?.shape;
  if (shape && expr && value.kind === 'tensor' && value.shape !== null) {
    checkDeclared(m, expr, value, shape, new Set(value.shape.flatMap((d) => dimSymbols(d))), 'its annotation');
  }
  if (!shape) {
    if (comment && expr && value.kind === 'tensor' && value.shape === null) {
      const stated = parseShapeComment(comment);
      if (stated) m.ctx.labelShape({ range: rangeOf(expr), text: expr.text, shape: `${formatShape(stated)} (from the comment)`, dtype: null });
    }
    return value;
  }
  if (value.kind === 'tensor' && value.shape === null) return { ...value, shape };
  if (value.kind === 'unknown' && expr && (declared || expr.type === 'call' || expr.type === 'attribute' || expr.type === 'subscript')) {
    return m.ctx.tensor(shape, declared?.dtype ?? null, m.ctx.node('input', expr, [], { declared: formatShape(shape) }));
  }
  return value;
}

/**
 * A value whose shape provably contradicts its declaration. Only dims whose symbols the
 * function's parameters declare are compared: a symbol that appears only in the declaration
 * could be any size.
 */
export function checkDeclared(m: Machine, expr: SyntaxNode, v: Value, declared: Shape, symbols: Set<string>, what: string): void {
  if (v.kind !== 'tensor' || v.shape === null || m.ctx.mode === 'run') return;
  const comparable = (d: Dim) => dimSymbols(d).every((s) => symbols.has(s)) && !isUnknownDim(d);
  let reason: string | null = null;
  if (v.shape.length !== declared.length) reason = `rank ${v.shape.length} vs ${declared.length}`;
  else {
    const i = declared.findIndex((d, k) => comparable(d) && comparable(v.shape![k]) && dimEqual(d, v.shape![k]) === false);
    if (i >= 0) reason = `dim ${i} is ${formatDim(v.shape[i])} but ${formatDim(declared[i])} is declared`;
  }
  if (!reason) return;
  m.ctx.problem({
    op: 'declaration', kind: 'annotation', torchType: '', range: rangeOf(expr), text: expr.text, operands: [],
    reason: `\`${expr.text.length > 60 ? `${expr.text.slice(0, 57)}...` : expr.text}\` is ${formatShape(v.shape)} but ${what} is ${formatShape(declared)}: ${reason}`,
  });
}

/** Hover and inlay facts for every name an assignment bound. */
function bindFacts(m: Machine, target: SyntaxNode, scope: Scope): void {
  if (target.type === 'identifier') {
    const v = scope.lookup(target.text);
    if (v && v.kind === 'tensor') {
      recordHover(m, target, v);
      m.ctx.inlay(rangeOf(target).end, v.shape);
    }
    return;
  }
  if (target.type === 'attribute' || target.type === 'subscript') return;
  for (const c of target.namedChildren) bindFacts(m, c.type === 'list_splat_pattern' ? c.namedChildren[0] ?? c : c, scope);
}

const AUG_OPS: Record<string, string> = {
  '+=': 'torch.add', '-=': 'torch.sub', '*=': 'torch.mul', '/=': 'torch.div', '//=': 'torch.floor_divide', '%=': 'torch.remainder', '**=': 'torch.pow', '@=': 'torch.matmul',
};

function augAssign(m: Machine, node: SyntaxNode, scope: Scope): void {
  const left = node.childForFieldName('left')!;
  const right = node.childForFieldName('right')!;
  const op = node.childForFieldName('operator')!.text;
  const a = evalExpr(m, left, scope);
  const b = evalExpr(m, right, scope);
  let result: Value = UNKNOWN;
  if (a.kind === 'tensor' || b.kind === 'tensor') {
    if (AUG_OPS[op]) result = tensorBinary(m, AUG_OPS[op], op.slice(0, -1), { value: a, syntax: left }, { value: b, syntax: right }, node);
    // In-place ops keep the left operand's shape (broadcasting may not grow it).
    if (result.kind === 'tensor' && a.kind === 'tensor' && a.shape && result.shape && result.shape.length !== a.shape.length) result = UNKNOWN;
  } else {
    result = arith(op.slice(0, -1), a, b) ?? UNKNOWN;
  }
  bindTarget(m, left, result, scope);
  bindFacts(m, left, scope);
}

function execIf(m: Machine, node: SyntaxNode, scope: Scope, frame: Frame | null): Flow {
  const cond = evalExpr(m, node.childForFieldName('condition')!, scope);
  const t = truthy(cond);
  const body = node.childForFieldName('consequence')!;
  const alternatives = node.childrenForFieldName('alternative');
  const runElse = (s: Scope): Flow => {
    const alt = alternatives[0];
    if (!alt) return 'normal';
    if (alt.type === 'else_clause') return execBlock(m, alt.childForFieldName('body')?.namedChildren ?? [], s, frame);
    // elif: treat the rest of the chain as a nested if.
    const rest = { cond: alt.childForFieldName('condition')!, body: alt.childForFieldName('consequence')!, alternatives: alternatives.slice(1) };
    return execIfParts(m, rest, s, frame);
  };
  if (t === true) return execBlock(m, body.namedChildren, scope, frame);
  if (t === false) return runElse(scope);
  return branch(scope, (s) => execBlock(m, body.namedChildren, s, frame), runElse);
}

function execIfParts(m: Machine, parts: { cond: SyntaxNode; body: SyntaxNode; alternatives: SyntaxNode[] }, scope: Scope, frame: Frame | null): Flow {
  const t = truthy(evalExpr(m, parts.cond, scope));
  const runElse = (s: Scope): Flow => {
    const alt = parts.alternatives[0];
    if (!alt) return 'normal';
    if (alt.type === 'else_clause') return execBlock(m, alt.childForFieldName('body')?.namedChildren ?? [], s, frame);
    return execIfParts(m, { cond: alt.childForFieldName('condition')!, body: alt.childForFieldName('consequence')!, alternatives: parts.alternatives.slice(1) }, s, frame);
  };
  if (t === true) return execBlock(m, parts.body.namedChildren, scope, frame);
  if (t === false) return runElse(scope);
  return branch(scope, (s) => execBlock(m, parts.body.namedChildren, s, frame), runElse);
}

/** Runs two alternatives on copies of the scope and joins what continues past them. */
function branch(scope: Scope, a: (s: Scope) => Flow, b: (s: Scope) => Flow): Flow {
  // The second branch runs on the scope itself: one copy instead of two.
  const sa = scope.fork();
  const fa = a(sa);
  const fb = b(scope);
  const continues = (f: Flow) => f === 'normal' || f === 'break' || f === 'continue';
  if (continues(fa) && continues(fb)) joinScopes(scope, sa, scope);
  else if (continues(fa)) scope.adopt(sa);
  else if (continues(fb)) {
    // Only the second branch falls through: the scope already holds its state.
  } else {
    joinScopes(scope, sa, scope);
    return fa === fb ? fa : fa === 'return' || fb === 'return' ? 'return' : 'raise';
  }
  if (fa === fb) return fa;
  // One path breaks or continues and the other falls through: keep going with the join.
  return 'normal';
}

function widen(m: Machine, loop: SyntaxNode, before: Scope, scope: Scope, why: string): void {
  m.ctx.note(`preview stopped: step budget (${why} at line ${loop.startPosition.row + 1})`);
  joinScopes(scope, before, scope);
  for (const n of assignedNames(loop)) if (!before.vars.has(n)) scope.set(n, UNKNOWN);
}

function execFor(m: Machine, node: SyntaxNode, scope: Scope, frame: Frame | null): Flow {
  const left = node.childForFieldName('left')!;
  const iterable = evalExpr(m, node.childForFieldName('right')!, scope);
  const body = node.childForFieldName('body')?.namedChildren ?? [];
  const before = scope.fork();
  const items = iterate(iterable, m.ctx.loopLimit);
  if (items === null) {
    if (iterable.kind === 'range' && iterable.start !== null && m.ctx.mode === 'run') {
      return runLongRange(m, node, iterable, left, body, scope, frame);
    }
    if (m.ctx.mode === 'run') throw new PyError('UnsupportedError', `iterating ${node.childForFieldName('right')!.text} is not supported`);
    // Unknown or too long: run the body once on an unknown item, then join with the state before.
    if (iterable.kind === 'range' && iterable.start !== null) {
      const flow = runLongRange(m, node, iterable, left, body, scope, frame);
      widen(m, node, before, scope, `loop runs more than ${m.ctx.loopLimit} iterations`);
      return flow === 'return' ? 'normal' : 'normal';
    }
    bindTarget(m, left, elementOf(iterable), scope);
    execBlock(m, body, scope, frame);
    joinScopes(scope, before, scope);
    return 'normal';
  }
  for (const item of items) {
    bindTarget(m, left, item, scope);
    const flow = execBlock(m, body, scope, frame);
    if (flow === 'break') return 'normal';
    if (flow === 'return' || flow === 'raise') return flow;
  }
  const alt = node.childForFieldName('alternative');
  if (alt) return execBlock(m, alt.childForFieldName('body')?.namedChildren ?? [], scope, frame);
  return 'normal';
}

function elementOf(v: Value): Value {
  if (v.kind === 'tensor' && v.shape && v.shape.length > 0) return { ...v, shape: v.shape.slice(1) };
  if (v.kind === 'range') return { kind: 'int', value: { kind: 'unknown' } };
  return UNKNOWN;
}

/** Iterates a long range lazily: in run mode until the budget, in analysis up to the loop limit. */
function runLongRange(m: Machine, node: SyntaxNode, r: Extract<Value, { kind: 'range' }>, left: SyntaxNode, body: SyntaxNode[], scope: Scope, frame: Frame | null): Flow {
  const { start, stop, step } = r as { start: number; stop: number; step: number };
  let count = 0;
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    if (m.ctx.mode !== 'run' && count++ >= m.ctx.loopLimit) break;
    bindTarget(m, left, { kind: 'int', value: i }, scope);
    const flow = execBlock(m, body, scope, frame);
    if (flow === 'break') return 'normal';
    if (flow === 'return' || flow === 'raise') return flow;
  }
  void node;
  return 'normal';
}

function execWhile(m: Machine, node: SyntaxNode, scope: Scope, frame: Frame | null): Flow {
  const condNode = node.childForFieldName('condition')!;
  const body = node.childForFieldName('body')?.namedChildren ?? [];
  const before = scope.fork();
  for (let i = 0; ; i++) {
    const t = truthy(evalExpr(m, condNode, scope));
    if (t === false) return 'normal';
    if (t === null) {
      if (m.ctx.mode === 'run') throw new PyError('UnsupportedError', `the condition ${condNode.text} could not be evaluated`);
      execBlock(m, body, scope, frame);
      joinScopes(scope, before, scope);
      return 'normal';
    }
    if (m.ctx.mode !== 'run' && i >= m.ctx.loopLimit) {
      widen(m, node, before, scope, `loop runs more than ${m.ctx.loopLimit} iterations`);
      return 'normal';
    }
    const flow = execBlock(m, body, scope, frame);
    if (flow === 'break') return 'normal';
    if (flow === 'return' || flow === 'raise') return flow;
  }
}

function execTry(m: Machine, node: SyntaxNode, scope: Scope, frame: Frame | null): Flow {
  const body = node.childForFieldName('body')?.namedChildren ?? [];
  const handlers = node.namedChildren.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
  const elseClause = node.namedChildren.find((c) => c.type === 'else_clause');
  const finallyClause = node.namedChildren.find((c) => c.type === 'finally_clause');
  const before = scope.fork();
  let flow: Flow;
  try {
    flow = execBlock(m, body, scope, frame);
  } catch (e) {
    if (!(e instanceof PyError) || handlers.length === 0) throw e;
    // Run mode: the first handler takes the error (types are not matched precisely).
    const block = handlers[0].namedChildren.find((c) => c.type === 'block');
    flow = block ? execBlock(m, block.namedChildren, scope, frame) : 'normal';
    handlers.length = 0;
  }
  if (flow === 'normal' && elseClause) flow = execBlock(m, elseClause.childForFieldName('body')?.namedChildren ?? elseClause.namedChildren.find((c) => c.type === 'block')?.namedChildren ?? [], scope, frame);
  if (m.ctx.mode !== 'run') {
    // Any handler may run instead of the rest of the body; join their outcomes.
    for (const h of handlers) {
      const s = before.fork();
      const block = h.namedChildren.find((c) => c.type === 'block');
      const hf = block ? execBlock(m, block.namedChildren, s, frame) : 'normal';
      if (hf === 'normal') joinScopes(scope, scope.fork(), s);
    }
  }
  if (finallyClause) {
    const block = finallyClause.namedChildren.find((c) => c.type === 'block');
    if (block) {
      const ff = execBlock(m, block.namedChildren, scope, frame);
      if (ff !== 'normal') return ff;
    }
  }
  return flow;
}

function execAssert(m: Machine, node: SyntaxNode, scope: Scope): void {
  const test = node.namedChildren[0];
  if (!test) return;
  if (m.ctx.mode === 'run') {
    const v = evalExpr(m, test, scope);
    if (truthy(v) === false) {
      const msg = node.namedChildren[1] ? evalExpr(m, node.namedChildren[1], scope) : NONE;
      throw new PyError('AssertionError', msg.kind === 'str' ? msg.value : '');
    }
    return;
  }
  // `assert x.shape == (b, n)`: names not bound yet become symbols, and an unshaped x takes the shape.
  if (test.type === 'comparison_operator' && test.namedChildren.length === 2 && test.children[1]?.text === '==') {
    const [lhs, rhs] = test.namedChildren;
    if (lhs.type === 'attribute' && lhs.childForFieldName('attribute')?.text === 'shape' && (rhs.type === 'tuple' || rhs.type === 'list')) {
      const obj = lhs.childForFieldName('object')!;
      const x = evalExpr(m, obj, scope);
      if (x.kind === 'tensor' && x.shape === null) {
        const dims = rhs.namedChildren.map((d) => {
          if (d.type === 'identifier' && scope.lookup(d.text) === undefined) return sym(d.text);
          const v = evalExpr(m, d, scope);
          return v.kind === 'int' ? v.value : { kind: 'unknown' as const };
        });
        const refined = { ...x, shape: dims };
        if (obj.type === 'identifier') scope.set(obj.text, refined);
        return;
      }
    }
  }
  evalExpr(m, test, scope);
}

export function defineFunction(m: Machine, node: SyntaxNode, scope: Scope): FunctionValue {
  const name = node.childForFieldName('name')?.text ?? '<anonymous>';
  const fn: FunctionValue = { kind: 'function', name, def: node, closure: scope, isLambda: false };
  if (m.ctx.foreign > 0) fn.foreign = true;
  scope.set(name, fn);
  m.defined.push(fn);
  return fn;
}

function defineClass(m: Machine, node: SyntaxNode, scope: Scope): void {
  const name = node.childForFieldName('name')?.text ?? '<class>';
  const supers = node.childForFieldName('superclasses');
  const bases = supers ? supers.namedChildren.filter((c) => c.type !== 'keyword_argument').map((c) => evalExpr(m, c, scope)) : [];
  const isModule = bases.some((b) => (b.kind === 'ref' && /^torch\.nn\.(Module|modules\.module\.Module)$/.test(b.qualname)) || (b.kind === 'class' && b.isModule));
  const cls: ClassValue = { kind: 'class', name, def: node, attrs: new Map(), bases, isModule };
  const body = new Scope('class', scope);
  const block = node.childForFieldName('body');
  if (block) execBlock(m, block.namedChildren, body, null);
  for (const [k, v] of body.vars) {
    cls.attrs.set(k, v);
    if (v.kind === 'function') (v as FunctionValue & { owner?: ClassValue }).owner = cls;
  }
  // Unknown bases (e.g. a dataclass or a library class) may define anything: keep the class
  // usable but never let its instances' missing attributes look known.
  scope.set(name, bases.some((b) => b.kind === 'unknown') && !isModule ? UNKNOWN : cls);
}
