// Elementwise entries: unary math, binary arithmetic and comparisons (with their operator
// spellings), clamp, where, nan_to_num and the activation functions.
import * as bin from '../../tensor/binary';
import type { Operand } from '../../tensor/promotion';
import * as un from '../../tensor/unary';
import { runtimeError } from '../../tensor/errors';
import { scalarTypeName, type DType } from '../../tensor/dtype';
import { toDType, type Tensor } from '../../tensor/tensor';
import { floatResultType, mt, op, promote, shapeOf, dtypeOf } from '../define';
import { broadcast, broadcastAll } from '../metaShapes';
import type { OpEntry } from '../types';
import { typeError, type Args } from '../values';

type Rule = 'float' | 'same' | 'bool';

interface UnarySpec {
  name: string;
  rule: Rule;
  fn: (x: Tensor) => Tensor;
  extra?: string[];
  noBool?: boolean;
  /** torch has only floating kernels: ints and bools raise `"<name>_cpu" not implemented`. */
  floatOnly?: boolean;
}

const UNARY: UnarySpec[] = [
  { name: 'exp', rule: 'float', fn: un.exp },
  { name: 'log', rule: 'float', fn: un.log },
  { name: 'log1p', rule: 'float', fn: un.log1p, extra: ['torch.special.log1p'] },
  { name: 'expm1', rule: 'float', fn: un.expm1, extra: ['torch.special.expm1'] },
  { name: 'log2', rule: 'float', fn: un.log2 },
  { name: 'log10', rule: 'float', fn: un.log10 },
  { name: 'sqrt', rule: 'float', fn: un.sqrt },
  { name: 'rsqrt', rule: 'float', fn: un.rsqrt },
  { name: 'sin', rule: 'float', fn: un.sin },
  { name: 'cos', rule: 'float', fn: un.cos },
  { name: 'tan', rule: 'float', fn: un.tan },
  { name: 'tanh', rule: 'float', fn: un.tanh, extra: ['torch.nn.functional.tanh'] },
  { name: 'sigmoid', rule: 'float', fn: un.sigmoid, extra: ['torch.nn.functional.sigmoid'] },
  { name: 'reciprocal', rule: 'float', fn: un.reciprocal },
  { name: 'erf', rule: 'float', fn: un.erfFn, extra: ['torch.special.erf'] },
  { name: 'relu', rule: 'same', fn: un.relu, extra: ['torch.nn.functional.relu'], noBool: true },
  { name: 'neg', rule: 'same', fn: un.neg, extra: ['torch.negative', 'Tensor.negative', 'operator.neg'] },
  { name: 'abs', rule: 'same', fn: un.abs, extra: ['torch.absolute', 'Tensor.absolute'], noBool: true },
  { name: 'sign', rule: 'same', fn: un.sign },
  { name: 'square', rule: 'same', fn: un.square },
  { name: 'floor', rule: 'same', fn: un.floor, noBool: true },
  { name: 'ceil', rule: 'same', fn: un.ceil, noBool: true },
  { name: 'trunc', rule: 'same', fn: un.trunc, noBool: true },
  { name: 'round', rule: 'same', fn: un.round, noBool: true },
  { name: 'frac', rule: 'same', fn: un.frac, floatOnly: true },
  { name: 'logical_not', rule: 'bool', fn: un.logicalNot },
  { name: 'isnan', rule: 'bool', fn: un.isnan },
  { name: 'isinf', rule: 'bool', fn: un.isinf },
  { name: 'isfinite', rule: 'bool', fn: un.isfinite },
];

/** torch's wording where a unary op refuses bool input. */
const BOOL_ERRORS: Record<string, string> = {
  relu: 'Boolean inputs not supported for relu',
  floor: `"floor_vml_cpu" not implemented for 'Bool'`,
  ceil: `"ceil_vml_cpu" not implemented for 'Bool'`,
  trunc: `"trunc_vml_cpu" not implemented for 'Bool'`,
  round: `"round_vml_cpu" not implemented for 'Bool'`,
};

function unaryDType(name: string, rule: Rule, d: DType): DType {
  // square is pow(x, 2): a bool tensor squares as int64, like bool ** 2.
  if (name === 'square' && d === 'bool') return 'int64';
  return rule === 'float' ? floatResultType(d) : rule === 'bool' ? 'bool' : d;
}

function unaryEntry(spec: UnarySpec): OpEntry {
  return op({
    names: [`torch.${spec.name}`, `Tensor.${spec.name}`, ...(spec.extra ?? [])],
    sig: 'input',
    family: 'elementwise',
    check(a) {
      const d = dtypeOf(a.value('input'));
      if (spec.name === 'neg' && d === 'bool') {
        throw runtimeError(
          'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
        );
      }
      if (spec.noBool && d === 'bool') throw runtimeError(BOOL_ERRORS[spec.name] ?? `"${spec.name}_cpu" not implemented for 'Bool'`);
      if (spec.floatOnly && (d === 'bool' || d === 'int64')) throw runtimeError(`"${spec.name}_cpu" not implemented for '${scalarTypeName(d)}'`);
    },
    meta: (a) => {
      const x = a.meta('input');
      return mt(x.shape, unaryDType(spec.name, spec.rule, x.dtype));
    },
    kernel(a) {
      const x = a.tensor('input');
      return spec.name === 'square' && x.dtype === 'bool' ? spec.fn(toDType(x, 'int64')) : spec.fn(x);
    },
  });
}

type BinaryFn = (a: Operand, b: Operand) => Tensor;

interface BinarySpec {
  names: string[];
  sig?: string;
  rule: 'common' | 'float' | 'bool';
  fn: (a: Args) => Tensor;
  /** The operand order for reflected operators (`2 - x` is rsub(x, 2) = 2 - x). */
  reflected?: boolean;
}

function operands(a: Args, reflected: boolean | undefined): [unknown, unknown] {
  const x = a.operand('input');
  const y = a.operand('other');
  return reflected ? [y, x] : [x, y];
}

function binaryDType(rule: BinarySpec['rule'], x: unknown, y: unknown): DType {
  const common = promote(x, y);
  if (rule === 'bool') return 'bool';
  if (rule === 'float') return floatResultType(common);
  return common;
}

function plain(fn: BinaryFn, reflected?: boolean): (a: Args) => Tensor {
  return (a) => {
    const [x, y] = operands(a, reflected);
    return fn(x as Operand, y as Operand);
  };
}

/** torch's checks that depend only on dtypes, shared by meta and kernel. */
function binaryCheck(name: string, x: unknown, y: unknown): void {
  if (name !== 'sub') return;
  // torch's sub_check: any bool operand (a Python bool is wrapped as a bool tensor) raises.
  const xb = dtypeOf(x) === 'bool';
  const yb = dtypeOf(y) === 'bool';
  if (xb && yb) {
    throw runtimeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  }
  if (xb || yb) {
    throw runtimeError(
      'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
}

const BINARY: BinarySpec[] = [
  { names: ['torch.add', 'Tensor.add', 'operator.add', 'operator.radd'], sig: 'input, other, *, alpha=None', rule: 'common',
    fn: (a) => bin.add(a.operand('input') as Operand, a.operand('other') as Operand, a.has('alpha') ? a.scalar('alpha') : undefined) },
  { names: ['torch.sub', 'Tensor.sub', 'torch.subtract', 'operator.sub'], sig: 'input, other, *, alpha=None', rule: 'common',
    fn: (a) => bin.sub(a.operand('input') as Operand, a.operand('other') as Operand, a.has('alpha') ? a.scalar('alpha') : undefined) },
  { names: ['torch.rsub', 'operator.rsub'], rule: 'common', fn: plain(bin.sub, true), reflected: true },
  { names: ['torch.mul', 'Tensor.mul', 'torch.multiply', 'operator.mul', 'operator.rmul'], rule: 'common', fn: plain(bin.mul) },
  { names: ['torch.div', 'Tensor.div', 'torch.divide', 'torch.true_divide', 'operator.truediv'], rule: 'float', fn: plain(bin.div) },
  { names: ['operator.rtruediv'], rule: 'float', fn: plain(bin.div, true), reflected: true },
  { names: ['torch.floor_divide', 'Tensor.floor_divide', 'operator.floordiv'], rule: 'common', fn: plain(bin.floorDivide) },
  { names: ['operator.rfloordiv'], rule: 'common', fn: plain(bin.floorDivide, true), reflected: true },
  { names: ['torch.remainder', 'Tensor.remainder', 'operator.mod'], rule: 'common', fn: plain(bin.remainder) },
  { names: ['operator.rmod'], rule: 'common', fn: plain(bin.remainder, true), reflected: true },
  { names: ['torch.pow', 'Tensor.pow', 'operator.pow'], sig: 'input, exponent', rule: 'common',
    fn: (a) => bin.pow(a.operand('input') as Operand, a.operand('exponent') as Operand) },
  { names: ['operator.rpow'], rule: 'common', fn: plain(bin.pow, true), reflected: true },
  { names: ['torch.maximum', 'Tensor.maximum'], rule: 'common', fn: plain(bin.maximum) },
  { names: ['torch.minimum', 'Tensor.minimum'], rule: 'common', fn: plain(bin.minimum) },
  { names: ['torch.eq', 'Tensor.eq', 'operator.eq'], rule: 'bool', fn: plain(bin.eq) },
  { names: ['torch.ne', 'Tensor.ne', 'torch.not_equal', 'operator.ne'], rule: 'bool', fn: plain(bin.ne) },
  { names: ['torch.lt', 'Tensor.lt', 'torch.less', 'operator.lt'], rule: 'bool', fn: plain(bin.lt) },
  { names: ['torch.le', 'Tensor.le', 'torch.less_equal', 'operator.le'], rule: 'bool', fn: plain(bin.le) },
  { names: ['torch.gt', 'Tensor.gt', 'torch.greater', 'operator.gt'], rule: 'bool', fn: plain(bin.gt) },
  { names: ['torch.ge', 'Tensor.ge', 'torch.greater_equal', 'operator.ge'], rule: 'bool', fn: plain(bin.ge) },
  { names: ['torch.logical_and', 'Tensor.logical_and'], rule: 'bool', fn: plain(bin.logicalAnd) },
  { names: ['torch.logical_or', 'Tensor.logical_or'], rule: 'bool', fn: plain(bin.logicalOr) },
  { names: ['torch.logical_xor', 'Tensor.logical_xor'], rule: 'bool', fn: plain(bin.logicalXor) },
  { names: ['torch.bitwise_and', 'Tensor.bitwise_and', 'operator.and_'], rule: 'common', fn: plain(bin.bitwiseAnd) },
  { names: ['torch.bitwise_or', 'Tensor.bitwise_or', 'operator.or_'], rule: 'common', fn: plain(bin.bitwiseOr) },
  { names: ['torch.bitwise_xor', 'Tensor.bitwise_xor', 'operator.xor'], rule: 'common', fn: plain(bin.bitwiseXor) },
];

function binaryEntry(spec: BinarySpec): OpEntry {
  const second = spec.sig?.includes('exponent') ? 'exponent' : 'other';
  const pair = (a: Args): [unknown, unknown] => {
    const x = a.operand('input');
    const y = a.operand(second);
    return spec.reflected ? [y, x] : [x, y];
  };
  const name = spec.names[0].slice(spec.names[0].lastIndexOf('.') + 1).replace(/^r(sub)$/, '$1');
  return op({
    names: spec.names,
    sig: spec.sig ?? 'input, other',
    family: 'elementwise',
    check(a) {
      const [x, y] = pair(a);
      binaryCheck(name, x, y);
      const common = promote(x, y);
      if (spec.names[0].startsWith('torch.bitwise') && (common === 'float32' || common === 'float64')) {
        throw runtimeError(`"${spec.names[0].slice(6)}_cpu" not implemented for '${scalarTypeName(common)}'`);
      }
      // bool ** bool (tensors or Python bools) has no kernel; an int on either side makes it int64.
      if ((name === 'pow' || name === 'rpow') && common === 'bool') throw runtimeError(`"pow" not implemented for 'Bool'`);
      if ((name === 'remainder' || name === 'rmod') && common === 'bool') throw runtimeError(`"remainder_cpu" not implemented for 'Bool'`);
    },
    meta(a) {
      const [x, y] = pair(a);
      return mt(broadcast(shapeOf(x), shapeOf(y)), binaryDType(spec.rule, x, y));
    },
    kernel: spec.fn,
  });
}

const invert = op({
  names: ['torch.bitwise_not', 'Tensor.bitwise_not', 'operator.invert'],
  sig: 'input',
  family: 'elementwise',
  check(a) {
    const d = dtypeOf(a.value('input'));
    if (d === 'float32' || d === 'float64') throw typeError('~ (operator.invert) is only implemented on integer and Boolean-type tensors');
  },
  meta: (a) => mt(a.meta('input').shape, a.meta('input').dtype),
  kernel(a) {
    const x = a.tensor('input');
    return x.dtype === 'bool' ? un.logicalNot(x) : bin.sub(un.neg(x), 1n);
  },
});

const clampEntry = op({
  names: ['torch.clamp', 'Tensor.clamp', 'torch.clip', 'Tensor.clip'],
  sig: 'input, min=None, max=None',
  family: 'elementwise',
  check(a) {
    if (!a.has('min') && !a.has('max')) throw runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  },
  meta(a) {
    const x = a.meta('input');
    const lo = a.optionalOperand('min');
    const hi = a.optionalOperand('max');
    const parts = [x, ...(lo === null ? [] : [lo]), ...(hi === null ? [] : [hi])];
    return mt(broadcastAll(parts.map(shapeOf)), promote(...parts));
  },
  kernel: (a) => bin.clamp(a.tensor('input'), a.optionalOperand('min') as Operand | null, a.optionalOperand('max') as Operand | null),
});

const whereEntry = op({
  names: ['torch.where', 'Tensor.where'],
  sig: 'condition, input, other',
  family: 'elementwise',
  check(a) {
    const d = dtypeOf(a.value('condition'));
    if (d !== 'bool') throw runtimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${scalarTypeName(d)}`);
  },
  meta(a) {
    const c = a.meta('condition');
    const x = a.operand('input');
    const y = a.operand('other');
    return mt(broadcastAll([c.shape as never, shapeOf(x), shapeOf(y)]), promote(x, y));
  },
  kernel: (a) => bin.where(a.tensor('condition'), a.operand('input') as Operand, a.operand('other') as Operand),
});

const nanToNum = op({
  names: ['torch.nan_to_num', 'Tensor.nan_to_num'],
  sig: 'input, nan=0.0, posinf=None, neginf=None',
  family: 'elementwise',
  meta: (a) => mt(a.meta('input').shape, a.meta('input').dtype),
  kernel: (a) => un.nanToNum(a.tensor('input'), a.number('nan'), a.optionalNumber('posinf'), a.optionalNumber('neginf')),
});

/**
 * An activation with only floating kernels: same dtype out, and torch's error naming its
 * kernel for int and bool inputs (raised even for empty ones).
 */
const floatActivation = (names: string[], kernelName: string, signature: string, fn: (a: Args) => Tensor): OpEntry =>
  op({
    names,
    sig: signature,
    family: 'elementwise',
    check(a) {
      const d = dtypeOf(a.value('input'));
      if (d === 'bool' || d === 'int64') throw runtimeError(`"${kernelName}" not implemented for '${scalarTypeName(d)}'`);
    },
    meta: (a) => mt(a.meta('input').shape, a.meta('input').dtype),
    kernel: fn,
  });

const gelu = floatActivation(['torch.nn.functional.gelu', 'torch.gelu'], 'GeluKernelImpl', 'input, *, approximate=\'none\'', (a) =>
  un.gelu(a.tensor('input'), a.str('approximate') as 'none' | 'tanh'));
const softplus = floatActivation(['torch.nn.functional.softplus'], 'softplus_cpu', 'input, beta=1, threshold=20', (a) =>
  un.softplus(a.tensor('input'), a.number('beta'), a.number('threshold')));
const logsigmoid = floatActivation(['torch.nn.functional.logsigmoid'], 'log_sigmoid_cpu', 'input', (a) => un.logsigmoid(a.tensor('input')));
const silu = floatActivation(['torch.nn.functional.silu'], 'silu_cpu', 'input', (a) => un.silu(a.tensor('input')));
const leakyRelu = floatActivation(['torch.nn.functional.leaky_relu'], 'leaky_relu_cpu', 'input, negative_slope=0.01, inplace=False', (a) =>
  un.leakyRelu(a.tensor('input'), a.number('negative_slope')));
const elu = floatActivation(['torch.nn.functional.elu'], 'elu_cpu', 'input, alpha=1.0, inplace=False', (a) => un.elu(a.tensor('input'), a.number('alpha')));

export const ELEMENTWISE: OpEntry[] = [
  ...UNARY.map(unaryEntry),
  ...BINARY.map(binaryEntry),
  invert,
  clampEntry,
  whereEntry,
  nanToNum,
  gelu,
  softplus,
  logsigmoid,
  silu,
  leakyRelu,
  elu,
];
