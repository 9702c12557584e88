// torch's tensor repr (torch/_tensor_str.py of 1.13): one formatter over all (or, beyond
// 1000 elements, the summarized) values decides int mode, sci mode and column width; rows
// wrap at 80 columns; the dtype suffix appears for non-default dtypes.
import { type DType, isFloating, torchDTypeName } from './dtype';
import { formatExp, formatFixed, formatInt } from './pyformat';
import { select } from './shapeOps';
import { readData, type Tensor } from './tensor';

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  /** null lets the values decide, like torch's default. */
  sciMode: boolean | null;
}

export const DEFAULT_PRINT_OPTIONS: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null };

class Formatter {
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;

  constructor(
    private readonly dtype: DType,
    values: ArrayLike<number>,
    private readonly opts: PrintOptions,
  ) {
    const p = opts.precision;
    if (!isFloating(dtype)) {
      for (let i = 0; i < values.length; i++) this.maxWidth = Math.max(this.maxWidth, this.plain(values[i]).length);
    } else {
      const finite: number[] = [];
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (Number.isFinite(v) && v !== 0) finite.push(v);
      }
      if (finite.length > 0) {
        let lo = Infinity;
        let hi = 0;
        for (const v of finite) {
          lo = Math.min(lo, Math.abs(v));
          hi = Math.max(hi, Math.abs(v));
          if (v !== Math.ceil(v)) this.intMode = false;
        }
        if (this.intMode) {
          if (hi / lo > 1000 || hi > 1e8) {
            this.sciMode = true;
            for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatExp(v, p).length);
          } else {
            for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, 0).length + 1);
          }
        } else if (hi / lo > 1000 || hi > 1e8 || lo < 1e-4) {
          this.sciMode = true;
          for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatExp(v, p).length);
        } else {
          for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, p).length);
        }
      }
    }
    if (opts.sciMode !== null) this.sciMode = opts.sciMode;
  }

  width(): number {
    return this.maxWidth;
  }

  private plain(v: number): string {
    return this.dtype === 'bool' ? (v !== 0 ? 'True' : 'False') : formatInt(v);
  }

  format(v: number): string {
    let s: string;
    if (!isFloating(this.dtype)) s = this.plain(v);
    else if (this.sciMode) s = formatExp(v, this.opts.precision);
    else if (this.intMode) s = formatFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
    else s = formatFixed(v, this.opts.precision);
    return s.padStart(this.maxWidth, ' ');
  }
}

/** The values the formatter sees when summarizing: edge items of every dim. */
function summarizedValues(t: Tensor, opts: PrintOptions): number[] {
  if (t.ndim === 0) return [t.data[t.offset]];
  const e = opts.edgeitems;
  const size = t.shape[0];
  const rows = size > 2 * e ? [...range(0, e), ...range(size - e, size)] : range(0, size);
  if (t.ndim === 1) return rows.map((i) => t.data[t.offset + i * t.strides[0]]);
  return rows.flatMap((i) => summarizedValues(select(t, 0, i), opts));
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
}

function vectorStr(t: Tensor, indent: number, summarize: boolean, f: Formatter, opts: PrintOptions): string {
  const elementLength = f.width() + 2;
  const perLine = Math.max(1, Math.floor((opts.linewidth - indent) / elementLength));
  const size = t.shape[0];
  const at = (i: number): string => f.format(t.data[t.offset + i * t.strides[0]]);
  const e = opts.edgeitems;
  let data: string[];
  if (summarize && size > 2 * e) data = [...range(0, e).map(at), ' ...', ...range(size - e, size).map(at)];
  else data = range(0, size).map(at);
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensorStr(t: Tensor, indent: number, summarize: boolean, f: Formatter, opts: PrintOptions): string {
  if (t.ndim === 0) return f.format(t.data[t.offset]);
  if (t.ndim === 1) return vectorStr(t, indent, summarize, f, opts);
  const size = t.shape[0];
  const e = opts.edgeitems;
  const sub = (i: number): string => tensorStr(select(t, 0, i), indent + 1, summarize, f, opts);
  const slices = summarize && size > 2 * e ? [...range(0, e).map(sub), '...', ...range(size - e, size).map(sub)] : range(0, size).map(sub);
  return '[' + slices.join(',' + '\n'.repeat(t.ndim - 1) + ' '.repeat(indent + 1)) + ']';
}

function addSuffixes(body: string, suffixes: string[], indent: number, linewidth: number): string {
  const parts = [body];
  let lastLineLen = body.length - body.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(', ' + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** `repr(x)` as torch prints it: `tensor([[ 0.1234, -1.0000]])`, `tensor([1, 2])`, ... */
export function formatTensor(t: Tensor, options: Partial<PrintOptions> = {}): string {
  const opts = { ...DEFAULT_PRINT_OPTIONS, ...options };
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  if (t.numel === 0) {
    if (t.ndim !== 1) suffixes.push(`size=(${t.shape.join(', ')}${t.ndim === 1 ? ',' : ''})`);
    if (t.dtype !== 'float32') suffixes.push(`dtype=${torchDTypeName(t.dtype)}`);
    body = '[]';
  } else {
    if (t.dtype === 'float64') suffixes.push(`dtype=${torchDTypeName(t.dtype)}`);
    const summarize = t.numel > opts.threshold;
    const values = summarize ? summarizedValues(t, opts) : readData(t);
    body = tensorStr(t, indent, summarize, new Formatter(t.dtype, values, opts), opts);
  }
  return addSuffixes(prefix + body, suffixes, indent, opts.linewidth);
}

/** `repr(x.shape)`: torch.Size([2, 3]). */
export function formatSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}
