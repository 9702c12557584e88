// Tokenises Python lines with the stand-in base grammar plus TensorLint's injection grammars,
// wired the way VS Code wires `injectTo` from package.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

function contributedGrammars(): GrammarContribution[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return pkg.contributes?.grammars ?? [];
}

let registryPromise: Promise<vsctm.Registry> | undefined;

function registry(): Promise<vsctm.Registry> {
  registryPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const grammars = contributedGrammars();
    const files = new Map<string, string>([['source.python', path.join(__dirname, 'python-stub.tmLanguage.json')]]);
    for (const g of grammars) files.set(g.scopeName, path.join(root, g.path));
    return new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = files.get(scopeName);
        if (!file) return null;
        return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
      getInjections: (scopeName: string) =>
        grammars.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
    });
  })();
  return registryPromise;
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Tokenises each line in sequence (state carries over, as in an editor). */
export async function tokenize(lines: string[]): Promise<Token[][]> {
  const grammar = await (await registry()).loadGrammar('source.python');
  if (!grammar) throw new Error('source.python did not load');
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the first token whose text is exactly `text` (after the `nth` earlier ones). */
export function scopesOf(tokens: Token[], text: string, nth = 0): string[] {
  const hits = tokens.filter((t) => t.text === text);
  if (hits.length <= nth) {
    throw new Error(`no token ${JSON.stringify(text)} (#${nth}) in ${JSON.stringify(tokens.map((t) => t.text))}`);
  }
  return hits[nth].scopes;
}

export function hasScope(scopes: string[], prefix: string): boolean {
  return scopes.some((s) => s === prefix || s.startsWith(prefix + '.') || s.split(' ').includes(prefix));
}
