// Workspace modules an analysed file imports. The engine takes them through a synchronous
// `resolveModule` callback, which cannot cross into the worker thread, so the server reads
// them up front (open editors first, then disk) and ships them with the job as a map.
import * as fs from 'node:fs';
import * as path from 'node:path';

const IMPORT_LINE = /^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import\b|import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*))/gm;
/** Libraries the engine models itself; looking for them on disk would only waste time. */
const MODELLED = new Set(['torch', 'einops', 'numpy', 'math', 'typing', 'jaxtyping', 'torchtyping', 'functools', 'itertools', 'collections', 'dataclasses', '__future__']);
const MAX_MODULES = 50;
const MAX_MODULE_BYTES = 1_000_000;
const MAX_DEPTH = 3;

export interface ModuleSources {
  /** Text of an open editor for this absolute path, when there is one (it beats the disk). */
  openText(filePath: string): string | undefined;
  /** Workspace folders (absolute paths); imports resolve against the file's folder, then these. */
  roots: string[];
}

export function importedModuleNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(IMPORT_LINE)) {
    if (match[1] !== undefined && match[1] !== '') names.add(match[1]);
    if (match[2] !== undefined) for (const name of match[2].split(',')) names.add(name.trim().split(/\s+/)[0]);
  }
  return [...names].filter((name) => name && !MODELLED.has(name.replace(/^\.+/, '').split('.')[0]));
}

function candidateFiles(name: string, fromDirectory: string, roots: string[]): string[] {
  const leadingDots = /^\.*/.exec(name)![0].length;
  const rest = name.slice(leadingDots).split('.').filter(Boolean);
  let bases: string[];
  if (leadingDots > 0) {
    let base = fromDirectory;
    for (let i = 1; i < leadingDots; i++) base = path.dirname(base);
    bases = [base];
  } else {
    bases = [fromDirectory, ...roots];
  }
  const out: string[] = [];
  for (const base of bases) {
    const joined = path.join(base, ...rest);
    if (rest.length > 0) out.push(`${joined}.py`);
    out.push(path.join(joined, '__init__.py'));
  }
  return out;
}

function readSource(filePath: string, sources: ModuleSources): string | undefined {
  const open = sources.openText(filePath);
  if (open !== undefined) return open;
  try {
    const stat = fs.statSync(filePath);
    if (!stat.isFile() || stat.size > MAX_MODULE_BYTES) return undefined;
    return fs.readFileSync(filePath, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Module name -> source for what `text` (at `filePath`) imports, following imports of imports
 * a few levels deep. Names are keyed as written in the importing file. The absolute paths of
 * the files read go into `resolvedFiles`, so an edit to one of them can re-analyse importers.
 */
export function collectModules(text: string, filePath: string | undefined, sources: ModuleSources, resolvedFiles?: Set<string>): Record<string, string> {
  const modules: Record<string, string> = {};
  const queue: Array<{ text: string; directory: string; depth: number }> = [
    { text, directory: filePath ? path.dirname(filePath) : sources.roots[0] ?? '', depth: 0 },
  ];
  const seenFiles = new Set<string>(filePath ? [path.resolve(filePath)] : []);
  while (queue.length > 0 && Object.keys(modules).length < MAX_MODULES) {
    const item = queue.shift()!;
    if (!item.directory) continue;
    for (const name of importedModuleNames(item.text)) {
      if (Object.prototype.hasOwnProperty.call(modules, name)) continue;
      for (const candidate of candidateFiles(name, item.directory, sources.roots)) {
        const resolved = path.resolve(candidate);
        if (seenFiles.has(resolved)) break;
        const source = readSource(resolved, sources);
        if (source === undefined) continue;
        seenFiles.add(resolved);
        resolvedFiles?.add(resolved);
        modules[name] = source;
        if (item.depth + 1 < MAX_DEPTH) queue.push({ text: source, directory: path.dirname(resolved), depth: item.depth + 1 });
        break;
      }
      if (Object.keys(modules).length >= MAX_MODULES) break;
    }
  }
  return modules;
}
