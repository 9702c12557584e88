// float32 behaviour where it matters for stability rules: overflow to inf exactly where
// torch overflows, the naive vs stable forms of the seed notes, and nn.functional values.
// Expected numbers were printed by torch 1.13 (float32) for the same inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as T from '../../../engine/src/tensor';
import { assertClose, assertRaises } from './helpers';

const logits = () => T.tensorFromNested([[1, 2, 3], [1000, 0, -1000]]);
const labels = () => T.tensorFromNested([0n, 2n]);

test('exp overflows in float32 at 88.73 but not in float64', () => {
  assertClose(T.exp(T.tensorFromNested([88.7, 88.8, 100])), [3.325976864406685e38, Infinity, Infinity]);
  assertClose(T.exp(T.tensorFromNested([88.8, 100], 'float64')), [3.6757840844711625e38, 2.6881171418161356e43]);
  assertClose(T.exp(T.tensorFromNested([-104, Number.NaN, -Infinity])), [0, NaN, 0], 1e-5, 0);
});

test('fast float32 exp agrees with correctly rounded exp across the range', () => {
  const values: number[] = [];
  for (let v = -103; v < 89; v += 0.0371) values.push(v);
  const got = T.toList(T.exp(T.tensorFromNested(values))) as number[];
  values.forEach((v, i) => {
    const want = Math.fround(Math.exp(Math.fround(v)));
    if (!Number.isFinite(want)) return assert.equal(got[i], want);
    // Denormal results (x < -87.3) may sit one step (2^-149) off, as torch's own exp does:
    // torch.exp(torch.tensor(-91.0538)) is 2.8565189e-40, the correctly rounded 2.8565049e-40.
    assert.ok(Math.abs(got[i] - want) <= 2e-7 * want || Math.abs(got[i] - want) <= 2 ** -149, `exp(${v}): ${got[i]} vs ${want}`);
  });
});

test('naive logsumexp and softmax give inf/nan in float32; the stable kernels do not', () => {
  const x = logits();
  assertClose(T.log(T.sum(T.exp(x), -1)), [3.4076058864593506, Infinity]);
  const e = T.exp(x);
  assertClose(T.div(e, T.sum(e, -1, true)), [[0.09003057330846786, 0.2447284758090973, 0.6652409434318542], [NaN, 0, 0]]);
  assertClose(T.logsumexp(x, -1), [3.4076058864593506, 1000]);
  assertClose(T.softmax(x, -1), [[0.09003057330846786, 0.2447284758090973, 0.6652409434318542], [1, 0, 0]]);
  assertClose(T.logSoftmax(x, -1), [[-2.4076058864593506, -1.4076058864593506, -0.40760594606399536], [0, -1000, -2000]]);
});

test('the seed notes stable forms reproduce torch', () => {
  const x = logits();
  const c = T.maxDim(x, -1, true).values;
  const lse = T.add(T.squeeze(c, -1), T.log(T.sum(T.exp(T.sub(x, c)), -1)));
  assertClose(lse, [3.4076058864593506, 1000]);
  const logp = T.sub(x, T.add(c, T.log(T.sum(T.exp(T.sub(x, c)), -1, true))));
  const picked = T.neg(T.index(logp, [T.arange(2n), labels()]));
  assertClose(picked, [2.4076058864593506, 2000]);
});

test('logsumexp keeps infinities and empty rows like torch', () => {
  assertClose(T.logsumexp(T.tensorFromNested([Infinity, 1]), 0), [Infinity]);
  assertClose(T.logsumexp(T.tensorFromNested([-Infinity, -Infinity]), 0), [-Infinity]);
  assertClose(T.logsumexp(T.ones([0, 3]), 0), [-Infinity, -Infinity, -Infinity]);
  assertClose(T.logsumexp(T.tensorFromNested([1n, 2n]), 0), [2.3132617473602295]);
});

test('cross_entropy: class indices, weights, ignore_index, label smoothing, probabilities', () => {
  const x = logits();
  assertClose(T.crossEntropy(x, labels()), [1001.2037963867188]);
  assertClose(T.crossEntropy(x, labels(), { reduction: 'none' }), [2.4076058864593506, 2000]);
  assertClose(T.crossEntropy(x, labels(), { labelSmoothing: 0.1 }), [951.1537475585938]);
  const w = T.tensorFromNested([1, 2, 0.5]);
  assertClose(T.crossEntropy(x, labels(), { weight: w }), [668.271728515625]);
  assertClose(T.crossEntropy(x, labels(), { weight: w, labelSmoothing: 0.2 }), [668.19189453125]);
  assertClose(T.crossEntropy(x, T.tensorFromNested([0n, -100n])), [2.4076058864593506]);
  assertClose(T.crossEntropy(x, T.tensorFromNested([-100n, -100n])), [NaN]);
  const p = T.tensorFromNested([[0.2, 0.3, 0.5], [1, 0, 0]]);
  assertClose(T.crossEntropy(x, p), [0.5538029670715332]);
  assertClose(T.crossEntropy(x, p, { labelSmoothing: 0.1 }), [50.56880187988281]);
  assertClose(T.nllLoss(T.logSoftmax(x, -1), labels()), [1001.2037963867188]);
});

test('binary cross entropy clamps logs at -100; the logits form is stable', () => {
  assertClose(T.binaryCrossEntropy(T.tensorFromNested([0.2, 0.9, 0, 1]), T.tensorFromNested([0, 1, 1, 0])), [50.08212661743164]);
  assertClose(T.binaryCrossEntropyWithLogits(T.tensorFromNested([-100, 0.5, 100]), T.tensorFromNested([1, 0, 1])), [33.658023834228516]);
  const pw = T.tensorFromNested([2, 2, 2]);
  assertClose(T.binaryCrossEntropyWithLogits(T.tensorFromNested([-1, 0.5, 2]), T.tensorFromNested([1, 0, 1]), null, 'mean', pw), [1.2848187685012817]);
  assertClose(T.mseLoss(T.tensorFromNested([1, 2]), T.tensorFromNested([[0, 0], [2, 2]])), [1.5]);
});

test('activations: gelu, softplus, sigmoid, logsigmoid', () => {
  assertClose(T.gelu(T.tensorFromNested([-10, -1, 0, 1, 3])), [0, -0.1586552858352661, 0, 0.8413447141647339, 2.995950222015381], 1e-5, 1e-7);
  assertClose(T.gelu(T.tensorFromNested([-3, 1]), 'tanh'), [-0.0036374330520629883, 0.8411920070648193]);
  assertClose(T.softplus(T.tensorFromNested([-100, 0, 10, 25])), [3.783505853677006e-44, 0.6931471824645996, 10.000045776367188, 25], 1e-5, 0);
  assertClose(T.softplus(T.tensorFromNested([1, 15]), 2, 20), [1.0634640455245972, 15]);
  assertClose(T.sigmoid(T.tensorFromNested([-100, -20, 0, 20])), [0, 2.06115369216775e-9, 0.5, 1], 1e-5, 0);
  assertClose(T.logsigmoid(T.tensorFromNested([-100, 0, 100])), [-100, -0.6931471824645996, -3.923635700109488e-44], 1e-5, 1e-44);
});

test('layer_norm, normalize, std/var, norm, cumsum', () => {
  assertClose(T.layerNorm(T.tensorFromNested([[1, 2, 4], [0, 0, 1]]), [3]), [[-1.06904137134552, -0.2672603130340576, 1.3363018035888672], [-0.7070909738540649, -0.7070909738540649, 1.4141818284988403]]);
  assertClose(T.normalize(T.tensorFromNested([[3, 4], [0, 0]])), [[0.6000000238418579, 0.800000011920929], [0, 0]]);
  assertClose(T.std(T.tensorFromNested([1, 2, 4, 8])), [3.095695972442627]);
  assertClose(T.variance(T.tensorFromNested([1, 2, 4, 8]), 0, 0), [7.1875]);
  assertClose(T.std(T.ones([1])), [NaN]);
  assertClose(T.norm(T.tensorFromNested([[3, 4], [6, 8]]), 2, 1), [5, 10]);
  assertClose(T.norm(T.tensorFromNested([1e20, 1e20])), [Infinity]);
  assert.deepEqual(T.toList(T.cumsum(T.tensorFromNested([[1n, 2n], [3n, 4n]]), 0)), [[1, 2], [4, 6]]);
  assertClose(T.cumsum(T.tensorFromNested([1e38, 1e38, -1e38]), 0), [9.999999680285692e37, 1.9999999360571385e38, 9.999999680285692e37]);
});

test('creation: linspace and arange rounding as torch', () => {
  assertClose(T.linspace(-1, 1, 7), [-1, -0.6666666269302368, -0.3333333134651184, -2.9802322387695312e-8, 0.3333333134651184, 0.6666666269302368, 1], 1e-6, 1e-9);
  const a = T.arange(0, 1, 0.1);
  assert.equal(a.shape[0], 10);
  assertClose(T.index(a, [-1]), 0.8999999761581421);
  assert.equal(T.arange(5n).dtype, 'int64');
  assert.equal(T.arange(1, 4n).dtype, 'float32');
  assert.deepEqual(T.toList(T.eye(2, 3)), [[1, 0, 0], [0, 1, 0]]);
  assert.equal(T.full([2], 3n).dtype, 'int64');
  assert.equal(T.full([2], true).dtype, 'bool');
  assertClose(T.nanToNum(T.tensorFromNested([NaN, Infinity, -Infinity, 1])), [0, 3.4028234663852886e38, -3.4028234663852886e38, 1]);
});

test('random tensors: seeded, shaped, in range', () => {
  T.manualSeed(7);
  const a = T.randn([1000]);
  T.manualSeed(7);
  const b = T.randn([1000]);
  assert.deepEqual(T.toList(a), T.toList(b));
  const mean = T.item(T.mean(a)) as number;
  const sd = T.item(T.std(a)) as number;
  assert.ok(Math.abs(mean) < 0.15 && Math.abs(sd - 1) < 0.15, `mean ${mean}, std ${sd}`);
  const u = T.rand([2000]);
  assert.ok((T.item(T.amin(u)) as number) >= 0 && (T.item(T.amax(u)) as number) < 1);
  const r = T.randint(3n, 7n, [500]);
  assert.equal(r.dtype, 'int64');
  assert.deepEqual([T.item(T.amin(r)), T.item(T.amax(r))], [3n, 6n]);
  assert.deepEqual([...T.normal(5, 0, [2, 2]).shape], [2, 2]);
});

test('float32 means overflow where torch accumulates in float32', () => {
  const big = T.tensorFromNested([3e38, 3e38]);
  assertClose(T.mean(big), Infinity);
  assertClose(T.variance(big), Infinity);
  assertClose(T.sum(T.tensorFromNested([3e38, -3e38, 3e38])), 3e38);
  assertClose(T.mean(T.tensorFromNested([3e38, 3e38], 'float64')), 3e38);
});

test('cumsum and cumprod accumulate in double and round each output, as torch on CPU', () => {
  assertClose(T.cumsum(T.tensorFromNested([1e8, 1, -1e8]), 0), [1e8, 1e8, 1]);
  assertClose(T.cumprod(T.tensorFromNested([1e30, 1e30, 1e-30]), 0), [1.0000000150474662e30, Infinity, 1.0000000150474662e30]);
});

test('binary_cross_entropy does not promote: sizes are checked first, then the dtypes, then the range', () => {
  const half = T.tensorFromNested([0.5]);
  // torch 1.13: F.binary_cross_entropy(torch.tensor([0.5]).double(), torch.tensor([0.5]))
  assertRaises(() => T.binaryCrossEntropy(T.toDType(half, 'float64'), half), 'RuntimeError', 'Found dtype Float but expected Double');
  assertRaises(() => T.binaryCrossEntropy(half, T.toDType(half, 'float64')), 'RuntimeError', 'Found dtype Double but expected Float');
  // An out-of-range input of the wrong dtype reports the dtype.
  assertRaises(() => T.binaryCrossEntropy(T.toDType(T.tensorFromNested([2.0]), 'float64'), half), 'RuntimeError', 'Found dtype Float but expected Double');
  assertRaises(() => T.binaryCrossEntropy(T.toDType(half, 'float64'), T.tensorFromNested([0.5, 0.2])), 'ValueError', 'Using a target size');
  assertClose(T.binaryCrossEntropy(T.toDType(half, 'float64'), T.toDType(half, 'float64')), [0.6931471805599453]);
});
