// Large float32 results of unary ops and softmax come from uninitialised memory (dtype.ts,
// allocStorageForOverwrite), which is only sound if the kernel writes every slot. With the
// poison switch on, that memory starts as a nan payload no kernel produces; a slot still
// holding it after the op was never written.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as T from '../../../engine/src/tensor';
import { allocStorageForOverwrite, POISON_BITS, setPoisonUninitialised } from '../../../engine/src/tensor/dtype';
import { UNARY_OPS, unary } from '../../../engine/src/tensor/unary';
import { setWasmKernelsEnabled } from '../../../engine/src/tensor/wasm/kernels';

after(() => {
  setPoisonUninitialised(false);
  setWasmKernelsEnabled(true);
});

// Large enough for the uninitialised path, and not a multiple of the SIMD chunk or lane count.
const N = 7 * 2927;

function poisonedSlots(t: T.Tensor): number {
  const data = t.data;
  assert.ok(data instanceof Float32Array, 'a float32 result');
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  let count = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i] === POISON_BITS) count++;
  return count;
}

function input(): T.Tensor {
  T.manualSeed(7);
  // Mostly ordinary values, with extremes the SIMD kernels send down their slow path.
  const x = T.mul(T.randn([N]), 40);
  const d = x.data as Float32Array;
  for (let i = 0; i < d.length; i += 997) d[i] = [Infinity, -Infinity, NaN, 1e30, -1e-30, 100][i % 6];
  return x;
}

test('the poison switch really fills the uninitialised storage', () => {
  setPoisonUninitialised(true);
  const s = allocStorageForOverwrite('float32', N) as Float32Array;
  assert.equal(s.length, N);
  assert.equal(new Uint32Array(s.buffer, s.byteOffset, N)[N - 1], POISON_BITS);
  // Small, float64, int64 and bool storage stays zeroed.
  assert.deepEqual(Array.from(allocStorageForOverwrite('float32', 100)).slice(0, 3), [0, 0, 0]);
  assert.equal(allocStorageForOverwrite('float64', N)[N - 1], 0);
  setPoisonUninitialised(false);
});

for (const simd of [true, false]) {
  test(`every float32 unary op writes every slot of a large result (${simd ? 'SIMD' : 'JS'} kernels)`, () => {
    setWasmKernelsEnabled(simd);
    setPoisonUninitialised(true);
    const x = input();
    for (const name of UNARY_OPS) {
      let out: T.Tensor;
      try {
        out = unary(name, x);
      } catch {
        continue; // ops that reject float32 input (bitwise not) never allocate
      }
      if (out.dtype !== 'float32') continue;
      assert.equal(poisonedSlots(out), 0, `${name} left slots unwritten`);
    }
    setPoisonUninitialised(false);
  });

  test(`softmax and log_softmax write every slot, over the last dim and another (${simd ? 'SIMD' : 'JS'} kernels)`, () => {
    setWasmKernelsEnabled(simd);
    setPoisonUninitialised(true);
    // Short rows, and one row longer than the chunk the SIMD path copies through wasm memory.
    for (const shape of [[2927, 7], [1, N]]) {
      const x = T.reshape(input(), shape);
      for (const dim of [-1, 0]) {
        assert.equal(poisonedSlots(T.softmax(x, dim)), 0, `softmax ${shape} dim ${dim}`);
        assert.equal(poisonedSlots(T.logSoftmax(x, dim)), 0, `log_softmax ${shape} dim ${dim}`);
      }
    }
    setPoisonUninitialised(false);
  });
}
