// Joining values where control flow merges (after `if`/`else`, loops, conditional
// expressions): what both paths agree on survives; anything else becomes unknown.
import { joinDim } from '../../shape/dim';
import type { Scope } from './scope';
import { UNKNOWN, type Value } from './values';

export function join(a: Value, b: Value): Value {
  if (a === b) return a;
  if (a.kind === 'tensor' && b.kind === 'tensor') {
    if (a.node === b.node) return a;
    const shape = a.shape !== null && b.shape !== null && a.shape.length === b.shape.length ? a.shape.map((d, i) => joinDim(d, b.shape![i])) : null;
    // The joined value has no single producing op, so no op-graph rule can match through it.
    return { kind: 'tensor', shape, dtype: a.dtype === b.dtype ? a.dtype : null, node: { ...a.node, id: -a.node.id, op: 'unknown', inputs: [], params: {} } };
  }
  if (a.kind === 'int' && b.kind === 'int') return { kind: 'int', value: joinDim(a.value, b.value) };
  if (a.kind === 'float' && b.kind === 'float') return { kind: 'float', value: a.value === b.value ? a.value : null };
  if ((a.kind === 'int' || a.kind === 'float') && (b.kind === 'int' || b.kind === 'float')) return { kind: 'float', value: null };
  if (a.kind === 'bool' && b.kind === 'bool') return { kind: 'bool', value: a.value === b.value ? a.value : null };
  if (a.kind === 'str' && b.kind === 'str' && a.value === b.value) return a;
  if (a.kind === 'none' && b.kind === 'none') return a;
  if ((a.kind === 'tuple' || a.kind === 'list') && a.kind === b.kind && a.items.length === b.items.length) {
    return { ...a, items: a.items.map((x, i) => join(x, b.items[i])) };
  }
  if (a.kind === 'ref' && b.kind === 'ref' && a.qualname === b.qualname) return a;
  if (a.kind === 'dtype' && b.kind === 'dtype' && a.name === b.name) return a;
  return UNKNOWN;
}

/** Merges two branch scopes into `target`: names bound in only one branch become unknown. */
export function joinScopes(target: Scope, a: Scope, b: Scope): void {
  const av = new Map(a.vars);
  const bv = new Map(b.vars);
  const names = new Set([...av.keys(), ...bv.keys()]);
  target.vars.clear();
  for (const name of names) {
    const va = av.get(name);
    const vb = bv.get(name);
    target.vars.set(name, va === undefined || vb === undefined ? UNKNOWN : join(va, vb));
  }
}
