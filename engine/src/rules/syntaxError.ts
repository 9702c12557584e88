import { registerRule } from './registry';

export const syntaxErrorRule = registerRule({
  code: 'syntax-error',
  category: 'syntax',
  defaultSeverity: 'error',
  summary: 'The file does not parse as Python; the rest of the file is still analyzed.',
  docs: {
    whatItDoes: 'Reports the places where the Python parser could not make sense of the text.',
    whyBad: 'Python refuses to run a file with a syntax error, and code around the error cannot be analyzed precisely.',
    example: 'def f(x:\n    return x',
    useInstead: 'def f(x):\n    return x',
    fixSafety: 'No automatic fix.',
  },
});
