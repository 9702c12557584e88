// A focused structural validator for the parts of SARIF 2.1.0 that TensorLint emits, written
// from the OASIS schema's required properties and types (no network for the official schema).
// It returns every problem found, so a failing test says what is wrong.

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly problems: string[] = [];

  fail(where: string, message: string): void {
    this.problems.push(`${where}: ${message}`);
  }

  object(v: Json, where: string): v is Record<string, Json> {
    if (!isObject(v)) this.fail(where, 'must be an object');
    return isObject(v);
  }

  string(v: Json, where: string, required = true): void {
    if (v === undefined && !required) return;
    if (typeof v !== 'string') this.fail(where, 'must be a string');
  }

  integer(v: Json, where: string, min: number, required = false): void {
    if (v === undefined && !required) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.fail(where, `must be an integer >= ${min}`);
  }

  array(v: Json, where: string, required = true): v is Json[] {
    if (v === undefined && !required) return false;
    if (!Array.isArray(v)) this.fail(where, 'must be an array');
    return Array.isArray(v);
  }

  /** message / multiformatMessageString: `text` is required. */
  message(v: Json, where: string, required = true): void {
    if (v === undefined && !required) return;
    if (!this.object(v, where)) return;
    this.string(v.text, `${where}.text`);
    this.string(v.markdown, `${where}.markdown`, false);
  }

  uri(v: Json, where: string): void {
    this.string(v, where);
    if (typeof v === 'string' && (/\\/.test(v) || /\s/.test(v))) this.fail(where, 'must be a URI reference (no backslashes or spaces)');
  }

  region(v: Json, where: string): void {
    if (!this.object(v, where)) return;
    this.integer(v.startLine, `${where}.startLine`, 1);
    this.integer(v.startColumn, `${where}.startColumn`, 1);
    this.integer(v.endLine, `${where}.endLine`, 1);
    this.integer(v.endColumn, `${where}.endColumn`, 1);
    if (typeof v.startLine === 'number' && typeof v.endLine === 'number' && v.endLine < v.startLine) this.fail(where, 'endLine before startLine');
    if (v.startLine === undefined && v.charOffset === undefined && v.byteOffset === undefined) this.fail(where, 'needs startLine (GitHub requires it)');
  }

  artifactLocation(v: Json, where: string): void {
    if (!this.object(v, where)) return;
    this.uri(v.uri, `${where}.uri`);
    this.string(v.uriBaseId, `${where}.uriBaseId`, false);
  }

  rule(v: Json, where: string): void {
    if (!this.object(v, where)) return;
    this.string(v.id, `${where}.id`);
    this.message(v.shortDescription, `${where}.shortDescription`, false);
    this.message(v.fullDescription, `${where}.fullDescription`, false);
    this.message(v.help, `${where}.help`, false);
    this.string(v.helpUri, `${where}.helpUri`, false);
    if (v.defaultConfiguration !== undefined && this.object(v.defaultConfiguration, `${where}.defaultConfiguration`)) {
      const level = v.defaultConfiguration.level;
      if (level !== undefined && !['none', 'note', 'warning', 'error'].includes(level as string)) this.fail(`${where}.defaultConfiguration.level`, 'invalid level');
    }
  }

  result(v: Json, where: string, ruleCount: number): void {
    if (!this.object(v, where)) return;
    this.message(v.message, `${where}.message`);
    this.string(v.ruleId, `${where}.ruleId`, false);
    if (v.ruleIndex !== undefined) this.integer(v.ruleIndex, `${where}.ruleIndex`, 0);
    if (typeof v.ruleIndex === 'number' && v.ruleIndex >= ruleCount) this.fail(`${where}.ruleIndex`, 'points past the rules array');
    if (v.level !== undefined && !['none', 'note', 'warning', 'error'].includes(v.level as string)) this.fail(`${where}.level`, 'invalid level');
    if (this.array(v.locations, `${where}.locations`, false)) {
      (v.locations as Json[]).forEach((loc, i) => {
        const w = `${where}.locations[${i}]`;
        if (!this.object(loc, w)) return;
        if (!this.object(loc.physicalLocation, `${w}.physicalLocation`)) return;
        const physical = loc.physicalLocation as Record<string, Json>;
        this.artifactLocation(physical.artifactLocation, `${w}.physicalLocation.artifactLocation`);
        this.region(physical.region, `${w}.physicalLocation.region`);
      });
    }
    if (this.array(v.fixes, `${where}.fixes`, false)) {
      (v.fixes as Json[]).forEach((fix, i) => {
        const w = `${where}.fixes[${i}]`;
        if (!this.object(fix, w)) return;
        this.message(fix.description, `${w}.description`, false);
        // fix.artifactChanges is required, with at least one item.
        if (!this.array(fix.artifactChanges, `${w}.artifactChanges`)) return;
        if ((fix.artifactChanges as Json[]).length === 0) this.fail(`${w}.artifactChanges`, 'needs at least one item');
        (fix.artifactChanges as Json[]).forEach((change, j) => {
          const cw = `${w}.artifactChanges[${j}]`;
          if (!this.object(change, cw)) return;
          this.artifactLocation(change.artifactLocation, `${cw}.artifactLocation`);
          if (!this.array(change.replacements, `${cw}.replacements`)) return;
          if ((change.replacements as Json[]).length === 0) this.fail(`${cw}.replacements`, 'needs at least one item');
          (change.replacements as Json[]).forEach((rep, k) => {
            const rw = `${cw}.replacements[${k}]`;
            if (!this.object(rep, rw)) return;
            this.region(rep.deletedRegion, `${rw}.deletedRegion`);
            if (rep.insertedContent !== undefined && this.object(rep.insertedContent, `${rw}.insertedContent`)) {
              this.string(rep.insertedContent.text, `${rw}.insertedContent.text`);
            }
          });
        });
      });
    }
  }
}

/** Problems with a SARIF 2.1.0 log; an empty list means it conforms. */
export function validateSarif(log: Json): string[] {
  const c = new Checker();
  if (!c.object(log, 'log')) return c.problems;
  if (log.version !== '2.1.0') c.fail('log.version', 'must be "2.1.0"');
  c.string(log.$schema, 'log.$schema', false);
  if (!c.array(log.runs, 'log.runs')) return c.problems;
  (log.runs as Json[]).forEach((run, i) => {
    const w = `log.runs[${i}]`;
    if (!c.object(run, w)) return;
    if (!c.object(run.tool, `${w}.tool`)) return;
    const tool = run.tool as Record<string, Json>;
    if (!c.object(tool.driver, `${w}.tool.driver`)) return;
    const driver = tool.driver as Record<string, Json>;
    c.string(driver.name, `${w}.tool.driver.name`);
    c.string(driver.version, `${w}.tool.driver.version`, false);
    c.string(driver.informationUri, `${w}.tool.driver.informationUri`, false);
    let ruleCount = 0;
    if (c.array(driver.rules, `${w}.tool.driver.rules`, false)) {
      const rules = driver.rules as Json[];
      ruleCount = rules.length;
      rules.forEach((rule, j) => c.rule(rule, `${w}.tool.driver.rules[${j}]`));
      const ids = rules.map((r) => (isObject(r) ? r.id : undefined));
      if (new Set(ids).size !== ids.length) c.fail(`${w}.tool.driver.rules`, 'rule ids must be unique');
    }
    if (run.columnKind !== undefined && !['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind as string)) c.fail(`${w}.columnKind`, 'invalid');
    if (c.array(run.results, `${w}.results`, false)) (run.results as Json[]).forEach((r, j) => c.result(r, `${w}.results[${j}]`, ruleCount));
  });
  return c.problems;
}
