// The interpreter's state across one file: the context (findings, facts, budget), memoized
// function analyses, and the functions still to analyse on their own afterwards.
import type { SyntaxNode, SyntaxTree } from '../syntax';
import type { Context } from './context';
import type { Scope } from './scope';
import type { FunctionValue, Value } from './values';
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
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i].lastIndexOf('#');
    if (at < 0) continue;
    const comment = lines[i].slice(at);
    if (/^#\s*(?:shape\s*[:=]?\s*|->\s*|→\s*)?[([][^)\]]*[)\]]\s*$/i.test(comment)) out.set(i, comment);
  }
}

export type { Scope };
