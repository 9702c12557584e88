// Statements: assignments (with hover and inlay facts for each bound name), control flow
// joined at merge points, loops unrolled under the budget and widened beyond it, function
// and class definitions, imports, asserts that declare shapes.
import type { SyntaxNode } from '../syntax';
import { PyError, rangeOf } from './context';
import { dimKnownDifferent, dimSymbols, formatDim, formatShape, isUnknownDim, sym, type Dim, type Shape } from '../../shape/dim';
import { parseAnnotation, parseShapeComment } from './declared';
import { bindTarget, evalExpr, recordHover } from './expressions';
import { tensorBinary } from './operators';
import { bindImport } from './imports';
import { execFor, execIf, execTry, execWhile } from './controlFlow';
import { loadModule } from './workspace';
import { arith } from './arith';
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
      if (!body) return 'normal';
      // `with pytest.raises(...)` / `self.assertRaises(...)`: the block is expected to raise.
      const expectsError = m.ctx.mode !== 'run' && /\b(raises|assertRaises\w*)\s*\(/.test(node.namedChildren.find((c) => c.type === 'with_clause')?.text ?? '');
      if (expectsError) m.ctx.catching.push(() => true);
      try {
        return execBlock(m, body.namedChildren, scope, frame);
      } finally {
        if (expectsError) m.ctx.catching.pop();
      }
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
    const i = declared.findIndex((d, k) => comparable(d) && comparable(v.shape![k]) && dimKnownDifferent(d, v.shape![k]));
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
    result = arith(op.slice(0, -1), a, b, m.ctx.mode === 'run') ?? UNKNOWN;
  }
  bindTarget(m, left, result, scope);
  bindFacts(m, left, scope);
}

function execAssert(m: Machine, node: SyntaxNode, scope: Scope): void {
  const test = node.namedChildren[0];
  if (!test) return;
  if (m.ctx.mode === 'run') {
    const v = evalExpr(m, test, scope);
    if (truthy(v, m.ctx.mode === 'run') === false) {
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
