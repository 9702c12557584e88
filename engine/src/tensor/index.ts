// engine/src/tensor: a small ndarray with torch semantics. Everything here is a plain
// function of tensors and JS values; Python scalars are `bigint` (int), `number` (float) and
// `boolean` (bool). See docs/engine.md, section "engine/src/tensor API".
export { Tensor, isTensor, numelOf, contiguousStrides, fromStorage, scalarTensor, toList, item, toNumber, toDType, clone, contiguous, readData } from './tensor';
export type { NestedList } from './tensor';
export type { DType, Scalar, Storage } from './dtype';
export { DEFAULT_FLOAT, isFloating, isIntegral, parseDType, promoteTypes, torchDTypeName, scalarTypeName } from './dtype';
export { TorchError, withTorchErrors } from './errors';
export type { TorchErrorType } from './errors';
export { floatResultType, resultType } from './promotion';
export type { Operand } from './promotion';
export * from './create';
export * from './unary';
export * from './binary';
export * from './reduce';
export * from './shapeOps';
export * from './matmul';
export * from './indexing';
export * from './nn';
export * from './random';
export * from './sort';
export { formatTensor, formatSize, DEFAULT_PRINT_OPTIONS } from './format';
export type { PrintOptions } from './format';
export { broadcastShapes, normalizeDim } from './shapes';

import { toDType, type Tensor } from './tensor';

/** `x.float()`, `x.double()`, `x.long()`, `x.bool()`. */
export const toFloat = (x: Tensor): Tensor => toDType(x, 'float32');
export const toDouble = (x: Tensor): Tensor => toDType(x, 'float64');
export const toLong = (x: Tensor): Tensor => toDType(x, 'int64');
export const toBool = (x: Tensor): Tensor => toDType(x, 'bool');
