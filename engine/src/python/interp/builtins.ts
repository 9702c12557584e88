// Python builtins that tensor code uses: len, range, int/float, list/tuple, zip, enumerate,
// isinstance, min/max on ints, print. Anything else evaluates to UNKNOWN.
import type { SyntaxNode } from '../syntax';
import { shapeNumel, unknownDim } from '../../shape/dim';
import { getAttr } from './access';
import { bigIntValue, exactInt } from './arith';
import { callOp } from './calls';
import { PyError } from './context';
import { iterate } from './iteration';
import type { Arg, Machine } from './machine';
import { reprOf, strOf } from './pyFormat';
import type { Scope } from './scope';
import { UNKNOWN, NONE, concreteInt, concreteNumber, intValue, truthy, tuple, type Value } from './values';

export function builtinCall(m: Machine, name: string, args: Arg[], kwargs: Map<string, Arg>, node: SyntaxNode, _scope: Scope): Value {
  const v = args.map((a) => a.value);
  const limit = m.ctx.loopLimit;
  if ((name === 'int' || name === 'float') && v[0]?.kind === 'tensor') {
    // int(t) / float(t) read the one element, as torch does (bool(t) is truthiness, below);
    // in analysis the item rule proves the error for a tensor of a known other size.
    const item = callOp(m, 'Tensor.item', [args[0]], new Map(), node);
    if (m.ctx.mode !== 'run') return item.kind === 'unknown' ? (name === 'int' ? { kind: 'int', value: unknownDim() } : { kind: 'float', value: null }) : builtinCall(m, name, [{ value: item, syntax: args[0].syntax }], kwargs, node, _scope);
    return builtinCall(m, name, [{ value: item, syntax: args[0].syntax }], kwargs, node, _scope);
  }
  switch (name) {
    case 'len': {
      const x = v[0];
      if (!x) return UNKNOWN;
      if (x.kind === 'tensor') return x.shape && x.shape.length > 0 ? intValue(x.shape[0]) : { kind: 'int', value: unknownDim() };
      if (x.kind === 'tuple' || x.kind === 'list') return intValue(x.items.length);
      if (x.kind === 'dict') return intValue(x.entries.size);
      if (x.kind === 'str') return intValue(x.value.length);
      if (x.kind === 'nn' && (x.type === 'Sequential' || x.type === 'ModuleList')) return intValue(x.children.length);
      return { kind: 'int', value: unknownDim() };
    }
    case 'numel': {
      const x = v[0];
      return x && x.kind === 'tuple' && x.items.every((i) => i.kind === 'int') ? intValue(shapeNumel(x.items.map((i) => (i.kind === 'int' ? i.value : unknownDim())))) : UNKNOWN;
    }
    case 'range': {
      const nums = v.map(concreteInt);
      if (nums.some((n) => n === null) || v.length === 0) return { kind: 'range', start: null, stop: null, step: null };
      const [a, b, c] = v.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
      return { kind: 'range', start: a, stop: b, step: c };
    }
    case 'int': {
      const x = v[0];
      if (!x) return intValue(0);
      if (x.kind === 'int') return x;
      const n = concreteNumber(x);
      // Python ints are exact: digits and whole floats past 2^53 become BigInts, not rounded numbers.
      if (x.kind === 'str') return /^\s*-?\d+\s*$/.test(x.value) ? bigIntValue(BigInt(x.value.trim())) : UNKNOWN;
      if (n !== null && !Number.isFinite(n)) {
        if (m.ctx.mode !== 'run') return { kind: 'int', value: unknownDim() };
        throw new PyError(Number.isNaN(n) ? 'ValueError' : 'OverflowError', Number.isNaN(n) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      }
      return n === null ? { kind: 'int', value: unknownDim() } : bigIntValue(BigInt(Math.trunc(n)));
    }
    case 'float': {
      const x = v[0];
      if (!x) return { kind: 'float', value: 0 };
      if (x.kind === 'str') {
        const s = x.value.trim().toLowerCase();
        return { kind: 'float', value: s === 'inf' ? Infinity : s === '-inf' ? -Infinity : s === 'nan' ? NaN : Number.isNaN(Number(s)) ? null : Number(s) };
      }
      return { kind: 'float', value: concreteNumber(x) };
    }
    case 'bool':
      return { kind: 'bool', value: v[0] ? truthy(v[0], m.ctx.mode === 'run') : false };
    case 'str':
    case 'repr': {
      const x = v[0];
      if (!x) return name === 'str' ? { kind: 'str', value: '' } : UNKNOWN;
      if (x.kind === 'str' && name === 'str') return x;
      // A tensor's text in analysis would be its sample's, not the program's.
      if (x.kind === 'tensor' && m.ctx.mode !== 'run') return UNKNOWN;
      const text = name === 'str' ? strOf(x) : reprOf(x);
      return text === null ? UNKNOWN : { kind: 'str', value: text };
    }
    case 'list':
    case 'tuple': {
      if (!v[0]) return { kind: name, items: [] };
      const items = iterate(v[0], limit);
      return items ? { kind: name, items: [...items] } : UNKNOWN;
    }
    case 'dict':
      return { kind: 'dict', entries: new Map([...kwargs].map(([k, a]) => [k, a.value])) };
    case 'zip': {
      const lists = v.map((x) => iterate(x, limit));
      if (lists.some((l) => l === null)) return UNKNOWN;
      const n = Math.min(...lists.map((l) => l!.length));
      return { kind: 'list', items: Array.from({ length: n }, (_, i) => tuple(lists.map((l) => l![i]))) };
    }
    case 'enumerate': {
      const items = v[0] ? iterate(v[0], limit) : null;
      const start = v[1] ? concreteInt(v[1]) ?? 0 : 0;
      return items ? { kind: 'list', items: items.map((x, i) => tuple([intValue(start + i), x])) } : UNKNOWN;
    }
    case 'reversed': {
      const items = v[0] ? iterate(v[0], limit) : null;
      return items ? { kind: 'list', items: [...items].reverse() } : UNKNOWN;
    }
    case 'isinstance': {
      const [x, t] = v;
      if (!x || !t || x.kind === 'unknown') return { kind: 'bool', value: null };
      if (t.kind === 'ref' && (t.qualname === 'torch.Tensor' || t.qualname === 'torch.nn.Parameter')) return { kind: 'bool', value: x.kind === 'tensor' ? true : null };
      return { kind: 'bool', value: null };
    }
    case 'min':
    case 'max': {
      const items = v.length === 1 ? iterate(v[0], limit) : v;
      if (!items || items.length === 0) return UNKNOWN;
      const nums = items.map(concreteNumber);
      if (nums.some((n) => n === null)) return items.every((i) => i.kind === 'int') ? { kind: 'int', value: unknownDim() } : UNKNOWN;
      const best = name === 'min' ? Math.min(...(nums as number[])) : Math.max(...(nums as number[]));
      return items[nums.indexOf(best)];
    }
    case 'abs': {
      const n = v[0] ? concreteNumber(v[0]) : null;
      const exact = v[0] ? exactInt(v[0]) : null;
      // A non-concrete int here is a size (never negative); a big one is exact.
      if (exact !== null && v[0]?.kind === 'int') return bigIntValue(exact < 0n ? -exact : exact);
      if (v[0]?.kind === 'int') return n === null ? v[0] : intValue(Math.abs(n));
      return n === null ? UNKNOWN : { kind: 'float', value: Math.abs(n) };
    }
    case 'round': {
      const n = v[0] ? concreteNumber(v[0]) : null;
      return n === null ? UNKNOWN : v.length > 1 ? { kind: 'float', value: n } : intValue(Math.round(n));
    }
    case 'getattr': {
      // getattr on an object the analysis built is fine; on a module it could reach anything.
      const [obj, attr] = v;
      if (!obj || !attr || attr.kind !== 'str' || obj.kind === 'ref') return v[2] ?? UNKNOWN;
      const r = getAttr(m, obj, attr.value, node, args[0].syntax);
      return r.kind === 'unknown' && v[2] ? v[2] : r;
    }
    case 'hasattr':
      return { kind: 'bool', value: null };
    case 'print':
      if (m.ctx.mode === 'run') printCall(m, v, kwargs, node);
      return NONE;
    case 'setattr':
      return NONE;
    case 'type':
      // type(e).__name__ of a caught exception, or of an instance of the file's own class.
      return v.length === 1 && v[0].kind === 'instance' ? v[0].cls : UNKNOWN;
    case 'super':
      return { kind: 'ref', qualname: 'builtins.super()' };
    default:
      return UNKNOWN;
  }
}

/** print(*args, sep=' ', end='\n') in run mode: the text goes to the run's output. */
function printCall(m: Machine, v: Value[], kwargs: Map<string, Arg>, node: SyntaxNode): void {
  // Output to a file object (`file=sys.stderr`, an open file) is not the cell's output.
  const file = kwargs.get('file')?.value;
  if (file && file.kind !== 'none') return;
  const textArg = (name: string, fallback: string): string => {
    const a = kwargs.get(name)?.value;
    if (!a || a.kind === 'none') return fallback;
    if (a.kind === 'str') return a.value;
    throw new PyError('TypeError', `${name} must be None or a string, not ${a.kind}`);
  };
  const sep = textArg('sep', ' ');
  const end = textArg('end', '\n');
  const parts: string[] = [];
  v.forEach((value, i) => {
    // An unknown value is marked as such (never guessed), and the cell runs on: stopping a
    // run at `print(model)` would hide everything after it.
    const s = strOf(value);
    parts.push(s ?? `<${node.namedChildren[1]?.namedChildren[i]?.text ?? 'value'}: not known to TensorLint>`);
  });
  const call = node.text.split('\n')[0].slice(0, 60);
  m.ctx.write(node.startPosition.row, call, parts.join(sep) + end);
}
