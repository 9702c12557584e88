// The engine's public contract. The CLI and the language server depend only on these
// types and on `analyze` / `runProgram`; nothing here knows about LSP or the file system.
import type { ParseSession } from './python/parser';

export type { ParseSession };

export type Severity = 'error' | 'warning' | 'info';
export type FixStyle = 'builtin' | 'explicit';

/** 0-based line; character counted in UTF-16 code units (the LSP default). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** What the naive and the fixed code evaluate to on a probe input, computed by the engine. */
export interface ValuePreview {
  /** Which probe this is, e.g. "logits scaled to ±1000". */
  input: string;
  naive: string;
  fixed: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** safe: meaning kept on every input; unsafe: meaning may change (reason says how). */
  safety: 'safe' | 'unsafe';
  safetyReason?: string;
  style?: FixStyle;
  previews?: ValuePreview[];
}

export interface RelatedInfo {
  range: Range;
  message: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Preferred fix first (the configured fixStyle). */
  fixes: Fix[];
  related: RelatedInfo[];
  tags?: Array<'unnecessary' | 'deprecated'>;
}

/** What hover shows for one expression or name. */
export interface HoverFact {
  range: Range;
  /** Source text of the expression (or the bound name). */
  text: string;
  /** Symbolic shape, e.g. "(batch, 1)"; null when unknown. */
  shape: string | null;
  dtype: string | null;
  /** Where the value came from: the producing expression and its range. */
  origin?: { range: Range; text: string };
  /** torch-style printed sample values, when computed. */
  sample?: string;
  /** For a binary operator: "(batch, n) - (batch, 1) → (batch, n)". */
  broadcast?: string;
}

/** An inlay hint after an assignment target. */
export interface InlayFact {
  position: Position;
  shape: string;
  value?: string;
}

/** A `# %%` cell marker. */
export interface CellMarker {
  /** 1-based cell index, as `run --cell N` takes it. */
  index: number;
  /** Line of the marker (0-based); the cell runs until the next marker. */
  line: number;
  endLine: number;
  title: string;
}

export interface Analysis {
  findings: Finding[];
  hovers: HoverFact[];
  inlays: InlayFact[];
  cells: CellMarker[];
  /** Notes for the user that are not findings (e.g. "preview stopped: step budget"). */
  notes: string[];
  /** True when the file was too large for full analysis and got a lighter one. */
  degraded: boolean;
}

export interface AnalyzeOptions {
  fileName?: string;
  /** Rule codes (or prefixes) to enable; empty/undefined means all. */
  select?: string[];
  ignore?: string[];
  severities?: Record<string, Severity | 'off'>;
  fixStyle?: FixStyle;
  /** Sample sizes bound to symbolic dims (e.g. {batch: 4}) for previews. */
  sampleSizes?: Record<string, number>;
  /** Other workspace files this one may import, by module name → source text. */
  resolveModule?: (moduleName: string) => string | undefined;
  /** Abort when this returns true (checked between statements). */
  isCancelled?: () => boolean;
  /** Parse and report syntax errors only: the light analysis for large or slow files. */
  syntaxOnly?: boolean;
  /**
   * Parse state kept between analyses of one document (createParseSession()), so an edit is
   * re-parsed incrementally. It owns the tree analyze() reads; results are the same without it.
   */
  parseSession?: ParseSession;
}

export interface RunError {
  type: string;
  message: string;
}

/** One entry of `run`: a top-level assignment target or bare expression statement. */
export interface RunEntry {
  line: number; // 1-based
  name: string;
  shape: number[] | null;
  dtype: string | null;
  value: unknown;
  /** torch-style printed value, for the text format and the editor. */
  printed: string;
  error: RunError | null;
  /** Set on what a `print` call wrote: `value` is the exact text, `printed` drops its last newline. */
  output?: true;
}

export interface RunOptions {
  /** 1-based `# %%` cell; undefined runs the whole file. */
  cell?: number;
  fileName?: string;
}
