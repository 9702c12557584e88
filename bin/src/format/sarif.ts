// `--format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it (one run, the rule list
// with help text, results with a region and the fix as artifact replacements).
import { allRules, findRule, ruleDocsUrl } from '../../../engine/src/rules/registry';
import type { RuleMeta } from '../../../engine/src/rules/registry';
import type { FileReport, ReportedFinding } from '../report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/tensorlint/tensorlint';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export interface SarifOptions {
  version: string;
  /** Maps a notebook cell line to the line of the raw .ipynb that holds it. */
  rawLine?: (finding: ReportedFinding, line: number) => number | undefined;
}

function ruleHelp(rule: RuleMeta): { text: string; markdown: string } {
  const d = rule.docs;
  const text = [
    `${rule.summary}`,
    `What it does: ${d.whatItDoes}`,
    `Why is this bad? ${d.whyBad}`,
    `Example:\n${d.example}`,
    `Use instead:\n${d.useInstead}`,
    `Fix safety: ${d.fixSafety}`,
  ].join('\n\n');
  const markdown = [
    `**${rule.code}**: ${rule.summary}`,
    `### What it does\n${d.whatItDoes}`,
    `### Why is this bad?\n${d.whyBad}`,
    `### Example\n\`\`\`python\n${d.example}\n\`\`\``,
    `### Use instead\n\`\`\`python\n${d.useInstead}\n\`\`\``,
    `### Fix safety\n${d.fixSafety}`,
  ].join('\n\n');
  return { text, markdown };
}

function ruleDescriptor(rule: RuleMeta): Record<string, unknown> {
  return {
    id: rule.code,
    name: rule.code.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.summary },
    fullDescription: { text: `${rule.docs.whatItDoes} ${rule.docs.whyBad}` },
    help: ruleHelp(rule),
    helpUri: ruleDocsUrl(rule.code),
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: [rule.category], category: rule.category },
  };
}

function unknownRuleDescriptor(code: string): Record<string, unknown> {
  return {
    id: code,
    shortDescription: { text: code },
    fullDescription: { text: code },
    help: { text: code, markdown: code },
    helpUri: ruleDocsUrl(code),
    defaultConfiguration: { level: 'warning' },
  };
}

/** SARIF artifact URIs are URI references: relative paths with `/` and percent-encoding. */
export function artifactUri(file: string): string {
  const absolute = file.startsWith('/');
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  return absolute ? `file://${encoded}` : encoded;
}

function region(f: ReportedFinding, options: SarifOptions): Record<string, number> {
  if (f.cell === undefined) return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
  const start = options.rawLine?.(f, f.line) ?? 1;
  const end = options.rawLine?.(f, f.endLine) ?? start;
  return { startLine: start, endLine: Math.max(start, end) };
}

function artifactLocation(file: string): Record<string, string> {
  const uri = artifactUri(file);
  return uri.startsWith('file://') ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
}

function result(f: ReportedFinding, ruleIndex: number, options: SarifOptions): Record<string, unknown> {
  const message = f.cell === undefined ? f.message : `cell ${f.cell}, line ${f.line}, column ${f.column}: ${f.message}`;
  const out: Record<string, unknown> = {
    ruleId: f.code,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file), region: region(f, options) } }],
  };
  // A notebook's replacements would need positions inside the JSON strings; they are left out.
  if (f.fix && f.cell === undefined) {
    out.fixes = [
      {
        description: { text: f.fix.title },
        artifactChanges: [
          {
            artifactLocation: artifactLocation(f.file),
            replacements: f.fix.edits.map((e) => ({
              deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
              insertedContent: { text: e.newText },
            })),
          },
        ],
      },
    ];
  }
  return out;
}

export function buildSarif(reports: FileReport[], options: SarifOptions): Record<string, unknown> {
  const findings = reports.flatMap((r) => r.findings);
  const descriptors = allRules().map(ruleDescriptor);
  const index = new Map(allRules().map((rule, i) => [rule.code, i]));
  for (const f of findings) {
    if (!index.has(f.code)) {
      index.set(f.code, descriptors.length);
      descriptors.push(findRule(f.code) ? ruleDescriptor(findRule(f.code) as RuleMeta) : unknownRuleDescriptor(f.code));
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'TensorLint',
            semanticVersion: options.version,
            version: options.version,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, index.get(f.code) as number, options)),
      },
    ],
  };
}

export function formatSarif(reports: FileReport[], options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(reports, options), null, 2)}\n`;
}
