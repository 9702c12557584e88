// Finds the `[tool.tensorlint]` configuration for a file: the nearest pyproject.toml with such a
// table, walking up from the file's folder. Results are cached per folder, and each problem in a
// config file is reported once. The parsing itself is engine/src/config (pure).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTensorlintConfig, type TensorlintConfig } from '../../engine/src/config/index';

export interface DiscoveredConfig {
  /** The pyproject.toml that configured this file, if any. */
  file?: string;
  config: TensorlintConfig;
}

export class ConfigFinder {
  private readonly byDirectory = new Map<string, DiscoveredConfig>();
  private readonly parsed = new Map<string, ReturnType<typeof parseTensorlintConfig> | null>();

  /** `warn` receives each config problem once (invalid TOML, unknown keys, bad values). */
  constructor(private readonly warn: (message: string) => void) {}

  forFile(file: string): DiscoveredConfig {
    return this.forDirectory(path.dirname(path.resolve(file)));
  }

  forDirectory(directory: string): DiscoveredConfig {
    const cached = this.byDirectory.get(directory);
    if (cached) return cached;
    let found: DiscoveredConfig | undefined;
    const parsed = this.parseFile(path.join(directory, 'pyproject.toml'));
    // A pyproject.toml without our table (or a broken one) does not stop the walk: a
    // sub-package's own pyproject should not silently switch off the repository's settings.
    if (parsed?.found) {
      found = { file: path.join(directory, 'pyproject.toml'), config: parsed.config };
    } else {
      const parent = path.dirname(directory);
      found = parent === directory ? { config: {} } : this.forDirectory(parent);
    }
    this.byDirectory.set(directory, found);
    return found;
  }

  private parseFile(file: string): ReturnType<typeof parseTensorlintConfig> | null {
    if (this.parsed.has(file)) return this.parsed.get(file) ?? null;
    let result: ReturnType<typeof parseTensorlintConfig> | null = null;
    let text: string | undefined;
    try {
      if (fs.statSync(file).isFile()) text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.warn(`${file}: cannot read (${code ?? String(error)}), configuration ignored`);
    }
    if (text !== undefined) {
      result = parseTensorlintConfig(text.replace(/^\uFEFF/, ''), file);
      result.warnings.forEach((w) => this.warn(w));
    }
    this.parsed.set(file, result);
    return result;
  }
}
