// Replays programs against what real PyTorch printed for them: every *.py with a
// *.expected.json next to it, in test/golden/programs (written from real torch by the
// golden generator) and test/unit/run/programs (written by gen_expected.py here).
import { test, before } from 'node:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { initEngine, runProgram } from '../../../engine/src/index';
import { assertSameRun, type ExpectedEntry } from './compareRun';

const DIRS = [path.join(__dirname, '../../golden/programs'), path.join(__dirname, 'programs')];

before(async () => {
  await initEngine();
});

for (const dir of DIRS) {
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) {
    const expectedPath = path.join(dir, file.replace(/\.py$/, '.expected.json'));
    if (!existsSync(expectedPath)) continue;
    test(`run reproduces torch on ${path.basename(dir)}/${file}`, () => {
      const raw = JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedEntry[] | { entries: ExpectedEntry[] };
      const expected = Array.isArray(raw) ? raw : raw.entries;
      assertSameRun(runProgram(readFileSync(path.join(dir, file), 'utf8')), expected, file);
    });
  }
}
