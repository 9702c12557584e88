import { registerRule } from '../registry';

export const suspiciousBroadcast = registerRule({
  code: 'suspicious-broadcast',
  category: 'shape',
  defaultSeverity: 'warning',
  summary: 'A broadcast that succeeds but silently computes every pair instead of elementwise, or lines a reduced value up with the wrong dim.',
  docs: {
    whatItDoes: 'Reports `(n,)` combined with `(n, 1)` (which grows to `(n, n)`), and a reduction over a non-leading dim without `keepdim` combined back with its own source tensor (on a square tensor it broadcasts along the last dim instead of the reduced one).',
    whyBad: 'No error is raised: the result has a plausible shape and wrong values, and the loss quietly trains on the wrong thing.',
    example: 'def f(x):\n    """x: shape (n, n)"""\n    return x - x.mean(dim=1)     # subtracts row means from columns',
    useInstead: 'def f(x):\n    """x: shape (n, n)"""\n    return x - x.mean(dim=1, keepdim=True)',
    fixSafety: 'No automatic fix: which dim was meant is a decision.',
  },
});
