// Import statements bind names to qualified references (`import torch as t` binds `t` to
// `torch`; `from torch.nn import functional as F` binds `F` to `torch.nn.functional`), so a
// callee resolves to one canonical name however the user spelled it. Nothing is loaded:
// an import never reaches the file system.
import type { SyntaxNode } from '../syntax';
import type { Scope } from './scope';
import type { Value } from './values';

/** Canonical spellings of module paths that torch exposes under several names. */
const MODULE_ALIASES: Record<string, string> = {
  'torch.functional': 'torch',
  'torch.nn.modules': 'torch.nn',
  'torch.tensor': 'torch.tensor',
};

const ALIAS_OF = new Map(Object.entries(MODULE_ALIASES));

export function canonicalModule(qualname: string): string {
  const alias = ALIAS_OF.get(qualname);
  if (alias !== undefined) return alias;
  if (qualname.startsWith('torch.nn.modules.')) {
    // torch.nn.modules.linear.Linear -> torch.nn.Linear
    const last = qualname.split('.').pop()!;
    if (/^[A-Z]/.test(last)) return `torch.nn.${last}`;
  }
  return qualname;
}

export function ref(qualname: string): Value {
  return { kind: 'ref', qualname: canonicalModule(qualname) };
}

function dotted(node: SyntaxNode): string {
  return node.text.replace(/\s+/g, '');
}

/** Libraries the interpreter models by name; everything else may be a workspace module. */
const MODELLED_ROOTS = new Set(['torch', 'einops', 'jaxtyping', 'torchtyping', 'typing', 'numpy', 'math', 'functools', 'os', 'sys', 'subprocess', 'collections', 'dataclasses', 'itertools', 'abc', '__future__']);

/**
 * Executes `import a.b as c` / `from a import b as c`, binding names in `scope`. `load`
 * gives the module scope of a workspace module (`from .utils import f`), when one resolves.
 */
export function bindImport(stmt: SyntaxNode, scope: Scope, load: (moduleName: string) => Scope | null = () => null): void {
  if (stmt.type === 'import_statement') {
    for (const name of stmt.childrenForFieldName('name')) {
      if (name.type === 'aliased_import') {
        const mod = name.childForFieldName('name');
        const alias = name.childForFieldName('alias');
        if (mod && alias) scope.set(alias.text, ref(dotted(mod)));
      } else {
        // `import torch.nn.functional` binds only `torch`.
        const full = dotted(name);
        const head = full.split('.')[0];
        scope.set(head, ref(head));
      }
    }
    return;
  }
  if (stmt.type === 'import_from_statement') {
    const modNode = stmt.childForFieldName('module_name');
    const written = modNode ? dotted(modNode) : '';
    const workspace = modNode && !MODELLED_ROOTS.has(written.replace(/^\.+/, '').split('.')[0]) ? load(written) : null;
    if (workspace) {
      for (const name of stmt.childrenForFieldName('name')) {
        const orig = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
        const bound = name.type === 'aliased_import' ? name.childForFieldName('alias') : name;
        if (orig && bound) scope.set(bound.text, workspace.vars.get(dotted(orig)) ?? { kind: 'unknown' });
      }
      return;
    }
    if (!modNode || modNode.type === 'relative_import') {
      // Relative imports of workspace files are not followed; their names stay unknown.
      for (const name of stmt.childrenForFieldName('name')) {
        const bound = name.type === 'aliased_import' ? name.childForFieldName('alias') : name;
        if (bound) scope.set(bound.text, { kind: 'unknown' });
      }
      return;
    }
    const mod = dotted(modNode);
    for (const name of stmt.childrenForFieldName('name')) {
      if (name.type === 'aliased_import') {
        const orig = name.childForFieldName('name');
        const alias = name.childForFieldName('alias');
        if (orig && alias) scope.set(alias.text, ref(`${mod}.${dotted(orig)}`));
      } else {
        scope.set(dotted(name).split('.').pop()!, ref(`${mod}.${dotted(name)}`));
      }
    }
  }
}
