// Hover text for a position: the shape fact of the smallest expression under the cursor, and
// the value previews of any finding there. Pure, so it is tested on hand-made Analysis data.
import type { Analysis, HoverFact, Position, Range } from '../../engine/src/api';
import { rangeContains } from './convert';
import { fromProgramLine, fromProgramRange, type Program } from './program';

/** Inline code that survives backticks inside the code itself. */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  const fence = oneLine.includes('`') ? '``' : '`';
  const pad = fence === '``' ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

function extent(range: Range): number {
  return (range.end.line - range.start.line) * 1_000_000 + (range.end.character - range.start.character);
}

/** The innermost fact: the one whose range contains the position and is smallest. */
export function smallestFactAt(hovers: HoverFact[], position: Position): HoverFact | undefined {
  let best: HoverFact | undefined;
  for (const fact of hovers) {
    if (!rangeContains(fact.range, position)) continue;
    if (!best || extent(fact.range) < extent(best.range)) best = fact;
  }
  return best;
}

function originText(fact: HoverFact, program: Program, uri: string): string {
  if (!fact.origin) return '';
  const line = fromProgramLine(program, fact.origin.range.start.line);
  if (!line) return ` — from ${inlineCode(fact.origin.text)}`;
  const where = line.uri === uri ? `line ${line.value + 1}` : `line ${line.value + 1} of another cell`;
  return ` — from ${inlineCode(fact.origin.text)} on ${where}`;
}

export function factMarkdown(fact: HoverFact, program: Program, uri: string): string | undefined {
  const parts: string[] = [];
  if (fact.shape !== null || fact.dtype !== null) {
    const head = fact.shape !== null ? inlineCode(`${fact.text}: ${fact.shape}`) : inlineCode(fact.text);
    const dtype = fact.dtype ? ` ${fact.dtype}` : '';
    parts.push(`${head}${dtype}${originText(fact, program, uri)}`);
  }
  if (fact.broadcast) parts.push(`broadcast: ${inlineCode(fact.broadcast)}`);
  if (fact.sample) parts.push('```text\n' + fact.sample + '\n```');
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

function previewMarkdown(analysis: Analysis, position: Position): string | undefined {
  const lines: string[] = [];
  for (const finding of analysis.findings) {
    if (!rangeContains(finding.range, position)) continue;
    for (const fix of finding.fixes ?? []) {
      if (!fix.previews || fix.previews.length === 0) continue;
      lines.push(`**${fix.title}** — value preview:`);
      for (const p of fix.previews) lines.push(`- ${p.input}: naive ${inlineCode(p.naive)} → fixed ${inlineCode(p.fixed)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

export interface HoverResult {
  markdown: string;
  range?: Range;
}

/** Hover for `position` in document `uri`, where `programPosition` is the same spot in the program. */
export function hoverAt(analysis: Analysis, program: Program, uri: string, programPosition: Position): HoverResult | undefined {
  const fact = smallestFactAt(analysis.hovers, programPosition);
  const sections: string[] = [];
  const factText = fact ? factMarkdown(fact, program, uri) : undefined;
  if (factText) sections.push(factText);
  const preview = previewMarkdown(analysis, programPosition);
  if (preview) sections.push(preview);
  if (sections.length === 0) return undefined;
  const located = fact && factText ? fromProgramRange(program, fact.range) : undefined;
  return { markdown: sections.join('\n\n---\n\n'), range: located && located.uri === uri ? located.value : undefined };
}
