// `[tool.tensorlint]` configuration: pure parsing of pyproject.toml text and merging with
// command-line or editor options. No file access here: bin/src/configFiles.ts (CLI) and the
// language server find and read the files, then hand the text to `parseTensorlintConfig`.
import { parse as parseToml } from 'smol-toml';
import type { AnalyzeOptions, FixStyle, Severity } from '../api';

export type SeverityLevel = Severity | 'off';

/** What one configuration source says; absent keys leave the lower layer's value in place. */
export interface TensorlintConfig {
  select?: string[];
  ignore?: string[];
  severities?: Record<string, SeverityLevel>;
  fixStyle?: FixStyle;
  sampleSizes?: Record<string, number>;
}

export interface ParsedConfig {
  /** True when the text has a `[tool.tensorlint]` table (even an empty one). */
  found: boolean;
  config: TensorlintConfig;
  /** Human-readable problems (invalid TOML, unknown keys, bad values), prefixed by the source. */
  warnings: string[];
}

const SEVERITY_LEVELS: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'off']);
const SEVERITY_ALIASES: Record<string, SeverityLevel> = { information: 'info', hint: 'info', warn: 'warning', ignore: 'off', none: 'off' };
// Sample tensors are materialised by the engine, so a size is capped like the editor setting.
const MAX_SAMPLE_SIZE = 4096;
const KNOWN_KEYS = ['select', 'ignore', 'severity', 'fix-style', 'sample-sizes'];

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** TOML users write kebab-case; snake_case and camelCase are accepted as the same key. */
function canonicalKey(key: string): string {
  return key.replace(/_/g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function codeList(value: unknown, key: string, warn: (message: string) => void): string[] | undefined {
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items)) {
    warn(`"${key}" must be a list of rule codes`);
    return undefined;
  }
  const codes: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item.trim().length > 0) codes.push(item.trim());
    else warn(`"${key}" entries must be non-empty strings, got ${JSON.stringify(item)}`);
  }
  return codes;
}

function severityTable(value: unknown, warn: (message: string) => void): Record<string, SeverityLevel> | undefined {
  if (!isTable(value)) {
    warn('"severity" must be a table such as { unstable-softmax = "warning" }');
    return undefined;
  }
  const out: Record<string, SeverityLevel> = {};
  for (const [code, level] of Object.entries(value)) {
    const normalized = typeof level === 'string' ? level.trim().toLowerCase() : '';
    const mapped = SEVERITY_ALIASES[normalized] ?? normalized;
    if (SEVERITY_LEVELS.has(mapped)) out[code] = mapped as SeverityLevel;
    else warn(`severity of "${code}" must be "error", "warning", "info" or "off", got ${JSON.stringify(level)}`);
  }
  return out;
}

function sampleSizeTable(value: unknown, warn: (message: string) => void): Record<string, number> | undefined {
  if (!isTable(value)) {
    warn('"sample-sizes" must be a table such as { batch = 4 }');
    return undefined;
  }
  const out: Record<string, number> = {};
  for (const [symbol, size] of Object.entries(value)) {
    const n = typeof size === 'bigint' ? Number(size) : size;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_SAMPLE_SIZE) out[symbol] = n;
    else warn(`sample size of "${symbol}" must be an integer from 1 to ${MAX_SAMPLE_SIZE}, got ${String(size)}`);
  }
  return out;
}

/** Reads a `[tool.tensorlint]`-shaped table (already parsed) into a config layer. */
export function configFromTable(table: unknown, source = 'pyproject.toml'): { config: TensorlintConfig; warnings: string[] } {
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(`${source}: [tool.tensorlint] ${message}`);
  };
  const config: TensorlintConfig = {};
  if (!isTable(table)) {
    warn('must be a table');
    return { config, warnings };
  }
  for (const [rawKey, value] of Object.entries(table)) {
    const key = canonicalKey(rawKey);
    switch (key) {
      case 'select': {
        const codes = codeList(value, rawKey, warn);
        if (codes) config.select = codes;
        break;
      }
      case 'ignore': {
        const codes = codeList(value, rawKey, warn);
        if (codes) config.ignore = codes;
        break;
      }
      case 'severity':
      case 'severities': {
        const table = severityTable(value, warn);
        if (table) config.severities = { ...(config.severities ?? {}), ...table };
        break;
      }
      case 'fix-style':
        if (value === 'builtin' || value === 'explicit') config.fixStyle = value;
        else warn(`"${rawKey}" must be "builtin" or "explicit", got ${JSON.stringify(value)}`);
        break;
      case 'sample-sizes': {
        const table = sampleSizeTable(value, warn);
        if (table) config.sampleSizes = table;
        break;
      }
      default:
        warn(`unknown key "${rawKey}" (known: ${KNOWN_KEYS.join(', ')})`);
    }
  }
  return { config, warnings };
}

/** Parses pyproject.toml text. Never throws: invalid TOML becomes a warning and no config. */
export function parseTensorlintConfig(tomlText: string, source = 'pyproject.toml'): ParsedConfig {
  let document: unknown;
  try {
    document = parseToml(tomlText);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { found: false, config: {}, warnings: [`${source}: invalid TOML, configuration ignored: ${message}`] };
  }
  const tool = isTable(document) ? document.tool : undefined;
  if (!isTable(tool) || !('tensorlint' in tool)) return { found: false, config: {}, warnings: [] };
  const { config, warnings } = configFromTable(tool.tensorlint, source);
  return { found: true, config, warnings };
}

/**
 * Lays `override` (command-line flags, editor settings) over `base` (the project file): every
 * key the override sets replaces the base's value; tables (severities, sample sizes) merge
 * key by key.
 */
export function mergeConfig(base: TensorlintConfig, override: TensorlintConfig): TensorlintConfig {
  const merged: TensorlintConfig = { ...base };
  if (override.select !== undefined) merged.select = override.select;
  if (override.ignore !== undefined) merged.ignore = override.ignore;
  if (override.fixStyle !== undefined) merged.fixStyle = override.fixStyle;
  if (override.severities) merged.severities = { ...(base.severities ?? {}), ...override.severities };
  if (override.sampleSizes) merged.sampleSizes = { ...(base.sampleSizes ?? {}), ...override.sampleSizes };
  return merged;
}

/** The engine options for one file under a config. */
export function toAnalyzeOptions(config: TensorlintConfig, fileName?: string): AnalyzeOptions {
  const options: AnalyzeOptions = {};
  if (fileName !== undefined) options.fileName = fileName;
  if (config.select) options.select = config.select;
  if (config.ignore) options.ignore = config.ignore;
  if (config.severities) options.severities = config.severities;
  if (config.fixStyle) options.fixStyle = config.fixStyle;
  if (config.sampleSizes) options.sampleSizes = config.sampleSizes;
  return options;
}
