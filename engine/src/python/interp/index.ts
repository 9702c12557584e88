// The abstract interpreter's entry point: runs a module's top-level code, then analyses
// every function on its own (from declared shapes, or with unknown parameters when nobody
// called it), and returns the shape problems, hover/inlay facts, op graph and notes.
import type { HoverFact, InlayFact } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import type { SyntaxNode } from '../syntax';
import { BudgetExceeded, Context, PyError, type InterpretOptions, type ShapeProblem } from './context';
import { analyseOwn, hasDeclarations, instantiate } from './functions';
import { LazyNode } from './lazyNode';
import { torchTable } from './concrete';
import { Machine } from './machine';
import { Scope } from './scope';
import { assignedNames, execStmt } from './statements';
import { UNKNOWN, type ClassValue, type FunctionValue, type Value } from './values';

export type { ShapeProblem, InterpretOptions } from './context';

export interface InterpretResult {
  problems: ShapeProblem[];
  hovers: HoverFact[];
  inlays: InlayFact[];
  nodes: OpNode[];
  notes: string[];
}

function runGuarded(ctx: Context, what: () => void, onFailure: () => void): boolean {
  try {
    what();
    return true;
  } catch (e) {
    if (e instanceof BudgetExceeded) {
      ctx.note(e.message);
      return false;
    }
    if (!(e instanceof PyError)) ctx.note(`internal error during analysis: ${(e as Error).message}`);
    onFailure();
    return true;
  }
}

export function interpret(rawRoot: SyntaxNode, text: string, options: InterpretOptions = {}): InterpretResult {
  const root = new LazyNode(rawRoot, null);
  const ctx = new Context({ ...options, mode: 'analyze' });
  const m = new Machine(ctx, root, text);
  // Samples are seeded per analysis, so hovers show the same values on every keystroke.
  try {
    torchTable()?.callConcrete('torch.manual_seed', [0n]);
  } catch {
    // No samples is fine; the analysis itself does not depend on them.
  }
  try {
    return run(m, ctx, root);
  } finally {
    for (const tree of m.trees) tree.dispose();
  }
}

function run(m: Machine, ctx: Context, root: SyntaxNode): InterpretResult {
  const scope = new Scope('module', null);
  let withinBudget = true;
  for (const stmt of root.namedChildren) {
    withinBudget = runGuarded(ctx, () => execStmt(m, stmt, scope, null), () => {
      for (const n of assignedNames(stmt)) scope.set(n, UNKNOWN);
    });
    if (!withinBudget) break;
  }
  // Functions on their own: declared ones always (their symbols make the best hovers),
  // undeclared ones only when no call site analysed them.
  for (let i = 0; withinBudget && i < m.defined.length; i++) {
    const fn = m.defined[i];
    if (fn.foreign) continue;
    const declared = hasDeclarations(m, fn);
    if (!declared && m.analysed.has(fn.def.startIndex)) continue;
    withinBudget = runGuarded(ctx, () => {
      const owner = (fn as FunctionValue & { owner?: ClassValue }).owner;
      const self = owner ? selfFor(m, owner, fn) : null;
      analyseOwn(m, fn, self, declared ? 2 : 0);
    }, () => undefined);
  }
  return { problems: ctx.problems, hovers: ctx.hovers(), inlays: ctx.inlays, nodes: ctx.nodes, notes: ctx.notes };
}

/** An instance to analyse a method with: `__init__` run on unknown arguments, quietly. */
function selfFor(m: Machine, cls: ClassValue, fn: FunctionValue): Value {
  if (fn.name === '__init__') return { kind: 'instance', cls, attrs: new Map() };
  const cached = m.selves.get(cls);
  if (cached) return cached;
  m.ctx.quiet++;
  try {
    const inst = instantiate(m, cls, [], new Map(), cls.def);
    m.selves.set(cls, inst);
    return inst;
  } finally {
    m.ctx.quiet--;
  }
}
