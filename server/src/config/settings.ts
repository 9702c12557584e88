// The server's effective settings for one document: the client's `tensorlint` section merged
// over `[tool.tensorlint]` from the nearest pyproject.toml. Everything that arrives from
// outside is normalised here, so the rest of the server can trust the types.
import type { FixStyle, Severity } from '../../../engine/src/api';

export type SeveritySetting = Severity | 'off';

export interface Settings {
  enable: boolean;
  select: string[];
  ignore: string[];
  severity: Record<string, SeveritySetting>;
  fixStyle: FixStyle;
  inlayHints: { shapes: boolean; values: boolean };
  sampleSizes: Record<string, number>;
}

/** Settings as a partial layer: what one source (client or pyproject) says, nothing more. */
export type SettingsLayer = Partial<Omit<Settings, 'inlayHints'>> & { inlayHints?: Partial<Settings['inlayHints']> };

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  select: [],
  ignore: [],
  severity: {},
  fixStyle: 'builtin',
  inlayHints: { shapes: true, values: false },
  sampleSizes: {},
};

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

function severityMap(value: unknown): Record<string, SeveritySetting> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, SeveritySetting> = {};
  for (const [code, level] of Object.entries(value)) {
    const normalized = typeof level === 'string' ? level.toLowerCase() : '';
    const mapped = normalized === 'information' || normalized === 'hint' ? 'info' : normalized;
    if (SEVERITIES.has(mapped)) out[code] = mapped as SeveritySetting;
  }
  return out;
}

function sampleSizeMap(value: unknown): Record<string, number> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, number> = {};
  for (const [symbol, size] of Object.entries(value)) {
    // Sample tensors are materialised, so absurd sizes are refused rather than trusted.
    if (typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= 4096) out[symbol] = size;
  }
  return out;
}

/** Reads one key written either camelCase (VS Code settings) or kebab-case (TOML habit). */
function pick(source: Record<string, unknown>, camel: string): unknown {
  if (camel in source) return source[camel];
  const kebab = camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (kebab in source) return source[kebab];
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return source[snake];
}

/** Turns an untrusted settings object into a layer; unknown or mistyped keys are dropped. */
export function toSettingsLayer(raw: unknown): SettingsLayer {
  if (!isRecord(raw)) return {};
  const layer: SettingsLayer = {};
  const enable = pick(raw, 'enable');
  if (typeof enable === 'boolean') layer.enable = enable;
  const select = stringList(pick(raw, 'select'));
  if (select) layer.select = select;
  const ignore = stringList(pick(raw, 'ignore'));
  if (ignore) layer.ignore = ignore;
  const severity = severityMap(pick(raw, 'severity') ?? pick(raw, 'severities'));
  if (severity) layer.severity = severity;
  const fixStyle = pick(raw, 'fixStyle');
  if (fixStyle === 'builtin' || fixStyle === 'explicit') layer.fixStyle = fixStyle;
  const sampleSizes = sampleSizeMap(pick(raw, 'sampleSizes'));
  if (sampleSizes) layer.sampleSizes = sampleSizes;
  const inlay = pick(raw, 'inlayHints');
  const inlayLayer: Partial<Settings['inlayHints']> = {};
  const shapes = isRecord(inlay) ? inlay.shapes : raw['inlayHints.shapes'];
  const values = isRecord(inlay) ? inlay.values : raw['inlayHints.values'];
  if (typeof shapes === 'boolean') inlayLayer.shapes = shapes;
  if (typeof values === 'boolean') inlayLayer.values = values;
  if (Object.keys(inlayLayer).length > 0) layer.inlayHints = inlayLayer;
  return layer;
}

/**
 * Client settings win over the project file, except that an empty client `select` (the VS Code
 * default) does not erase the project's selection, and `ignore` lists add up: a code ignored
 * by either source stays ignored.
 */
export function mergeSettings(project: SettingsLayer, client: SettingsLayer): Settings {
  const base = DEFAULT_SETTINGS;
  return {
    enable: client.enable ?? project.enable ?? base.enable,
    select: client.select && client.select.length > 0 ? client.select : project.select ?? base.select,
    ignore: [...new Set([...(project.ignore ?? []), ...(client.ignore ?? [])])],
    severity: { ...(project.severity ?? {}), ...(client.severity ?? {}) },
    fixStyle: client.fixStyle ?? project.fixStyle ?? base.fixStyle,
    inlayHints: {
      shapes: client.inlayHints?.shapes ?? project.inlayHints?.shapes ?? base.inlayHints.shapes,
      values: client.inlayHints?.values ?? project.inlayHints?.values ?? base.inlayHints.values,
    },
    sampleSizes: { ...(project.sampleSizes ?? {}), ...(client.sampleSizes ?? {}) },
  };
}
