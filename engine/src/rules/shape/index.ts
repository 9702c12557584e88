// Shape rules: the interpreter proves a shape error (a ShapeProblem); this turns it into a
// finding with the rule code chosen by the op and the error, a message that shows the
// symbolic shapes and where each operand came from, and, when an operand is a reduction
// without keepdim, the keepdim fix.
import type { Finding, Fix, RelatedInfo } from '../../api';
import type { OpNode } from '../../facts/opGraph';
import type { ShapeProblem } from '../../python/interp/context';
import { findRule } from '../registry';
import './broadcastMismatch';
import './concatMismatch';
import './dimOutOfRange';
import './einopsMismatch';
import './matmulMismatch';
import './reshapeMismatch';
import './suspiciousBroadcast';
import './shapeAnnotationMismatch';
import './ambiguousSqueeze';
import './lossTargetMismatch';
import './dtypeMismatch';
import './itemNotScalar';
import './tensorAsBool';
import './viewNonContiguous';

const CODES: Record<string, string> = {
  broadcast: 'broadcast-mismatch',
  matmul: 'matmul-mismatch',
  reshape: 'reshape-mismatch',
  concat: 'concat-mismatch',
  einops: 'einops-mismatch',
  dim: 'dim-out-of-range',
  loss: 'loss-target-mismatch',
  squeeze: 'ambiguous-squeeze',
  annotation: 'shape-annotation-mismatch',
  suspicious: 'suspicious-broadcast',
  contiguity: 'view-non-contiguous',
  dtype: 'dtype-mismatch',
  item: 'item-not-scalar',
  bool: 'tensor-as-bool',
};

const REDUCTIONS = /^(torch|Tensor)\.(sum|mean|max|min|amax|amin|logsumexp|prod|std|var|norm|nansum|nanmean)$/;

export function codeFor(problem: ShapeProblem): string | null {
  if (problem.op.startsWith('einops.')) return 'einops-mismatch';
  return CODES[problem.kind] ?? null;
}

function line(n: { range: { start: { line: number } } }): number {
  return n.range.start.line + 1;
}

/** A reduction without keepdim feeding a failed broadcast: where `keepdim=True` goes. */
function keepdimFix(reduction: OpNode): Fix | null {
  const text = reduction.text;
  if (!text.endsWith(')') || /\(\s*\)$/.test(text) || text.includes('\n')) return null;
  const end = reduction.range.end;
  if (reduction.range.start.line !== end.line) return null;
  const pos = { line: end.line, character: end.character - 1 };
  return {
    title: `Add keepdim=True to \`${text}\``,
    edits: [{ range: { start: pos, end: pos }, newText: ', keepdim=True' }],
    safety: 'unsafe',
    safetyReason: 'other uses of the reduced value also keep the reduced dim',
  };
}

export function shapeFindings(problems: ShapeProblem[], nodes: readonly OpNode[]): Finding[] {
  const byRange = new Map<string, OpNode>();
  for (const n of nodes) byRange.set(`${n.range.start.line}:${n.range.start.character}:${n.text}`, n);
  const findings: Finding[] = [];
  // One expression analysed in several contexts (on its own, at call sites) is one finding;
  // the first analysis to prove it (the best-informed one runs first) gives the message.
  const seen = new Set<string>();
  for (const p of problems) {
    const code = codeFor(p);
    if (!code) continue;
    const key = `${code}@${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const related: RelatedInfo[] = [];
    const parts: string[] = [];
    let fix: Fix | null = null;
    let hint = '';
    for (const o of p.operands) {
      if (o.origin) {
        parts.push(`\`${o.text}\` is ${o.shape} from \`${o.origin.text}\` (line ${line(o.origin)})`);
        related.push({ range: o.origin.range, message: `\`${o.text}\` ${o.shape} comes from here` });
        const producer = byRange.get(`${o.origin.range.start.line}:${o.origin.range.start.character}:${o.origin.text}`);
        if (code === 'broadcast-mismatch' && producer && REDUCTIONS.test(producer.op) && producer.params.keepdim !== true) {
          hint = ` — did you mean keepdim=True on line ${line(producer)}?`;
          fix = keepdimFix(producer);
        }
      } else {
        parts.push(`\`${o.text}\` is ${o.shape}`);
        const producer = byRange.get(`${o.range.start.line}:${o.range.start.character}:${o.text}`);
        if (code === 'broadcast-mismatch' && producer && REDUCTIONS.test(producer.op) && producer.params.keepdim !== true) {
          hint = ' — did you mean keepdim=True?';
          fix = keepdimFix(producer);
        }
      }
    }
    // A torch message that ends a sentence takes the operands as a new one, not after ".;".
    const joiner = /[.!?]$/.test(p.reason) ? ' ' : '; ';
    const message = `${p.reason}${parts.length ? `${joiner}${parts.join(', ')}` : ''}${hint}`;
    if (!fix && p.fix) fix = { title: p.fix.title, edits: [{ range: p.fix.range, newText: p.fix.newText }], safety: 'safe' };
    findings.push({ code, severity: findRule(code)?.defaultSeverity ?? 'error', message, range: p.range, fixes: fix ? [fix] : [], related });
  }
  return findings;
}
