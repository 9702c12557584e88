// Shared state of one interpretation: what it has found so far (problems, hovers, inlays,
// the op graph, notes) and the bounds that keep it from running away.
import type { HoverFact, InlayFact, Range } from '../../api';
import { makeNode, type OpNode } from '../../facts/opGraph';
import type { SyntaxNode } from '../syntax';
import { formatShape, type Shape } from '../../shape/dim';
import type { DType, TensorValue } from './values';

export type ProblemKind = 'broadcast' | 'matmul' | 'reshape' | 'concat' | 'einops' | 'dim' | 'loss' | 'squeeze' | 'annotation' | 'suspicious' | 'contiguity' | 'dtype' | 'item' | 'bool' | 'other';

export interface OperandInfo {
  text: string;
  range: Range;
  shape: string;
  /** The expression that produced the operand, when it is not the operand itself. */
  origin?: { text: string; range: Range };
}

/** A shape error the analysis proved: the op would raise for every size the symbols can take. */
export interface ShapeProblem {
  op: string;
  kind: ProblemKind;
  /** torch's exception type, e.g. RuntimeError, IndexError. */
  torchType: string;
  reason: string;
  range: Range;
  text: string;
  operands: OperandInfo[];
  /** A certain fix, when there is one (e.g. `view` -> `reshape`). */
  fix?: { title: string; range: Range; newText: string };
}

export interface InterpretOptions {
  /** 'analyze' is abstract (unknowns allowed); 'run' is concrete execution. */
  mode?: 'analyze' | 'run';
  /** Maximum interpreter steps (statements + expressions) for the whole file. */
  stepBudget?: number;
  /** Maximum iterations one loop may unroll before it is widened. */
  loopLimit?: number;
  maxCallDepth?: number;
  sampleSizes?: Record<string, number>;
  isCancelled?: () => boolean;
  /** Source of a workspace module by the name an import wrote (`pkg.mod`, `.mod`). */
  resolveModule?: (moduleName: string) => string | undefined;
}

export class BudgetExceeded extends Error {
  constructor(readonly why: string) {
    super(`preview stopped: ${why}`);
  }
}

/** An error the analysed program would raise (used in run mode and for proven errors). */
export class PyError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

export function rangeOf(node: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

const OUTPUT_LIMIT = 1_000_000;

export class Context {
  readonly problems: ShapeProblem[] = [];
  readonly notes: string[] = [];
  readonly nodes: OpNode[] = [];
  readonly inlays: InlayFact[] = [];
  private readonly hoverByRange = new Map<string, { fact: HoverFact; level: number }>();
  /**
   * How much the current analysis knows: 2 = a function analysed from declared shapes,
   * 1 = module code and call sites, 0 = a function analysed with unknown parameters. A
   * hover from a better-informed analysis replaces one from a worse one.
   */
  hoverLevel = 1;
  private readonly problemKeys = new Set<string>();
  private readonly inlayKeys = new Set<string>();
  readonly mode: 'analyze' | 'run';
  steps = 0;
  readonly stepBudget: number;
  readonly loopLimit: number;
  readonly maxCallDepth: number;
  callDepth = 0;
  /** While > 0, hovers and inlays are not recorded (e.g. re-analysis of a function body). */
  quiet = 0;
  /**
   * While > 0 the interpreter runs another file's code (an imported workspace module): its
   * problems and op-graph nodes have ranges in that file, so they are not recorded here.
   */
  foreign = 0;
  /** One test per enclosing `try` in the analysis: whether its handlers may catch an exception type. */
  readonly catching: Array<(torchType: string) => boolean> = [];
  /** The call in this file that entered imported code, where that code's problems are reported. */
  foreignCall: { range: Range; text: string; callee: string } | null = null;

  /** What `print` wrote in run mode, in order, with the line of each call (0-based). */
  readonly output: { line: number; call: string; text: string }[] = [];
  private outputChars = 0;

  /** Appends printed text; past 1 MB the rest is dropped, once marked, so a print loop cannot fill memory. */
  write(line: number, call: string, text: string): void {
    if (this.outputChars > OUTPUT_LIMIT) return;
    this.outputChars += text.length;
    if (this.outputChars > OUTPUT_LIMIT) text = `${text.slice(0, Math.max(0, text.length - (this.outputChars - OUTPUT_LIMIT)))}\n[output truncated at 1 MB]\n`;
    const last = this.output[this.output.length - 1];
    if (last && last.line === line && last.call === call) last.text += text;
    else this.output.push({ line, call, text });
  }

  constructor(readonly options: InterpretOptions) {
    this.mode = options.mode ?? 'analyze';
    this.stepBudget = options.stepBudget ?? (this.mode === 'run' ? 2_000_000 : 200_000);
    this.loopLimit = options.loopLimit ?? (this.mode === 'run' ? 1_000_000 : 256);
    this.maxCallDepth = options.maxCallDepth ?? (this.mode === 'run' ? 100 : 12);
  }

  step(): void {
    this.steps++;
    if (this.steps > this.stepBudget) throw new BudgetExceeded('step budget');
    if ((this.steps & 1023) === 0 && this.options.isCancelled?.()) throw new BudgetExceeded('cancelled');
  }

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  node(op: string, syntax: SyntaxNode | null, inputs: Array<OpNode | null> = [], params: Record<string, unknown> = {}): OpNode {
    const n = makeNode({
      op,
      inputs,
      params,
      range: syntax ? rangeOf(syntax) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      text: syntax ? syntax.text : '',
    });
    if (this.foreign === 0) this.nodes.push(n);
    return n;
  }

  tensor(shape: Shape | null, dtype: DType | null, node: OpNode, sample?: unknown): TensorValue {
    // The node remembers the first shape it was produced with, for rules that read the graph.
    if (node.shape === undefined) {
      (node as { shape?: unknown }).shape = shape;
      node.dtype = dtype;
    }
    // Rules that read the op graph (stability) need the rank of each node's value.
    if (node.shape === undefined) {
      node.shape = shape;
      node.dtype = dtype;
    }
    return sample === undefined ? { kind: 'tensor', shape, dtype, node } : { kind: 'tensor', shape, dtype, node, sample };
  }

  problem(p: ShapeProblem): void {
    // An error the enclosing `try` catches is handled code, not a bug (`except IndexError:`).
    if (p.torchType && this.catching.some((catches) => catches(p.torchType))) return;
    if (this.foreign > 0) {
      if (!this.foreignCall) return;
      const call = this.foreignCall;
      p = { ...p, range: call.range, text: call.text, operands: [], reason: `${p.reason} (inside ${call.callee}, imported)` };
    }
    const key = `${rangeKey(p.range)}|${p.reason}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push(p);
  }

  /** Whether a hover for this range would be kept (so costly parts are computed only then). */
  wantsHover(range: Range): boolean {
    if (this.quiet > 0) return false;
    const prev = this.hoverByRange.get(rangeKey(range));
    return !prev || prev.level < this.hoverLevel;
  }

  /** Labels the hover of a value whose shape is unknown with a stated shape (from a comment). */
  labelShape(fact: HoverFact): void {
    if (this.quiet > 0) return;
    const prev = this.hoverByRange.get(rangeKey(fact.range));
    if (!prev) this.hoverByRange.set(rangeKey(fact.range), { fact, level: this.hoverLevel });
    else if (prev.fact.shape === null) prev.fact.shape = fact.shape;
  }

  /** Records hover data; among analyses of one range, the best-informed and then the first wins. */
  hover(fact: HoverFact): void {
    if (this.quiet > 0) return;
    const key = rangeKey(fact.range);
    const prev = this.hoverByRange.get(key);
    if (prev && prev.level >= this.hoverLevel) return;
    this.hoverByRange.set(key, { fact, level: this.hoverLevel });
  }

  inlay(position: Range['end'], shape: Shape | null, value?: string): void {
    if (this.quiet > 0 || shape === null) return;
    const key = `${position.line}:${position.character}`;
    if (this.inlayKeys.has(key)) return;
    this.inlayKeys.add(key);
    this.inlays.push(value === undefined ? { position, shape: formatShape(shape) } : { position, shape: formatShape(shape), value });
  }

  hovers(): HoverFact[] {
    return [...this.hoverByRange.values()].map((h) => h.fact).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
}
