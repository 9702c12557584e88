// Public surface of the torch API table (see docs/engine.md, "engine/src/torch").
export type { DTypeName, MetaResult, MetaTensor, OpEntry, ParamKind, ParamSpec } from './types';
export { ALL_OPS, callConcrete, callMeta, findOp } from './table';
export { bindArgs } from './bind';
export { MetaUnknown } from './metaShapes';
export { dtypeValue, isDTypeValue, isMetaTensor, type DTypeValue } from './values';
export { einsumShape } from './ops/matmul';
