// Which files `check` looks at: the paths given, and *.py / *.ipynb below given folders.
// Walks never leave a loop (real paths of visited folders are remembered) and skip the
// folders that hold other people's code or caches.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError } from './source';

const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'venv', '.venv', 'site-packages', '__pypackages__']);
const PYTHON_EXTENSIONS = ['.py', '.pyi', '.ipynb'];

export interface Collected {
  files: string[];
  /** Problems that make the run fail with exit 2 (missing path, folder without Python files). */
  errors: string[];
  /** Things skipped along the way (broken links, unreadable subfolders), reported as warnings. */
  warnings: string[];
}

export function isPythonFile(name: string): boolean {
  const lower = name.toLowerCase();
  return PYTHON_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function skipDirectory(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.has(name);
}

function walk(dir: string, visited: Set<string>, out: Collected, found: string[]): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (error) {
    out.warnings.push(`${dir}: ${describeFsError(error)}, skipped`);
    return;
  }
  if (visited.has(real)) return;
  visited.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    out.warnings.push(`${dir}: ${describeFsError(error)}, skipped`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = fs.statSync(full);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      } catch (error) {
        if (isPythonFile(entry.name)) out.warnings.push(`${full}: ${describeFsError(error)} (broken symbolic link), skipped`);
        continue;
      }
    }
    if (isDir) {
      if (!skipDirectory(entry.name)) walk(full, visited, out, found);
    } else if (isFile && isPythonFile(entry.name)) {
      found.push(full);
    }
  }
}

/** Expands the command-line paths into files, in a stable order, each file once. */
export function collectFiles(paths: readonly string[]): Collected {
  const out: Collected = { files: [], errors: [], warnings: [] };
  const seen = new Set<string>();
  const add = (file: string): void => {
    let key = file;
    try {
      key = fs.realpathSync(file);
    } catch {
      // Keep the given name as the key; reading it later reports the problem.
    }
    if (!seen.has(key)) {
      seen.add(key);
      out.files.push(file);
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      out.errors.push(`${given}: ${describeFsError(error)}`);
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(given, new Set(), out, found);
      if (found.length === 0) out.errors.push(`${given}: no Python files (*.py, *.ipynb) found in this folder`);
      found.forEach(add);
    } else {
      // A file named explicitly is checked whatever its extension, as ruff does.
      add(given);
    }
  }
  return out;
}

/** The path as printed and put in reports: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const absolute = path.resolve(file);
  const relative = path.relative(cwd, absolute);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  return shown.split(path.sep).join('/');
}
