// Python's exception classes as `run` meets them in `except` clauses: which builtin classes
// catch which error (the part of the hierarchy torch and the interpreter raise), and the value
// an `except ... as e` binds. A clause naming any other class cannot be decided, so `run`
// reports it as unsupported rather than guessing whether it catches.
import type { SyntaxNode } from '../syntax';
import { PyError } from './context';
import type { ClassValue, InstanceValue, Value } from './values';

const PARENT: Record<string, string> = {
  Exception: 'BaseException',
  ArithmeticError: 'Exception',
  ZeroDivisionError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  FloatingPointError: 'ArithmeticError',
  LookupError: 'Exception',
  IndexError: 'LookupError',
  KeyError: 'LookupError',
  RuntimeError: 'Exception',
  NotImplementedError: 'RuntimeError',
  RecursionError: 'RuntimeError',
  ValueError: 'Exception',
  TypeError: 'Exception',
  NameError: 'Exception',
  AttributeError: 'Exception',
  AssertionError: 'Exception',
  StopIteration: 'Exception',
  // einops.EinopsError subclasses RuntimeError.
  EinopsError: 'RuntimeError',
};

const KNOWN = new Set([...Object.keys(PARENT), 'BaseException']);

/** Whether `handlerClass` catches an error of type `raised`; null when the class is not a known builtin. */
export function catches(handlerClass: string, raised: string): boolean | null {
  const name = handlerClass.replace(/^builtins\./, '');
  if (!KNOWN.has(name)) return null;
  for (let t: string | undefined = raised; t; t = PARENT[t]) if (t === name) return true;
  return false;
}

/** Whether an except clause may catch `raised`: a class the analysis cannot place may, so it stays silent. */
export function mayCatch(clause: SyntaxNode, raised: string): boolean {
  const { classes } = handlerParts(clause);
  return classes === null || classes.some((c) => catches(c.text, raised) !== false);
}

/** The classes an except clause names (none for a bare `except:`), and its `as` target. */
export function handlerParts(clause: SyntaxNode): { classes: SyntaxNode[] | null; target: SyntaxNode | null } {
  const head = clause.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment');
  if (!head) return { classes: null, target: null };
  let expr: SyntaxNode = head;
  let target: SyntaxNode | null = null;
  if (head.type === 'as_pattern') {
    expr = head.namedChildren[0];
    target = head.namedChildren.find((c) => c.type === 'as_pattern_target')?.namedChildren[0] ?? null;
  }
  const inner = expr.type === 'parenthesized_expression' ? expr.namedChildren[0] ?? expr : expr;
  const classes = inner.type === 'tuple' ? inner.namedChildren : [inner];
  return { classes, target };
}

/** The first clause that catches `error`, or null; throws UnsupportedError where it cannot tell. */
export function matchingHandler(clauses: readonly SyntaxNode[], error: PyError): SyntaxNode | null {
  for (const clause of clauses) {
    const { classes } = handlerParts(clause);
    if (classes === null) return clause;
    for (const c of classes) {
      const verdict = catches(c.text, error.type);
      if (verdict === null) throw new PyError('UnsupportedError', `except ${c.text}: TensorLint cannot tell whether it catches ${error.type}`);
      if (verdict) return clause;
    }
  }
  return null;
}

/** The `e` of `except ... as e`: str(e) is the message, e.args holds it. */
export function exceptionValue(error: PyError, clause: SyntaxNode): InstanceValue {
  const cls: ClassValue = { kind: 'class', name: error.type, def: clause, attrs: new Map(), bases: [], isModule: false };
  const message: Value = { kind: 'str', value: error.message };
  return { kind: 'instance', cls, attrs: new Map<string, Value>([['args', { kind: 'tuple', items: [message] }], [EXCEPTION_MESSAGE, message]]) };
}

/** The attribute under which an exception instance keeps its message for str(). */
export const EXCEPTION_MESSAGE = '__tensorlint_message__';
