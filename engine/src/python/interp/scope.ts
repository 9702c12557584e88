// Python name scopes: module, class and function, looked up innermost first (class bodies
// are skipped by nested functions, as in Python).
import type { Value } from './values';

export type ScopeKind = 'module' | 'function' | 'class';

export class Scope {
  readonly vars = new Map<string, Value>();
  /** Names declared `global` in this function scope. */
  readonly globals = new Set<string>();

  constructor(readonly kind: ScopeKind, readonly parent: Scope | null) {}

  lookup(name: string): Value | undefined {
    const own = this.vars.get(name);
    if (own !== undefined) return own;
    let p = this.parent;
    while (p && p.kind === 'class') p = p.parent;
    return p?.lookup(name);
  }

  set(name: string, value: Value): void {
    if (this.globals.has(name)) {
      this.module().vars.set(name, value);
      return;
    }
    this.vars.set(name, value);
  }

  module(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }

  /** A shallow copy for exploring one branch of an `if`; the copy shares values, not bindings. */
  fork(): Scope {
    const copy = new Scope(this.kind, this.parent);
    for (const [k, v] of this.vars) copy.vars.set(k, v);
    for (const g of this.globals) copy.globals.add(g);
    return copy;
  }

  /** Replaces this scope's bindings with another's (after a join). */
  adopt(other: Scope): void {
    this.vars.clear();
    for (const [k, v] of other.vars) this.vars.set(k, v);
  }
}
