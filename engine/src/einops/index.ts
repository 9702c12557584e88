// einops for the engine: the pattern parser, shape rules on symbolic shapes (what the
// analysis uses), and the same rules executed on concrete tensors (what `run` uses).
export { EinopsError } from './errors';
export type { AxesLengths } from './axes';
export { parseSide, splitArrow, PatternSyntaxError } from './pattern';
export type { Axis, Slot, PatternSide } from './pattern';
export { REDUCTIONS, isReduction, prepareRecipe, resolveLengths } from './recipe';
export type { Reduction, Recipe, RecipeOp } from './recipe';
export { planShape, rearrangeShape, reduceShape, repeatShape, parseShapeOf } from './shapeRules';
export type { PlannedShape } from './shapeRules';
export { einsumShape, compileEinsumPattern, einsumPlanShape } from './einsum';
export type { EinsumPlan } from './einsum';
export { packShapes, unpackShapes, analyzePackPattern } from './pack';
export type { PackedShapes } from './pack';
export { rearrange, reduce, repeat, einsum, pack, unpack, parseShape } from './concrete';
