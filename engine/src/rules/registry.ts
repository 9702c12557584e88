// Every rule TensorLint knows, with the documentation sections that generate docs/rules.md,
// the SARIF rule list, and the settings schema in package.json (a test checks they agree).
import type { Severity } from '../api';

export type RuleCategory = 'syntax' | 'shape' | 'stability';

export interface RuleDocs {
  whatItDoes: string;
  whyBad: string;
  example: string;
  useInstead: string;
  fixSafety: string;
}

export interface RuleMeta {
  code: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  summary: string;
  docs: RuleDocs;
}

const rules: RuleMeta[] = [];

/** Rule modules call this at load time; codes are part of the CLI contract. */
export function registerRule(meta: RuleMeta): RuleMeta {
  if (rules.some((r) => r.code === meta.code)) throw new Error(`rule ${meta.code} registered twice`);
  rules.push(meta);
  return meta;
}

export function allRules(): readonly RuleMeta[] {
  return rules;
}

export function findRule(code: string): RuleMeta | undefined {
  return rules.find((r) => r.code === code);
}

export const RULE_DOCS_BASE_URL = 'https://github.com/tensorlint/tensorlint/blob/main/docs/rules.md';

export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_BASE_URL}#${code}`;
}
