// The worker's per-document parse sessions: jobs for one document share a session, closing a
// document frees it, and the cache stays bounded in count and in text size.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine } from '../../engine/src/index';
import { ParseSessions, runJob, type AnalyzeJob } from '../../server/src/job';

before(async () => {
  await initEngine();
});

function job(text: string, documentKey?: string): AnalyzeJob {
  return { kind: 'analyze', text, options: {}, modules: {}, syntaxOnly: false, documentKey };
}

test('jobs for one document re-parse incrementally; jobs without a key or for another document do not share', () => {
  const sessions = new ParseSessions();
  const a = 'import torch\nx = torch.zeros(2, 3) @ torch.zeros(4, 5)\n';
  const b = '# edited\n' + a;
  const first = runJob(job(a, 'file:///a.py'), () => false, sessions);
  const second = runJob(job(b, 'file:///a.py'), () => false, sessions);
  runJob(job(a, 'file:///b.py'), () => false, sessions);
  runJob(job(b), () => false, sessions);
  assert.equal(sessions.size, 2);
  const session = sessions.get('file:///a.py', b.length);
  assert.deepEqual(session.counts, { incremental: 1, full: 1, stopped: 0 });
  assert.equal(sessions.get('file:///b.py', a.length).counts.incremental, 0);
  // Same findings as without a session, moved down one line by the edit.
  assert.ok(first.status === 'done' && second.status === 'done');
  const fresh = runJob(job(b), () => false, sessions);
  assert.ok(fresh.status === 'done');
  assert.deepEqual(second.analysis, fresh.analysis);
  assert.equal(second.analysis!.findings[0].range.start.line, first.analysis!.findings[0].range.start.line + 1);
});

test('forget drops the session; the least recently used go past the count or size bound', () => {
  const sessions = new ParseSessions(3, 100);
  const one = sessions.get('1', 10);
  sessions.get('2', 10);
  sessions.get('3', 10);
  assert.equal(sessions.get('1', 10), one, 'a known document keeps its session');
  sessions.get('4', 10); // evicts 2, the least recently used
  assert.equal(sessions.size, 3);
  assert.equal(sessions.get('1', 10), one);
  sessions.forget('1');
  sessions.forget('no such document');
  assert.notEqual(sessions.get('1', 10), one, 'a forgotten document starts over');
  // One large text pushes the others out, but never itself.
  sessions.get('big', 500);
  assert.equal(sessions.size, 1);
  const big = sessions.get('big', 500);
  assert.equal(big.parse('x = 1\n').rootNode.type, 'module');
});
