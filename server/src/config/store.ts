// Effective settings per document: the client's `tensorlint` section (pulled with
// workspace/configuration, or pushed with didChangeConfiguration by clients that cannot be
// asked) merged over the nearest pyproject.toml. The client layer is cached until the client
// says it changed; the project layer is re-checked each time (an mtime-cached stat).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProjectConfig } from './pyproject';
import { mergeSettings, toSettingsLayer, type Settings, type SettingsLayer } from './settings';

export interface ConfigurationSource {
  /** Pulls the `tensorlint` section for a scope; undefined when the client cannot be asked. */
  pull?: (scopeUri: string) => Promise<unknown>;
  log: (message: string) => void;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class SettingsStore {
  private readonly clientLayers = new Map<string, Promise<SettingsLayer>>();
  private pushed: SettingsLayer = {};
  private readonly reportedErrors = new Set<string>();
  workspaceFolders: string[] = [];

  constructor(private readonly source: ConfigurationSource) {}

  /** A didChangeConfiguration arrived: forget pulled values, keep any pushed section. */
  invalidate(pushedSettings?: unknown): void {
    this.clientLayers.clear();
    const section = (pushedSettings as { tensorlint?: unknown } | undefined)?.tensorlint;
    if (section !== undefined) this.pushed = toSettingsLayer(section);
  }

  /** The workspace folder holding `filePath` (the deepest one), which bounds the pyproject search. */
  folderFor(filePath: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.workspaceFolders) {
      const relative = path.relative(folder, filePath);
      if (!relative.startsWith('..') && !path.isAbsolute(relative) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }

  async settingsFor(uri: string): Promise<Settings> {
    const client = await this.clientLayer(uri);
    const filePath = uriToPath(uri);
    let project: SettingsLayer = {};
    if (filePath) {
      const config = loadProjectConfig(filePath, this.folderFor(filePath));
      project = config.layer;
      if (config.error && !this.reportedErrors.has(config.error)) {
        this.reportedErrors.add(config.error);
        this.source.log(`tensorlint: configuration problem: ${config.error}`);
      }
    }
    return mergeSettings(project, client);
  }

  private clientLayer(uri: string): Promise<SettingsLayer> {
    const pull = this.source.pull;
    if (!pull) return Promise.resolve(this.pushed);
    let layer = this.clientLayers.get(uri);
    if (!layer) {
      layer = pull(uri).then(
        (raw) => ({ ...this.pushed, ...toSettingsLayer(raw) }),
        (error: unknown) => {
          this.source.log(`tensorlint: workspace/configuration failed: ${String(error)}`);
          return this.pushed;
        },
      );
      this.clientLayers.set(uri, layer);
    }
    return layer;
  }
}
