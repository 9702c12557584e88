// How this file spells torch and torch.nn.functional, so fixes keep the user's aliases and
// add `import torch.nn.functional as F` only when nothing suitable is imported.
import type { TextEdit } from '../../api';
import type { SyntaxNode } from '../../python/syntax';

export interface TorchSpelling {
  /** Name bound to the torch module (`torch`, `t`, ...), or null. */
  torch: string | null;
  /** Expression that reaches torch.nn.functional (`F`, `nn.functional`, `torch.nn.functional`), or null. */
  functional: string | null;
  /** Line after the last top-level import (0-based), where a new import goes. */
  importInsertLine: number;
  /** Top-level names already bound, so an added `F` cannot shadow anything. */
  boundNames: Set<string>;
}

export function readTorchSpelling(root: SyntaxNode): TorchSpelling {
  const spelling: TorchSpelling = { torch: null, functional: null, importInsertLine: 0, boundNames: new Set() };
  let nnName: string | null = null;
  for (const statement of root.namedChildren) {
    if (statement.type === 'import_statement') {
      spelling.importInsertLine = statement.endPosition.row + 1;
      for (const item of statement.namedChildren) {
        const dotted = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
        const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : undefined;
        if (dotted === 'torch' && spelling.torch !== 'torch') spelling.torch = alias ?? 'torch';
        else if (dotted?.startsWith('torch.') && !alias) spelling.torch = spelling.torch ?? 'torch';
        if (dotted === 'torch.nn.functional') spelling.functional = alias ?? 'torch.nn.functional';
        if (alias) spelling.boundNames.add(alias);
        else if (dotted) spelling.boundNames.add(dotted.split('.')[0]);
      }
    } else if (statement.type === 'import_from_statement') {
      spelling.importInsertLine = statement.endPosition.row + 1;
      const module = statement.childForFieldName('module_name')?.text;
      for (const item of statement.childrenForFieldName('name')) {
        const name = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
        const alias = (item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : undefined) ?? name;
        if (alias) spelling.boundNames.add(alias);
        if (module === 'torch.nn' && name === 'functional') spelling.functional = alias ?? null;
        if (module === 'torch' && name === 'nn') nnName = alias ?? null;
      }
    } else if (statement.type === 'expression_statement' || statement.type === 'function_definition' || statement.type === 'class_definition') {
      const target = statement.type === 'expression_statement' ? statement.namedChildren[0]?.childForFieldName('left') : statement.childForFieldName('name');
      if (target?.type === 'identifier') spelling.boundNames.add(target.text);
    }
  }
  if (!spelling.functional && nnName) spelling.functional = `${nnName}.functional`;
  if (!spelling.functional && spelling.torch === 'torch') spelling.functional = null;
  return spelling;
}

/** The expression for a torch.nn.functional function, plus the import edit it needs. */
export function functionalCall(spelling: TorchSpelling, fn: string): { callee: string; extraEdits: TextEdit[] } | null {
  if (spelling.functional) return { callee: `${spelling.functional}.${fn}`, extraEdits: [] };
  if (spelling.boundNames.has('F')) return null;
  const line = spelling.importInsertLine;
  return {
    callee: `F.${fn}`,
    extraEdits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: 'import torch.nn.functional as F\n' }],
  };
}

/** The expression for a function in the torch namespace (`torch.logsumexp`). */
export function torchCall(spelling: TorchSpelling, fn: string): string | null {
  return spelling.torch ? `${spelling.torch}.${fn}` : null;
}
