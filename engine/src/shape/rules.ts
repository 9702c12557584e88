// One shape rule per op family. Kernels call these with all-number shapes and the analysis
// calls them with symbolic ones, so the shape a kernel produces and the shape the analysis
// predicts come from the same code. A rule throws ShapeError exactly when torch would raise
// (for symbolic dims: when the code only works if two distinct symbols are equal).
export * from './broadcast';
export * from './matmul';
export * from './views';
export * from './joins';
export * from './indexing';
export * from './nn';
export * from './einsum';
