// Binding declared dims to actual shapes across one call, as jaxtyping checks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindDeclared, emptyBindings, instantiateDeclared, parseJaxtyping, parseTorchtyping } from '../../../engine/src/declared';
import type { DeclaredDim } from '../../../engine/src/declared';
import { assertShape, shapeOf } from '../einops/check';

function dims(annotation: string): DeclaredDim[] {
  const decl = parseJaxtyping(annotation) ?? parseTorchtyping(annotation);
  assert.ok(decl !== null && decl.dims !== null, annotation);
  return decl.dims;
}

test('names bind on first use and propagate to the return annotation', () => {
  const env = emptyBindings();
  assert.deepEqual(bindDeclared(dims('Float[Tensor, "batch n"]'), shapeOf(['b', 'm']), env), { ok: true });
  assert.deepEqual(bindDeclared(dims('Int[Tensor, "batch"]'), shapeOf(['b']), env), { ok: true });
  assertShape(instantiateDeclared(dims('Float[Tensor, "batch 1"]'), env)!, ['b', 1]);
});

test('a name bound to two different sizes in one call is a mismatch', () => {
  const env = emptyBindings();
  bindDeclared(dims('Float[Tensor, "batch n"]'), [4, 10], env);
  const result = bindDeclared(dims('Int[Tensor, "batch"]'), [5], env);
  assert.equal(result.ok, false);
  assert.match((result as { reason: string }).reason, /dim 0 is 5, but batch is 4 elsewhere in this call/);
});

test('rank mismatch', () => {
  const result = bindDeclared(dims('Float[Tensor, "b n"]'), [2, 3, 4], emptyBindings());
  assert.deepEqual(result, { ok: false, reason: 'expected 2 dims (b n), got 3' });
});

test('fixed ints and expressions are checked once their names are bound', () => {
  assert.equal(bindDeclared(dims('Float[Tensor, "b 3"]'), [2, 4], emptyBindings()).ok, false);
  assert.equal(bindDeclared(dims('Float[Tensor, "b 3"]'), shapeOf(['b', 'k']), emptyBindings()).ok, true);
  const env = emptyBindings();
  bindDeclared(dims('Float[Tensor, "h w"]'), [4, 5], env);
  assert.equal(bindDeclared(dims('Float[Tensor, "h*w"]'), [20], env).ok, true);
  assert.equal(bindDeclared(dims('Float[Tensor, "h*w"]'), [21], env).ok, false);
  assert.equal(bindDeclared(dims('Float[Tensor, "n+1"]'), [7], emptyBindings()).ok, true);
});

test('variadic groups bind and must agree', () => {
  const env = emptyBindings();
  assert.equal(bindDeclared(dims('Float[Tensor, "*batch n"]'), [2, 3, 10], env).ok, true);
  assert.deepEqual(env.groups.get('batch'), [2, 3]);
  assert.equal(bindDeclared(dims('Float[Tensor, "*batch"]'), [2, 3], env).ok, true);
  assert.equal(bindDeclared(dims('Float[Tensor, "*batch"]'), [2, 4], env).ok, false);
  assert.equal(bindDeclared(dims('Float[Tensor, "*batch"]'), [6], env).ok, false);
  assertShape(instantiateDeclared(dims('Float[Tensor, "*batch 1"]'), env)!, [2, 3, 1]);
});

test('ellipsis, anonymous and broadcastable dims accept anything that fits', () => {
  assert.equal(bindDeclared(dims('Float[Tensor, "... n"]'), [7, 8, 9], emptyBindings()).ok, true);
  assert.equal(bindDeclared(dims('Float[Tensor, "... n"]'), [], emptyBindings()).ok, false);
  assert.equal(bindDeclared(dims('Float[Tensor, "_ n"]'), [7, 9], emptyBindings()).ok, true);
  const env = emptyBindings();
  bindDeclared(dims('Float[Tensor, "n"]'), [9], env);
  assert.equal(bindDeclared(dims('Float[Tensor, "#n"]'), [1], env).ok, true);
  assert.equal(bindDeclared(dims('Float[Tensor, "#n"]'), [3], env).ok, false);
});

test('unknown dims bind nothing and contradict nothing', () => {
  const env = emptyBindings();
  assert.equal(bindDeclared(dims('Float[Tensor, "b n"]'), shapeOf(['?', 'n']), env).ok, true);
  assert.equal(env.dims.has('b'), false);
  assert.equal(bindDeclared(dims('Float[Tensor, "b"]'), [3], env).ok, true);
});

test('distinct symbols are treated as different sizes (the generic case)', () => {
  const env = emptyBindings();
  bindDeclared(dims('TensorType["batch", "n"]'), shapeOf(['b', 'n']), env);
  assert.equal(bindDeclared(dims('TensorType["batch"]'), shapeOf(['m']), env).ok, false);
});

test('instantiating with unbound names gives symbols; open sizes give null', () => {
  assertShape(instantiateDeclared(dims('Float[Tensor, "batch n"]'), emptyBindings())!, ['batch', 'n']);
  assert.equal(instantiateDeclared(dims('Float[Tensor, "*batch n"]'), emptyBindings()), null);
  assert.equal(instantiateDeclared(dims('Float[Tensor, "_ n"]'), emptyBindings()), null);
});
