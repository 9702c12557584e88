// `[tool.tensorlint]` from the nearest pyproject.toml. The server is the only layer that reads
// files for configuration; a broken file yields an error message, never an exception.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTensorlintConfig } from '../../../engine/src/config/index';
import type { SettingsLayer } from './settings';

export interface ProjectConfig {
  /** The pyproject.toml that was used, if any. */
  file?: string;
  layer: SettingsLayer;
  error?: string;
}

const cache = new Map<string, { mtimeMs: number; config: ProjectConfig }>();

/**
 * Walks up from `directory` looking for pyproject.toml, stopping after `stopAt` (a workspace
 * folder) so a file outside the workspace does not silently configure it.
 */
export function findPyproject(directory: string, stopAt?: string): string | undefined {
  let current = path.resolve(directory);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (let depth = 0; depth < 64; depth++) {
    const candidate = path.join(current, 'pyproject.toml');
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Missing or unreadable: keep looking further up.
    }
    if (stop && current === stop) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

/**
 * Parses the `[tool.tensorlint]` table of a pyproject.toml text with the engine's parser (the
 * one the CLI uses, so both read a project file the same way).
 */
export function parseProjectConfig(text: string, file?: string): ProjectConfig {
  const parsed = parseTensorlintConfig(text, file ?? 'pyproject.toml');
  const { select, ignore, severities, fixStyle, sampleSizes } = parsed.config;
  const layer: SettingsLayer = {};
  if (select) layer.select = select;
  if (ignore) layer.ignore = ignore;
  if (severities) layer.severity = severities;
  if (fixStyle) layer.fixStyle = fixStyle;
  if (sampleSizes) layer.sampleSizes = sampleSizes;
  return parsed.warnings.length > 0 ? { file, layer, error: parsed.warnings.join('; ') } : { file, layer };
}

/** Loads (with an mtime cache, since this runs before every analysis) the config for a file. */
export function loadProjectConfig(filePath: string, stopAt?: string): ProjectConfig {
  const file = findPyproject(path.dirname(filePath), stopAt);
  if (!file) return { layer: {} };
  let mtimeMs = 0;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return { layer: {} };
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.config;
  let config: ProjectConfig;
  try {
    config = parseProjectConfig(fs.readFileSync(file, 'utf8'), file);
  } catch (error) {
    config = { file, layer: {}, error: `${file}: ${(error as Error).message}` };
  }
  cache.set(file, { mtimeMs, config });
  return config;
}
