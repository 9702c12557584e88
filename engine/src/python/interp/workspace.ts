// Imports between workspace files: `from .layers import Block` runs the imported module's
// top level (once per analysis, quietly: its problems, hovers and op-graph nodes belong to
// that file) and binds the names it defines. Cycles and deep chains resolve to unknown.
import { parsePython } from '../parser';
import { BudgetExceeded } from './context';
import { LazyNode } from './lazyNode';
import { execStmt } from './statements';
import type { Machine } from './machine';
import { Scope } from './scope';

const MAX_IMPORT_DEPTH = 3;
const MAX_MODULE_CHARS = 1_000_000;

export function loadModule(m: Machine, name: string): Scope | null {
  const cached = m.modules.get(name);
  if (cached !== undefined) return cached;
  const resolve = m.ctx.options.resolveModule;
  if (!resolve || m.ctx.foreign >= MAX_IMPORT_DEPTH) return null;
  let text: string | undefined;
  try {
    text = resolve(name);
  } catch {
    text = undefined;
  }
  if (text === undefined || text.length > MAX_MODULE_CHARS) {
    m.modules.set(name, null);
    return null;
  }
  // Mark in progress first, so an import cycle sees "unknown" instead of recursing.
  m.modules.set(name, null);
  const tree = parsePython(text);
  m.trees.push(tree);
  const root = new LazyNode(tree.rootNode, null);
  const scope = new Scope('module', null);
  m.ctx.foreign++;
  m.ctx.quiet++;
  try {
    for (const stmt of root.namedChildren) {
      try {
        execStmt(m, stmt, scope, null);
      } catch (e) {
        // The budget is the whole analysis's; anything else leaves that statement's names unset.
        if (e instanceof BudgetExceeded) throw e;
      }
    }
  } finally {
    m.ctx.foreign--;
    m.ctx.quiet--;
  }
  m.modules.set(name, scope);
  return scope;
}
