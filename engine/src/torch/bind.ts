// Python call binding for table entries: positional then keyword arguments, defaults, and
// `*sizes` varargs that accept both `view(2, 3)` and `view((2, 3))`. Failing to bind raises
// the TypeError Python would, naming the function the user called.
import type { TorchError } from '../tensor/errors';
import type { OpEntry, ParamSpec } from './types';
import { typeError } from './values';

function shortName(entry: OpEntry): string {
  const name = entry.names[0];
  return name.slice(name.lastIndexOf('.') + 1);
}

function fail(entry: OpEntry, message: string): TorchError {
  return typeError(`${shortName(entry)}() ${message}`);
}

/**
 * Binds a call's arguments to the entry's parameters. Missing optional parameters get their
 * default (`null` for a Python None); every key of the result is a parameter name.
 */
export function bindArgs(entry: OpEntry, positional: unknown[], keywords: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const params = entry.params;
  let next = 0;
  for (const p of params) {
    if (next >= positional.length) break;
    if (p.keywordOnly) break;
    if (p.varargs) {
      const rest = positional.slice(next);
      // `x.view((2, 3))` passes the sizes as one sequence; `x.view(2, 3)` as varargs.
      out[p.name] = rest.length === 1 && Array.isArray(rest[0]) ? rest[0] : rest;
      next = positional.length;
      break;
    }
    out[p.name] = positional[next++];
  }
  if (next < positional.length) {
    const max = params.filter((p) => !p.keywordOnly).length;
    throw fail(entry, `takes ${max} positional argument${max === 1 ? '' : 's'} but ${positional.length} were given`);
  }
  for (const [name, value] of Object.entries(keywords)) {
    const p = params.find((q) => q.name === name || q.aliases?.includes(name));
    if (!p) throw fail(entry, `got an unexpected keyword argument '${name}'`);
    if (p.name in out) throw fail(entry, `got multiple values for argument '${p.name}'`);
    out[p.name] = value;
  }
  for (const p of params) {
    if (p.name in out) continue;
    if (p.default !== undefined) out[p.name] = p.default;
    else if (p.varargs) throw fail(entry, `missing 1 required positional argument: '${p.name}'`);
    else throw fail(entry, `missing 1 required positional argument: '${p.name}'`);
  }
  return out;
}

/** Parses a compact signature: 'input, dim=None, keepdim=False, *, dtype=None'. */
export function sig(text: string): ParamSpec[] {
  const out: ParamSpec[] = [];
  let keywordOnly = false;
  for (const raw of text.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    if (raw === '*') {
      keywordOnly = true;
      continue;
    }
    const [left, def] = raw.split('=').map((s) => s.trim());
    const varargs = left.startsWith('*');
    const [name, ...aliases] = left.replace(/^\*/, '').split('|');
    const spec: ParamSpec = { name, kind: 'any' };
    if (aliases.length > 0) spec.aliases = aliases;
    if (varargs) spec.varargs = true;
    if (keywordOnly) spec.keywordOnly = true;
    if (def !== undefined) spec.default = parseDefault(def);
    out.push(spec);
    // A varargs parameter makes every later one keyword-only, as in Python.
    if (varargs) keywordOnly = true;
  }
  return out;
}

function parseDefault(text: string): unknown {
  if (text === 'None') return null;
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text.startsWith("'")) return text.slice(1, -1);
  if (/^-?\d+$/.test(text)) return BigInt(text);
  if (text === 'inf') return Infinity;
  if (text === '()') return [];
  const n = Number(text);
  if (!Number.isNaN(n)) return n;
  throw new Error(`bad default in signature: ${text}`);
}
