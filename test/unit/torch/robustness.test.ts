// Bad input never crashes the table: every entry, called with odd arguments on both paths,
// either returns or throws what Python would see (a TorchError with `torchType`) or
// MetaUnknown on the meta path. A raw JS TypeError/RangeError here is a bug.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ALL_OPS, callConcrete, callMeta, MetaUnknown } from '../../../engine/src/torch';
import { full } from '../../../engine/src/tensor/create';
import { isTensor } from '../../../engine/src/tensor/tensor';

const F = () => full([2, 3], 1.5);
const I = () => full([2, 3], 1n, 'int64');

const ODD_CALLS: Array<() => unknown[]> = [
  () => [],
  () => [null],
  () => ['abc'],
  () => [F(), 'x'],
  () => [F(), -99n],
  () => [F(), 10n ** 12n],
  () => [F(), [1n, [2n]]],
  () => [F(), {}],
  () => [F(), F()],
  () => [I(), I(), I()],
  () => [[F(), 'a']],
  () => [F(), 1.5, 2.5, 3.5],
  () => [[[1n], [2n, 3n]]],
  () => [F(), null, null],
  () => [F(), -1n, -1n],
  () => [F(), [-5n, 0n]],
  () => [-3n],
  () => [F(), true],
  () => [full([0, 3], 0), 0n],
];

function toMeta(v: unknown): unknown {
  if (isTensor(v)) return { kind: 'meta', shape: [...v.shape], dtype: v.dtype };
  return Array.isArray(v) ? v.map(toMeta) : v;
}

it('every entry rejects odd arguments with a Python-visible error, never a crash', () => {
  const crashes: string[] = [];
  for (const entry of ALL_OPS) {
    const name = entry.names[0];
    for (const make of ODD_CALLS) {
      for (const mode of ['concrete', 'meta'] as const) {
        const args = mode === 'meta' ? (make().map(toMeta) as unknown[]) : make();
        try {
          if (mode === 'meta') callMeta(name, args, {});
          else callConcrete(name, args, {});
        } catch (error) {
          if (error instanceof MetaUnknown || (error as { torchType?: string }).torchType) continue;
          crashes.push(`${mode} ${name}: ${(error as Error).name}: ${(error as Error).message}`);
        }
      }
    }
  }
  assert.deepEqual(crashes, []);
});

it('rejects unknown keyword arguments on every entry', () => {
  for (const entry of ALL_OPS) {
    const error = (() => {
      try {
        callConcrete(entry.names[0], [F()], { no_such_argument: 1n });
      } catch (e) {
        return e as { torchType?: string };
      }
      return null;
    })();
    assert.equal(error?.torchType, 'TypeError', entry.names[0]);
  }
});
