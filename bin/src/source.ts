// Reading a file for analysis: bytes -> text, with the cases real repositories contain
// (BOM, CRLF, PEP 263 encodings, invalid UTF-8, binary files, notebooks). Nothing here throws
// for bad content; it returns a SourceProblem the caller prints.
import * as fs from 'node:fs';
import { notebookProgram, type NotebookProgram } from './notebook';

/** Maps a 0-based line of the analyzed program to a notebook cell (1-based) and its 0-based line. */
export type LineMap = (programLine: number) => { cell: number; line: number } | undefined;

export interface PythonSource {
  kind: 'python';
  text: string;
  /** The file started with a UTF-8 byte-order mark (stripped from `text`, restored on write). */
  bom: boolean;
  /** Set when the bytes were not valid in their encoding and were replaced by U+FFFD: such a
   * file is analyzed but never rewritten by --fix, since writing would lose the original bytes. */
  lossy?: string;
  /** Non-UTF-8 encoding declared by a PEP 263 comment and used to decode. */
  encoding?: string;
  mode: number;
}

export interface NotebookSource {
  kind: 'notebook';
  text: string;
  program: NotebookProgram;
  raw: string;
  mode: number;
}

export interface SourceProblem {
  kind: 'skip' | 'error';
  message: string;
}

export function isProblem(source: Source): source is SourceProblem {
  return source.kind === 'skip' || source.kind === 'error';
}

export type Source = PythonSource | NotebookSource | SourceProblem;

// Beyond this a .py file is generated data rather than code someone lints.
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const CODING_COMMENT = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192);
  return sample.includes(0);
}

/** Python codec names (`latin_1`, `latin-1`) to the WHATWG labels TextDecoder knows. */
function normalizeEncoding(name: string): string {
  const lower = name.toLowerCase().replace(/_/g, '-');
  return /^(latin-?1|l1|iso-?8859-1)$/.test(lower) ? 'latin1' : lower;
}

/** PEP 263: an encoding declared in a comment on line 1 or 2. */
function declaredEncoding(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 400).toString('latin1').split(/\r\n|\r|\n/).slice(0, 2);
  for (const line of head) {
    const m = CODING_COMMENT.exec(line);
    if (m) return normalizeEncoding(m[1]);
  }
  return undefined;
}

function firstInvalidUtf8Line(bytes: Buffer): number {
  // Decoding line by line finds where the first bad byte sits, for the message.
  let line = 1;
  let start = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

export function decodePython(bytes: Buffer, mode = 0o644): PythonSource | SourceProblem {
  if (looksBinary(bytes)) return { kind: 'skip', message: 'binary file (contains NUL bytes), skipped' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const encoding = declaredEncoding(body);
  if (encoding && !/^utf-?8(?:-sig)?$/.test(encoding)) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(body);
      return { kind: 'python', text, bom, encoding, mode };
    } catch {
      // Unknown label or invalid bytes for the declared encoding: fall through to UTF-8.
    }
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { kind: 'python', text, bom, mode };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
    const line = firstInvalidUtf8Line(body);
    return {
      kind: 'python',
      text,
      bom,
      mode,
      lossy: `not valid UTF-8 (first bad byte on line ${line}); undecodable bytes were read as U+FFFD and --fix will not rewrite this file`,
    };
  }
}

export function decodeNotebook(bytes: Buffer, mode = 0o644): NotebookSource | SourceProblem {
  const raw = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const result = notebookProgram(raw);
  if ('error' in result) return { kind: result.skip ? 'skip' : 'error', message: result.error };
  return { kind: 'notebook', text: result.program.text, program: result.program, raw, mode };
}

export function isNotebookPath(file: string): boolean {
  return file.toLowerCase().endsWith('.ipynb');
}

/** Reads and decodes one file. Unreadable files become an 'error' problem, not an exception. */
export function readSource(file: string): Source {
  let bytes: Buffer;
  let mode = 0o644;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { kind: 'error', message: 'is a directory' };
    if (!stat.isFile()) return { kind: 'skip', message: 'not a regular file, skipped' };
    if (stat.size > MAX_FILE_BYTES) return { kind: 'skip', message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, skipped` };
    mode = stat.mode & 0o7777;
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { kind: 'error', message: describeFsError(error) };
  }
  return isNotebookPath(file) ? decodeNotebook(bytes, mode) : decodePython(bytes, mode);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
