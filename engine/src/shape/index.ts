// Symbolic shapes. CONTRACT (implemented by the shape module; used by the torch table's
// `meta` functions AND by the tensor kernels with all-number shapes, so the shape a kernel
// produces and the shape the analysis predicts come from the same code).
//
// A Dim is a plain number or a normalized symbolic expression (named symbols, products,
// sums): (b, h*w) and (b, w*h) compare equal. Functions throw ShapeError exactly when torch
// would raise, with torch's exception type and a torch-like message.

export type { Dim, Shape } from './dim';
export { ShapeError } from './errors';
export * from './dim';
export * from './rules';
