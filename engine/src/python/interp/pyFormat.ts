// Python's str(), repr() and format() for the values `run` can know: what `print` and
// f-strings show. Each returns null where the value (or the format spec) is not known or not
// supported, so callers report "unsupported" instead of printing a guess.
import type { Tensor } from '../../tensor/tensor';
import { exactInt } from './arith';
import { EXCEPTION_MESSAGE } from './exceptions';
import { moduleRepr } from './nnRepr';
import { printValue, pyFloat } from './runValues';
import type { Value } from './values';

export function strOf(v: Value): string | null {
  if (v.kind === 'str') return v.value;
  // An `except ... as e` value: str(e) is its message.
  const message = v.kind === 'instance' ? v.attrs.get(EXCEPTION_MESSAGE) : undefined;
  if (message?.kind === 'str') return message.value;
  return reprOf(v);
}

export function reprOf(v: Value): string | null {
  switch (v.kind) {
    case 'str':
      return reprStr(v.value);
    case 'int': {
      const exact = exactInt(v);
      return exact === null ? null : exact.toString();
    }
    case 'float':
      return v.value === null ? null : pyFloat(v.value);
    case 'bool':
      return v.value === null ? null : v.value ? 'True' : 'False';
    case 'tensor':
      return v.sample ? printValue(v) : null;
    case 'tuple':
    case 'list': {
      const items: string[] = [];
      for (const item of v.items) {
        const r = reprOf(item);
        if (r === null) return null;
        items.push(r);
      }
      if (v.kind === 'list') return `[${items.join(', ')}]`;
      if (v.isSize) return `torch.Size([${items.join(', ')}])`;
      if (v.names) return printValue(v);
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    case 'none':
    case 'dtype':
      return printValue(v);
    case 'nn':
      return moduleRepr(v);
    default:
      return null;
  }
}

/** repr(str): single quotes unless the text has a ' and no ", escapes as CPython writes them. */
export function reprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Decodes the backslash escapes of a non-raw string literal's content. */
export function decodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r\n|[\s\S])/g, (whole, e: string) => {
    if (e in simple) return simple[e];
    if (e === '\r\n') return '';
    if (/^[xuU]/.test(e) && e.length > 1) {
      const code = parseInt(e.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    if (/^[0-7]+$/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    // An unknown escape keeps its backslash, as in Python.
    return whole;
  });
}

interface Spec {
  fill: string;
  align: string | null;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | null;
  type: string;
}

const SPEC = /^(?:([\s\S])?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/u;

function parseSpec(text: string): Spec | null {
  const m = SPEC.exec(text);
  if (!m) return null;
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[5] ? '=' : null),
    sign: m[3] ?? '-',
    alternate: m[4] !== undefined,
    zero: m[5] !== undefined,
    width: m[6] ? Number(m[6]) : 0,
    grouping: m[7] ?? '',
    precision: m[8] !== undefined ? Number(m[8]) : null,
    type: m[9] ?? '',
  };
}

/** format(value, spec): `f"{x:.4f}"`. Null when the value or spec is not supported. */
export function formatValue(v: Value, specText: string): string | null {
  // Tensor.__format__ formats a 0-d tensor's item (f"{loss}" is 1.753109097480774, not
  // tensor(1.7531)); any other tensor with a spec is an error.
  if (v.kind === 'tensor') {
    const t = v.sample as Tensor | undefined;
    if (!t || (t.shape.length !== 0 && specText !== '')) return null;
    if (t.shape.length !== 0) return strOf(v);
    const x = t.data[t.offset];
    if (t.dtype === 'bool') return formatValue({ kind: 'bool', value: x !== 0 }, specText);
    if (t.dtype === 'int64') return formatValue({ kind: 'int', value: x }, specText);
    return formatValue({ kind: 'float', value: t.dtype === 'float32' ? Math.fround(x) : x }, specText);
  }
  if (specText === '') return strOf(v);
  const spec = parseSpec(specText);
  if (!spec) return null;
  if (v.kind === 'str') {
    if (spec.type !== '' && spec.type !== 's') return null;
    const s = spec.precision === null ? v.value : [...v.value].slice(0, spec.precision).join('');
    return pad(s, spec, '<');
  }
  // bool.__format__ is int's for any non-empty spec: f"{False:>6}" is '     0'.
  if (v.kind === 'bool' && v.value !== null) return formatValue({ kind: 'int', value: v.value ? 1 : 0 }, specText);
  if (v.kind === 'int') {
    const exact = exactInt(v);
    if (exact === null) return null;
    const n = Number(exact);
    if ('eEfFgG%'.includes(spec.type) && spec.type !== '') return formatFloat(n, spec);
    return formatInt(n, spec);
  }
  if (v.kind === 'float' && v.value !== null) {
    if (!'eEfFgG%'.includes(spec.type) && spec.type !== '') return null;
    return formatFloat(v.value, spec);
  }
  return null;
}

function formatInt(n: number, spec: Spec): string | null {
  if (spec.precision !== null || !Number.isSafeInteger(n)) return null;
  const abs = Math.abs(n);
  let digits: string;
  let prefix = '';
  switch (spec.type) {
    case '':
    case 'd':
    case 'n':
      digits = String(abs);
      break;
    case 'b':
      digits = abs.toString(2);
      prefix = spec.alternate ? '0b' : '';
      break;
    case 'o':
      digits = abs.toString(8);
      prefix = spec.alternate ? '0o' : '';
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (spec.type === 'X') digits = digits.toUpperCase();
      prefix = spec.alternate ? (spec.type === 'X' ? '0X' : '0x') : '';
      break;
    case 'c':
      return n >= 0 && n <= 0x10ffff ? pad(String.fromCodePoint(n), spec, '<') : null;
    default:
      return null;
  }
  if (spec.grouping) digits = group(digits, spec.grouping, spec.type === '' || spec.type === 'd' || spec.type === 'n' ? 3 : 4);
  return signed(n < 0 || Object.is(n, -0) ? '-' : '', prefix + digits, spec);
}

function formatFloat(x: number, spec: Spec): string | null {
  const type = spec.type;
  const negative = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  let body: string;
  if (!Number.isFinite(abs)) {
    body = Number.isNaN(abs) ? 'nan' : 'inf';
    if (type === 'E' || type === 'F' || type === 'G') body = body.toUpperCase();
    if (type === '%') body += '%';
  } else if (type === 'f' || type === 'F' || type === '%') {
    const value = type === '%' ? abs * 100 : abs;
    const p = spec.precision ?? 6;
    if (value >= 1e21 || p > 100) return null;
    body = value.toFixed(p);
    if (spec.alternate && p === 0) body += '.';
    if (spec.grouping) body = groupFixed(body, spec.grouping);
    if (type === '%') body += '%';
  } else if (type === 'e' || type === 'E') {
    const p = spec.precision ?? 6;
    if (p > 100) return null;
    body = expForm(abs.toExponential(p));
    if (spec.alternate && p === 0) body = body.replace('e', '.e');
    if (type === 'E') body = body.toUpperCase();
  } else if (type === 'g' || type === 'G' || (type === '' && spec.precision !== null)) {
    // Python's general format; with no type the repr-like variant keeps one decimal digit.
    const p = spec.precision === 0 ? 1 : spec.precision ?? 6;
    if (p > 100) return null;
    const exp = abs === 0 ? 0 : Number(abs.toExponential(p - 1).split('e')[1]);
    if (exp >= -4 && exp < p) {
      body = abs.toFixed(p - 1 - exp);
      if (!spec.alternate) body = stripZeros(body);
      if (type === '' && !body.includes('.')) body += '.0';
    } else {
      body = abs.toExponential(p - 1);
      if (!spec.alternate) body = body.replace(/\.?0+e/, 'e');
      body = expForm(body);
    }
    if (type === 'G') body = body.toUpperCase();
    if (spec.grouping) body = groupFixed(body, spec.grouping);
  } else if (type === '') {
    body = pyFloat(abs);
    if (spec.grouping) body = groupFixed(body, spec.grouping);
  } else return null;
  return signed(negative && !Number.isNaN(x) ? '-' : '', body, spec);
}

/** JS writes 1e+5 and 1.5e-7; Python writes 1e+05 and 1.5e-07. */
function expForm(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

function group(digits: string, sep: string, every: number): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % every === 0) out += sep;
    out += digits[i];
  }
  return out;
}

function groupFixed(body: string, sep: string): string {
  const m = /^(\d+)(.*)$/.exec(body);
  return m ? group(m[1], sep, 3) + m[2] : body;
}

function signed(minus: string, body: string, spec: Spec): string {
  const sign = minus || (spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '');
  if (spec.align === '=') {
    const fill = spec.width - sign.length - body.length;
    return sign + (fill > 0 ? spec.fill.repeat(fill) : '') + body;
  }
  return pad(sign + body, spec, '>');
}

function pad(s: string, spec: Spec, defaultAlign: string): string {
  const length = [...s].length;
  if (spec.width <= length) return s;
  const room = spec.width - length;
  const align = spec.align ?? defaultAlign;
  if (align === '<') return s + spec.fill.repeat(room);
  if (align === '^') return spec.fill.repeat(Math.floor(room / 2)) + s + spec.fill.repeat(room - Math.floor(room / 2));
  return spec.fill.repeat(room) + s;
}
