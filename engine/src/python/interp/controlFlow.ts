// Control flow: `if` (one branch when the condition is provable, else both on copies of
// the scope, joined), `for` (unrolled over known iterables, widened past the loop limit),
// `while`, and `try` (handlers joined with the body in analysis; the first handler in run).
import type { SyntaxNode } from '../syntax';
import { PyError } from './context';
import { bindTarget, evalExpr } from './expressions';
import { exceptionValue, handlerParts, matchingHandler, mayCatch } from './exceptions';
import { iterate } from './iteration';
import { conditionTruth } from './truth';
import { joinScopes } from './join';
import type { Flow, Frame, Machine } from './machine';
import type { Scope } from './scope';
import { assignedNames, execBlock } from './statements';
import { UNKNOWN, truthy, type Value } from './values';

export function execIf(m: Machine, node: SyntaxNode, scope: Scope, frame: Frame | null): Flow {
  const condNode = node.childForFieldName('condition')!;
  const t = conditionTruth(m, evalExpr(m, condNode, scope), condNode);
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
  const t = conditionTruth(m, evalExpr(m, parts.cond, scope), parts.cond);
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

export function execFor(m: Machine, node: SyntaxNode, scope: Scope, frame: Frame | null): Flow {
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

export function execWhile(m: Machine, node: SyntaxNode, scope: Scope, frame: Frame | null): Flow {
  const condNode = node.childForFieldName('condition')!;
  const body = node.childForFieldName('body')?.namedChildren ?? [];
  const before = scope.fork();
  for (let i = 0; ; i++) {
    const t = conditionTruth(m, evalExpr(m, condNode, scope), condNode);
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

export function execTry(m: Machine, node: SyntaxNode, scope: Scope, frame: Frame | null): Flow {
  const body = node.childForFieldName('body')?.namedChildren ?? [];
  const handlers = node.namedChildren.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
  const elseClause = node.namedChildren.find((c) => c.type === 'else_clause');
  const finallyClause = node.namedChildren.find((c) => c.type === 'finally_clause');
  const before = scope.fork();
  let flow: Flow;
  let handled = false;
  const analysing = m.ctx.mode !== 'run' && handlers.length > 0;
  if (analysing) m.ctx.catching.push((type) => handlers.some((h) => mayCatch(h, type)));
  try {
    try {
      flow = execBlock(m, body, scope, frame);
    } finally {
      if (analysing) m.ctx.catching.pop();
    }
  } catch (e) {
    // An engine limit (UnsupportedError) is not a Python exception: no handler may hide it.
    if (!(e instanceof PyError) || handlers.length === 0 || e.type === 'UnsupportedError') throw e;
    const handler = matchingHandler(handlers, e);
    if (!handler) throw e;
    const target = handlerParts(handler).target;
    if (target) bindTarget(m, target, exceptionValue(e, handler), scope);
    const block = handler.namedChildren.find((c) => c.type === 'block');
    flow = block ? execBlock(m, block.namedChildren, scope, frame) : 'normal';
    handlers.length = 0;
    handled = true;
  }
  // `else` runs only when the body raised nothing.
  if (flow === 'normal' && elseClause && !handled) flow = execBlock(m, elseClause.childForFieldName('body')?.namedChildren ?? elseClause.namedChildren.find((c) => c.type === 'block')?.namedChildren ?? [], scope, frame);
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
