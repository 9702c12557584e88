// `run`: executes a file or one `# %%` cell in the bundled engine (never natively). It is the
// interpreter in concrete mode: every op runs its table kernel, and the first error stops
// the run with an entry that carries torch's (or Python's) exception type and message.
import type { RunEntry, RunOptions } from './api';
import { findCells } from './cells';
import { parsePython } from './python/parser';
import type { SyntaxNode } from './python/syntax';
import { BudgetExceeded, Context, PyError } from './python/interp/context';
import { LazyNode } from './python/interp/lazyNode';
import { Machine } from './python/interp/machine';
import { Scope } from './python/interp/scope';
import { execStmt } from './python/interp/statements';
import { evalExpr } from './python/interp/expressions';
import { describeValue, printValue } from './python/interp/runValues';
import { moduleRepr } from './python/interp/nnRepr';
import { callTable, torchTable } from './python/interp/concrete';
import type { Value } from './python/interp/values';

/** The names an assignment statement binds, in order (`a, b = ...` gives a and b). */
function targetNames(stmt: SyntaxNode): SyntaxNode[] | null {
  if (stmt.type !== 'expression_statement') return null;
  const inner = stmt.namedChildren[0];
  if (!inner) return null;
  if (inner.type === 'assignment' || inner.type === 'augmented_assignment') {
    const out: SyntaxNode[] = [];
    const collect = (n: SyntaxNode | null): void => {
      if (!n) return;
      if (n.type === 'identifier' || n.type === 'attribute' || n.type === 'subscript') out.push(n);
      else for (const c of n.namedChildren) collect(c.type === 'list_splat_pattern' ? c.namedChildren[0] ?? null : c);
    };
    let a: SyntaxNode | null = inner;
    while (a && (a.type === 'assignment' || a.type === 'augmented_assignment')) {
      collect(a.childForFieldName('left'));
      const right = a.childForFieldName('right');
      a = right && right.type === 'assignment' ? right : null;
    }
    return out;
  }
  return [];
}

function entryFor(line: number, name: string, value: Value | null, error: RunEntry['error']): RunEntry {
  if (error || !value) return { line, name, shape: null, dtype: null, value: null, printed: error ? `${error.type}: ${error.message}` : '', error };
  const d = describeValue(value);
  const printed = value.kind === 'nn' ? moduleRepr(value) ?? `<nn.${value.type}>` : printValue(value);
  return { line, name, shape: d.shape, dtype: d.dtype, value: d.value, printed, error: null };
}

/**
 * A `print` call's output, one entry per run of output from the same call: `value` is the
 * exact text written, `printed` the same without its last newline, for display.
 */
function printEntry(chunk: { line: number; call: string; text: string }): RunEntry {
  const printed = chunk.text.endsWith('\n') ? chunk.text.slice(0, -1) : chunk.text;
  return { line: chunk.line + 1, name: chunk.call, shape: null, dtype: null, value: chunk.text, printed, error: null, output: true };
}

function errorOf(e: unknown): RunEntry['error'] {
  if (e instanceof PyError) return { type: e.type, message: e.message };
  if (e instanceof BudgetExceeded) return { type: 'UnsupportedError', message: e.message };
  // Kernel errors (TorchError, ShapeError) that escaped the call layer are still torch's own.
  const torchType = (e as { torchType?: unknown }).torchType;
  if (typeof torchType === 'string') return { type: torchType, message: (e as Error).message };
  return { type: 'InternalError', message: (e as Error).message };
}

export function runProgram(text: string, options: RunOptions = {}): RunEntry[] {
  const tree = parsePython(text);
  try {
    const root = new LazyNode(tree.rootNode, null);
    const cells = findCells(text);
    let from = 0;
    let to = Number.POSITIVE_INFINITY;
    if (options.cell !== undefined) {
      const cell = cells.find((c) => c.index === options.cell);
      if (!cell) return [{ line: 1, name: `cell ${options.cell}`, shape: null, dtype: null, value: null, printed: '', error: { type: 'ValueError', message: `no cell ${options.cell}: the file has ${cells.length} # %% cell${cells.length === 1 ? '' : 's'}` } }];
      from = cell.line;
      to = cell.endLine;
    }
    const ctx = new Context({ mode: 'run' });
    const m = new Machine(ctx, root, text);
    const scope = new Scope('module', null);
    if (torchTable()) callTable('torch.manual_seed', [0n]);
    const entries: RunEntry[] = [];
    /** Moves what `print` wrote into entries (or drops it, for the quiet earlier cells). */
    const flush = (keep: boolean): void => {
      if (keep) for (const chunk of ctx.output) entries.push(printEntry(chunk));
      ctx.output.length = 0;
    };
    for (const stmt of root.namedChildren) {
      const line = stmt.startPosition.row;
      if (line > to) break;
      const selected = line >= from;
      const targets = targetNames(stmt);
      try {
        if (!selected) {
          // Earlier cells run quietly so the selected one sees their imports and names.
          execStmt(m, stmt, scope, null);
          flush(false);
          continue;
        }
        if (targets && targets.length === 0 && stmt.namedChildren[0]?.type !== 'comment') {
          const exprNode = stmt.namedChildren[0];
          const value = evalExpr(m, exprNode, scope);
          flush(true);
          if (exprNode.type === 'string') continue;
          if (value.kind === 'none' && exprNode.type === 'call') continue;
          entries.push(entryFor(line + 1, exprNode.text, value, value.kind === 'unknown' ? { type: 'UnsupportedError', message: `${exprNode.text} could not be evaluated by the TensorLint engine` } : null));
          if (value.kind === 'unknown') break;
          continue;
        }
        execStmt(m, stmt, scope, null);
        flush(true);
        let failed = false;
        for (const t of targets ?? []) {
          const value = evalExpr(m, t, scope);
          const unknown = value.kind === 'unknown';
          entries.push(entryFor(line + 1, t.text, value, unknown ? { type: 'UnsupportedError', message: `the value of ${t.text} could not be computed by the TensorLint engine` } : null));
          failed ||= unknown;
        }
        if (failed) break;
      } catch (e) {
        flush(selected);
        if (!selected) {
          entries.push({ line: line + 1, name: stmt.text.split('\n')[0].slice(0, 60), shape: null, dtype: null, value: null, printed: '', error: errorOf(e) });
          break;
        }
        const name = targets && targets.length > 0 ? targets.map((t) => t.text).join(', ') : stmt.text.split('\n')[0].slice(0, 80);
        entries.push(entryFor(line + 1, name, null, errorOf(e)));
        break;
      }
    }
    return entries;
  } finally {
    tree.dispose();
  }
}
