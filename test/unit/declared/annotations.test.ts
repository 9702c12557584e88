// jaxtyping and torchtyping annotations: positive forms from both libraries' docs, and
// look-alikes that must not be read as shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJaxtyping, parseTensorAnnotation, parseTorchtyping, toShape } from '../../../engine/src/declared';
import type { DeclaredDim, DeclaredTensor } from '../../../engine/src/declared';
import { assertShape } from '../einops/check';
import type { DimText } from '../einops/check';

function shapeOfDecl(decl: DeclaredTensor | null): ReturnType<typeof toShape> {
  assert.ok(decl !== null, 'expected a declaration');
  return toShape(decl.dims);
}

function checkShape(annotation: string, expected: DimText[]): DeclaredTensor {
  const decl = parseTensorAnnotation(annotation);
  const shape = shapeOfDecl(decl);
  assert.ok(shape !== null, `${annotation}: expected a plain shape`);
  assertShape(shape, expected, annotation);
  return decl!;
}

function kinds(dims: DeclaredDim[] | null): string[] {
  return (dims ?? []).map((d) => (d.kind === 'variadic' ? `*${d.name ?? '...'}` : d.kind === 'anonymous' ? '_' : d.broadcastable ? '#' : 'dim'));
}

test('jaxtyping: Float[Tensor, "batch n"]', () => {
  const decl = checkShape('Float[Tensor, "batch n"]', ['batch', 'n']);
  assert.equal(decl.source, 'jaxtyping');
  assert.deepEqual(decl.dtype, { family: 'float' });
  assert.equal(decl.arrayType, 'Tensor');
});

test('jaxtyping: Float32[torch.Tensor, "b c h w"] with an exact dtype', () => {
  const decl = checkShape('Float32[torch.Tensor, "b c h w"]', ['b', 'c', 'h', 'w']);
  assert.deepEqual(decl.dtype, { family: 'float', exact: 'float32' });
  assert.equal(decl.arrayType, 'torch.Tensor');
});

test('jaxtyping: Int, Int64 and Bool dtypes', () => {
  assert.deepEqual(checkShape('Int[Tensor, "batch"]', ['batch']).dtype, { family: 'int' });
  assert.deepEqual(checkShape("Int64[Tensor, 'batch']", ['batch']).dtype, { family: 'int', exact: 'int64' });
  assert.deepEqual(checkShape('Bool[Tensor, "b n"]', ['b', 'n']).dtype, { family: 'bool', exact: 'bool' });
  assert.deepEqual(checkShape('Shaped[Tensor, "b"]', ['b']).dtype, { family: 'any' });
});

test('jaxtyping: module-qualified dtype and quoted forward reference', () => {
  checkShape('jaxtyping.Float[Tensor, "b n"]', ['b', 'n']);
  checkShape('jt.Float[Tensor, "b n"]', ['b', 'n']);
  checkShape(`"Float[Tensor, 'b n']"`, ['b', 'n']);
});

test('jaxtyping: fixed ints, products and sums', () => {
  checkShape('Float[Tensor, "3 n"]', [3, 'n']);
  checkShape('Float[Tensor, "b h*w"]', ['b', 'h*w']);
  checkShape('Float[Tensor, "n+1"]', ['n+1']);
  checkShape('Float[Tensor, "dim-1"]', ['dim-1']);
  checkShape('Float[Tensor, "2*n c"]', ['2*n', 'c']);
});

test('jaxtyping: an empty shape string is a scalar', () => {
  checkShape('Float[Tensor, ""]', []);
});

test('jaxtyping: *batch is a named variadic group', () => {
  const decl = parseJaxtyping('Float[Tensor, "*batch n"]');
  assert.ok(decl !== null);
  assert.deepEqual(kinds(decl.dims), ['*batch', 'dim']);
  assert.equal(toShape(decl.dims), null);
});

test('jaxtyping: ... is an anonymous variadic group; alone it says nothing', () => {
  assert.deepEqual(kinds(parseJaxtyping('Float[Tensor, "... n"]')!.dims), ['*...', 'dim']);
  assert.equal(parseJaxtyping('Float[Tensor, "..."]')!.dims, null);
});

test('jaxtyping: #n is broadcastable and _ anonymous', () => {
  const decl = parseJaxtyping('Float[Tensor, "#n _ _name c"]')!;
  assert.deepEqual(kinds(decl.dims), ['#', '_', '_', 'dim']);
  assert.equal(toShape(decl.dims), null);
  // anonymous dims alone still give a shape with unknown dims
  assertShape(toShape(parseJaxtyping('Float[Tensor, "_ c"]')!.dims)!, ['?', 'c']);
});

test('jaxtyping: *#batch and #*batch both mean a broadcastable group', () => {
  for (const text of ['Float[Tensor, "*#batch n"]', 'Float[Tensor, "#*batch n"]']) {
    const first = parseJaxtyping(text)!.dims![0];
    assert.deepEqual(first, { kind: 'variadic', name: 'batch', broadcastable: true });
  }
});

test('jaxtyping: shape strings jaxtyping rejects are not read', () => {
  // two variadic groups
  assert.equal(parseJaxtyping('Float[Tensor, "*a *b"]'), null);
  assert.equal(parseJaxtyping('Float[Tensor, "... *b"]'), null);
  // an item that is neither a name, an int nor an expression
  assert.equal(parseJaxtyping('Float[Tensor, "b n!"]'), null);
  assert.equal(parseJaxtyping('Float[Tensor, "b (n"]'), null);
});

test('jaxtyping look-alikes are not annotations', () => {
  assert.equal(parseJaxtyping('List[Tensor]'), null);
  assert.equal(parseJaxtyping('Dict[str, "b n"]'), null);
  assert.equal(parseJaxtyping('Float'), null);
  assert.equal(parseJaxtyping('Float[Tensor]'), null);
  assert.equal(parseJaxtyping('Float[Tensor, shape]'), null);
  assert.equal(parseJaxtyping('Float[Tensor, "b n", "c"]'), null);
  assert.equal(parseJaxtyping('Tensor'), null);
  assert.equal(parseJaxtyping('Optional[Tensor]'), null);
  assert.equal(parseJaxtyping('Float[Tensor, f"{n} m"]'), null);
});

test('torchtyping: TensorType["batch", "n"]', () => {
  const decl = checkShape('TensorType["batch", "n"]', ['batch', 'n']);
  assert.equal(decl.source, 'torchtyping');
  assert.deepEqual(decl.dtype, { family: 'any' });
});

test('torchtyping: ints and a dtype argument', () => {
  const decl = checkShape('TensorType["b", 3, float]', ['b', 3]);
  assert.deepEqual(decl.dtype, { family: 'float', exact: 'float32' });
  assert.deepEqual(checkShape('TensorType["b", torch.long]', ['b']).dtype, { family: 'int', exact: 'int64' });
  assert.deepEqual(checkShape("TensorType['b', 'n', bool]", ['b', 'n']).dtype, { family: 'bool', exact: 'bool' });
});

test('torchtyping: ellipsis, named sizes and -1', () => {
  assert.deepEqual(kinds(parseTorchtyping('TensorType[..., "n"]')!.dims), ['*...', 'dim']);
  checkShape('TensorType["batch": 10, "n"]', [10, 'n']);
  assert.deepEqual(kinds(parseTorchtyping('TensorType["batch": ..., "c"]')!.dims), ['*batch', 'dim']);
  assertShape(toShape(parseTorchtyping('TensorType[-1, "n"]')!.dims)!, ['?', 'n']);
});

test('torchtyping: details such as is_named are ignored', () => {
  checkShape('TensorType["b", "n", is_named]', ['b', 'n']);
});

test('torchtyping look-alikes are not annotations', () => {
  assert.equal(parseTorchtyping('TensorType["b n"]'), null);
  assert.equal(parseTorchtyping('TensorType["b", "n", "x", ..., ...]'), null);
  assert.equal(parseTorchtyping('Tensor["b"]'), null);
  assert.equal(parseTorchtyping('TensorType["b", weird_thing]'), null);
  assert.equal(parseTorchtyping('TensorType[3.5]'), null);
});

test('TensorType alone and TensorType[float] say nothing about the shape', () => {
  assert.equal(parseTorchtyping('TensorType')!.dims, null);
  const decl = parseTorchtyping('TensorType[float]')!;
  assert.equal(decl.dims, null);
  assert.equal(decl.dtype.family, 'float');
});

test('malformed annotations never throw', () => {
  for (const text of ['', '[', 'Float[', 'Float[Tensor, "', 'TensorType[[[', '"""', 'Float[Tensor, "b"]]', 'TensorType["a": ]']) {
    assert.doesNotThrow(() => parseTensorAnnotation(text), text);
    assert.equal(parseTensorAnnotation(text), null, text);
  }
});

test('Optional[...], Union[..., None] and "| None" wrap a declaration', () => {
  for (const text of ['Optional[Float[Tensor, "b n"]]', 'typing.Optional[TensorType["b", "n"]]', 'Union[Float[Tensor, "b n"], None]', 'Float[Tensor, "b n"] | None', 'None | Float[Tensor, "b n"]']) {
    const decl = parseTensorAnnotation(text);
    assert.ok(decl !== null, text);
    assert.equal(decl.optional, true, text);
    assertShape(toShape(decl.dims)!, ['b', 'n'], text);
  }
  assert.equal(parseTensorAnnotation('Float[Tensor, "b n"]')!.optional, undefined);
  assert.equal(parseTensorAnnotation('Union[Float[Tensor, "b n"], Int[Tensor, "b"]]'), null);
  assert.equal(parseTensorAnnotation('Optional[int]'), null);
  assert.equal(parseTensorAnnotation('Float[Tensor, "b n"] | Int[Tensor, "b"]'), null);
});
