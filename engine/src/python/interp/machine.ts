// The interpreter's state across one file: the context (findings, facts, budget), memoized
// function analyses, and the functions still to analyse on their own afterwards.
import type { SyntaxNode, SyntaxTree } from '../syntax';
import type { Context } from './context';
import type { Scope } from './scope';
import type { ClassValue, FunctionValue, Value } from './values';
import type { Shape } from '../../shape/dim';

export type Flow = 'normal' | 'return' | 'break' | 'continue' | 'raise';

/** One function activation: the values its `return`s produced. */
export interface Frame {
  returns: Value[];
  fn: FunctionValue | null;
  /** The return shape the function declares, and the symbols its parameters declare. */
  declaredReturn?: { shape: Shape; symbols: Set<string>; source: string };
}

/** An argument with the syntax it came from (for operand provenance in messages). */
export interface Arg {
  value: Value;
  syntax: SyntaxNode | null;
}

export class Machine {
  /** Return values by function and argument signature. */
  readonly memo = new Map<string, Value>();
  /** Functions and methods defined so far, to analyse on their own if never called. */
  readonly defined: FunctionValue[] = [];
  /** Def nodes (by start index) already analysed at a call site or on their own. */
  readonly analysed = new Set<number>();
  /** Trailing comments by 0-based line. */
  readonly comments = new Map<number, string>();
  /** Defs currently on the analysis stack (by start index), to bound recursion. */
  readonly active: number[] = [];
  /** Memo keys of calls in progress: the same call again is recursion that adds nothing. */
  readonly inProgress = new Set<string>();
  /** Workspace modules loaded so far (null: not resolvable, or still loading). */
  readonly modules = new Map<string, Scope | null>();
  /** Parse trees of loaded modules, disposed when the interpretation ends. */
  readonly trees: SyntaxTree[] = [];
  /** Parameter lists by def node (functions.ts's ParamInfo[]), read once per interpretation. */
  readonly params = new Map<SyntaxNode, unknown>();
  /** Whether a def declares shapes (docstring or annotations), by def node. */
  readonly declares = new Map<SyntaxNode, boolean>();
  /** The instance each class's methods are analysed with, by class. */
  readonly selves = new Map<ClassValue, Value>();
  /** Sample sizes bound to symbolic dims, so samples of one symbol agree across the file. */
  readonly sampleBinding: Record<string, number>;

  constructor(readonly ctx: Context, readonly root: SyntaxNode, readonly text: string) {
    collectShapeComments(text, this.comments);
    this.sampleBinding = { ...(ctx.options.sampleSizes ?? {}) };
  }
}

/**
 * Trailing comments that look like shapes (`# (batch, 1)`, `# shape: (b, n)`), by line. Read
 * from the text, not the tree, so no syntax node is materialised for it; a `#` inside a
 * string can only produce a hover label, never a finding.
 */
function collectShapeComments(text: string, out: Map<number, string>): void {
  // Line by line as `split(/\r\n|\r|\n/)` would cut them, without materialising every line:
  // only a line holding a `#` is looked at.
  let line = 0;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = start;
    let at = -1;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      if (c === 35) at = end;
      end++;
    }
    if (at >= 0) {
      const comment = text.slice(at, end);
      if (/^#\s*(?:shape\s*[:=]?\s*|->\s*|→\s*)?[([][^)\]]*[)\]]\s*$/i.test(comment)) out.set(line, comment);
    }
    if (end >= n) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
}

export type { Scope };
