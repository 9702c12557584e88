#!/usr/bin/python3
"""Writes test/golden/ops*.json: conformance cases for the torch API table, from real PyTorch.

Run with Debian's interpreter (it has python3-torch 1.13): /usr/bin/python3 scripts/golden/gen_goldens.py

A case is {id, call, args, kwargs, expect}. `call` is a qualified name of the table
('torch.sum', 'Tensor.view', 'operator.add', 'torch.nn.functional.softmax'); for Tensor.*
and operator.* the first argument is self. Values are encoded as:
  tensor  {"tensor": nested list ("inf"/"-inf"/"nan" strings), "dtype": "float32", "shape": [..]}
  int     {"int": n}        float {"float": x}     bool/str/None as JSON
  dtype   {"dtype": "int64"}   slice {"slice": [start, stop, step]}   Ellipsis {"ellipsis": true}
  a nested call {"call": name, "args": [...], "kwargs": {...}} is evaluated first (used for
  non-contiguous inputs such as a transposed tensor).
expect is {shape, dtype, values} | {tuple: [expect...]} | {python: value} |
{error: {type, message}} | {shape, dtype, stats: {mean: [lo, hi], std: [lo, hi]}} for random ops.
"""
import json
import math
import operator
import os
import sys
import warnings

import torch
import torch.nn.functional as F

warnings.filterwarnings('ignore')
torch.manual_seed(0)
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'golden')

DTYPES = {torch.float32: 'float32', torch.float64: 'float64', torch.int64: 'int64', torch.bool: 'bool'}


def enc_float(x):
    if math.isnan(x):
        return 'nan'
    if math.isinf(x):
        return 'inf' if x > 0 else '-inf'
    return x


def nested(t):
    if t.dtype in (torch.bool, torch.int64):
        return t.tolist()
    def walk(v):
        if isinstance(v, list):
            return [walk(x) for x in v]
        return enc_float(v)
    return walk(t.tolist())


class Call:
    """A nested call evaluated before the outer one (e.g. a transposed, non-contiguous input)."""

    def __init__(self, name, *args, **kwargs):
        self.name, self.args, self.kwargs = name, list(args), kwargs


def enc(v):
    if isinstance(v, Call):
        return {'call': v.name, 'args': [enc(a) for a in v.args], 'kwargs': {k: enc(x) for k, x in v.kwargs.items()}}
    if isinstance(v, torch.Tensor):
        return {'tensor': nested(v), 'dtype': DTYPES[v.dtype], 'shape': list(v.shape)}
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {'int': v}
    if isinstance(v, float):
        return {'float': enc_float(v)}
    if isinstance(v, torch.dtype):
        return {'dtype': DTYPES[v]}
    if isinstance(v, slice):
        return {'slice': [enc(v.start), enc(v.stop), enc(v.step)]}
    if v is Ellipsis:
        return {'ellipsis': True}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    raise TypeError(f'cannot encode {v!r}')


def expect_of(result):
    if isinstance(result, torch.Tensor):
        return {'shape': list(result.shape), 'dtype': DTYPES[result.dtype], 'values': nested(result)}
    if isinstance(result, torch.Size):
        return {'python': [{'int': s} for s in result]}
    if isinstance(result, (tuple, list)) and len(result) > 0 and all(isinstance(r, torch.Tensor) for r in result):
        return {'tuple': [expect_of(r) for r in result]}
    if isinstance(result, torch.dtype):
        return {'python': {'dtype': DTYPES[result]}}
    return {'python': enc(result)}


def resolve(v):
    if isinstance(v, Call):
        return invoke(v.name, [resolve(a) for a in v.args], {k: resolve(x) for k, x in v.kwargs.items()})
    if isinstance(v, list):
        return [resolve(x) for x in v]
    if isinstance(v, tuple):
        return tuple(resolve(x) for x in v)
    if isinstance(v, torch.Tensor):
        return v.clone()  # in-place ops must not change the shared inputs
    return v


PROPERTIES = {'shape', 'T', 'mT', 'ndim', 'dtype'}
OPERATORS = {
    'add': operator.add, 'radd': lambda a, b: b + a, 'sub': operator.sub, 'rsub': lambda a, b: b - a,
    'mul': operator.mul, 'rmul': lambda a, b: b * a, 'truediv': operator.truediv, 'rtruediv': lambda a, b: b / a,
    'floordiv': operator.floordiv, 'rfloordiv': lambda a, b: b // a, 'mod': operator.mod, 'rmod': lambda a, b: b % a,
    'pow': operator.pow, 'rpow': lambda a, b: b ** a, 'matmul': operator.matmul, 'neg': operator.neg,
    'pos': operator.pos, 'invert': operator.invert, 'and_': operator.and_, 'or_': operator.or_, 'xor': operator.xor,
    'lt': operator.lt, 'le': operator.le, 'gt': operator.gt, 'ge': operator.ge, 'eq': operator.eq, 'ne': operator.ne,
}


def invoke(name, args, kwargs):
    if name.startswith('operator.'):
        return OPERATORS[name[len('operator.'):]](*args, **kwargs)
    if name.startswith('Tensor.'):
        attr = name[len('Tensor.'):]
        if attr in PROPERTIES:
            return getattr(args[0], attr)
        return args[0][args[1]] if attr == '__getitem__' else getattr(args[0], attr)(*args[1:], **kwargs)
    target = torch
    for part in name.split('.')[1:]:
        target = getattr(target, part)
    return target(*args, **kwargs)


CASES = {}
COUNTS = {}


def case(family, name, *args, stats=None, **kwargs):
    """Records torch's result (or exception) for name(*args, **kwargs) in `family`'s file."""
    ident = f'{name}#{COUNTS.get(name, 0)}'
    COUNTS[name] = COUNTS.get(name, 0) + 1
    encoded_args = [enc(a) for a in args]
    encoded_kwargs = {k: enc(v) for k, v in kwargs.items()}
    try:
        result = invoke(name, [resolve(a) for a in args], {k: resolve(v) for k, v in kwargs.items()})
        if stats is not None:
            r = result.double()
            expect = {'shape': list(result.shape), 'dtype': DTYPES[result.dtype], 'stats': stats}
            if 'mean' in stats:
                assert stats['mean'][0] <= r.mean().item() <= stats['mean'][1], (name, r.mean().item())
            if 'std' in stats:
                assert stats['std'][0] <= r.std().item() <= stats['std'][1], (name, r.std().item())
        else:
            expect = expect_of(result)
    except Exception as e:  # torch raising is part of the contract
        expect = {'error': {'type': type(e).__name__, 'message': str(e).split('\n')[0]}}
    CASES.setdefault(family, []).append({
        'id': ident, 'call': name, 'args': encoded_args, 'kwargs': encoded_kwargs, 'expect': expect,
    })


def T(data, dtype=None):
    return torch.tensor(data, dtype=dtype)


def R(*shape, scale=1.0):
    return torch.randn(shape) * scale


nan, inf = float('nan'), float('inf')
EXTREME = T([[1000.0, -1000.0, 0.0], [1e-30, -1e-30, 88.0], [inf, -inf, nan], [89.0, -89.0, 1e30]])
MIXED = T([[1.5, -2.0, 3.25], [0.0, -0.5, 7.0]])
INTS = T([[3, -2, 0], [7, 5, -9]])
BOOLS = T([[True, False, True], [False, False, True]])
POS = T([[0.5, 1.0, 2.0], [1e-30, 10.0, 1000.0]])
EMPTY = torch.zeros(0, 3)


def gen_creation():
    f = 'creation'
    for data in [[1, 2, 3], [1.0, 2, 3], [[True, False]], [[1, 2], [3, 4]], [], [[1.5, inf], [nan, -inf]], 5, 2.5, True]:
        case(f, 'torch.tensor', data)
    for args, kw in [(([1, 2],), {'dtype': torch.float32}), (([1.7, -2.7],), {'dtype': torch.int64}),
                     (([0, 2],), {'dtype': torch.bool}), (([[1, 2], [3]],), {})]:
        case(f, 'torch.tensor', *args, **kw)
    for args in [(2, 3), ((2, 3),), ([0, 4],), ((),), (4,)]:
        case(f, 'torch.zeros', *args)
        case(f, 'torch.ones', *args)
    case(f, 'torch.zeros', 2, dtype=torch.int64)
    case(f, 'torch.ones', 2, 2, dtype=torch.bool)
    case(f, 'torch.ones', -1)
    for args, kw in [(((2, 2), 7), {}), (((2,), 1.5), {}), (((1, 2), True), {}), (((2,), 3), {'dtype': torch.float64})]:
        case(f, 'torch.full', *args, **kw)
    for args, kw in [((3,), {}), ((2, 4), {}), ((0,), {}), ((2,), {'dtype': torch.int64})]:
        case(f, 'torch.eye', *args, **kw)
    for args in [(5,), (2, 7), (0, 1, 0.25), (5, 0, -2), (1.5,), (0,), (3, 1), (0, 5, 0)]:
        case(f, 'torch.arange', *args)
    case(f, 'torch.arange', 4, dtype=torch.float32)
    for args, kw in [((0, 1, 5), {}), ((-1, 1, 1), {}), ((2, 3, 0), {}), ((0, 10), {'steps': 4})]:
        case(f, 'torch.linspace', *args, **kw)
    for like in ['zeros_like', 'ones_like']:
        case(f, f'torch.{like}', MIXED)
        case(f, f'torch.{like}', INTS)
        case(f, f'torch.{like}', INTS, dtype=torch.float32)
    case(f, 'torch.full_like', INTS, 2.7)
    case(f, 'torch.full_like', MIXED, 2)
    case(f, 'torch.empty', 2, 3, stats={})  # uninitialized memory: shape and dtype only
    case(f, 'torch.empty_like', INTS, stats={})
    case(f, 'torch.randn', 200, 50, stats={'mean': [-0.1, 0.1], 'std': [0.9, 1.1]})
    case(f, 'torch.randn', (3, 4), stats={'mean': [-3.0, 3.0]})
    case(f, 'torch.rand', 100, 100, stats={'mean': [0.45, 0.55], 'std': [0.25, 0.33]})
    case(f, 'torch.randint', 0, 10, (1000,), stats={'mean': [4.0, 5.0], 'std': [2.6, 3.2]})
    case(f, 'torch.randint', 5, (20, 3), stats={'mean': [0.0, 4.0]})
    case(f, 'torch.normal', 3.0, 2.0, (5000,), stats={'mean': [2.8, 3.2], 'std': [1.9, 2.1]})
    case(f, 'torch.randn_like', EXTREME, stats={'mean': [-3.0, 3.0]})
    case(f, 'torch.rand_like', MIXED, stats={'mean': [0.0, 1.0]})


UNARY = ['exp', 'log', 'log1p', 'expm1', 'log2', 'sqrt', 'rsqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'neg', 'abs',
         'isnan', 'isinf', 'isfinite', 'logical_not']
ROUNDING = ['sign', 'square', 'floor', 'ceil', 'trunc', 'round', 'reciprocal', 'erf', 'log10', 'tan']


def gen_elementwise():
    f = 'elementwise'
    for op in UNARY:
        case(f, f'torch.{op}', EXTREME)
        case(f, f'Tensor.{op}', MIXED)
        case(f, f'torch.{op}', INTS)
    for op in ROUNDING:
        case(f, f'torch.{op}', EXTREME)
        case(f, f'Tensor.{op}', INTS)
    for op in UNARY + ROUNDING:
        case(f, f'torch.{op}', BOOLS)
    for op in ['exp', 'log', 'sqrt', 'sigmoid', 'abs', 'neg', 'isnan', 'logical_not']:
        case(f, f'torch.{op}', EMPTY)
    case(f, 'torch.exp', T([100.0, 88.72, 88.73, -103.9, -104.0]))
    case(f, 'torch.exp', T([100.0, 710.0], dtype=torch.float64))
    case(f, 'torch.log', T([0.0, -1.0, 1e-45, 1e-30]))
    case(f, 'torch.nn.functional.gelu', EXTREME)
    case(f, 'torch.nn.functional.gelu', MIXED, approximate='tanh')
    case(f, 'torch.nn.functional.softplus', EXTREME)
    case(f, 'torch.nn.functional.softplus', MIXED, beta=2, threshold=1)
    case(f, 'torch.nn.functional.relu', MIXED)
    case(f, 'torch.sigmoid', T([-88.0, -89.0, -100.0, 20.0]))
    for a, b in [(MIXED, MIXED), (MIXED, T([1.0, 0.0, -1.0])), (T([[1.0], [2.0]]), T([10.0, 20.0, 30.0])),
                 (INTS, INTS), (INTS, 2), (INTS, 2.5), (MIXED, 2), (BOOLS, BOOLS), (BOOLS, INTS), (EXTREME, EXTREME),
                 (MIXED, T([1.0, 2.0])), (EMPTY, T([1.0, 2.0, 3.0])), (T(5.0), INTS), (T(5.0, dtype=torch.float64), MIXED),
                 (INTS, T(2.5, dtype=torch.float64)), (T([1, 2], dtype=torch.float64), T([1.0, 2.0]))]:
        for op in ['add', 'sub', 'mul', 'div']:
            case(f, f'torch.{op}', a, b)
    case(f, 'torch.add', MIXED, MIXED, alpha=2)
    case(f, 'torch.sub', INTS, 3, alpha=2)
    for op in ['floor_divide', 'remainder']:
        for a, b in [(INTS, 4), (INTS, -4), (MIXED, 0.75), (T([-7.5, 7.5, 1.0]), T([2.0, -2.0, 0.0])), (INTS, 0)]:
            case(f, f'torch.{op}', a, b)
    for a, b in [(MIXED, 2), (MIXED, 0.5), (INTS, 2), (INTS, -1), (INTS, 0.5), (POS, MIXED[0]), (T([0.0, -8.0]), T([-1.0, 1.0 / 3]))]:
        case(f, 'torch.pow', a, b)
    case(f, 'torch.pow', 2, INTS)
    # int64 pow wraps modulo 2^64 (powi's square-and-multiply); negative exponent tensors give 0/+-1.
    case(f, 'torch.pow', T([3, -3, 2, 2, 10, 7, -2, 1000, 0, 1, -1, -1, 5]), T([50, 41, 63, 64, 20, 23, 63, 999, -1, -5, -3, -4, 0]))
    case(f, 'torch.pow', T([3, -3, 1000]), 40)
    for op in ['maximum', 'minimum']:
        case(f, f'torch.{op}', EXTREME, T([0.0, 5.0, -5.0]))
        case(f, f'torch.{op}', INTS, T([1, 1, 1]))
        case(f, f'torch.{op}', MIXED, T([1, 1, 1]))
        case(f, f'torch.{op}', MIXED, T([1.0, 2.0]))
    for op in ['eq', 'ne', 'lt', 'le', 'gt', 'ge']:
        case(f, f'torch.{op}', EXTREME, T([0.0, 88.0, nan]))
        case(f, f'torch.{op}', INTS, 0)
        case(f, f'torch.{op}', INTS, 2.5)
        case(f, f'Tensor.{op}', BOOLS, BOOLS[0])
    for op in ['logical_and', 'logical_or', 'logical_xor']:
        case(f, f'torch.{op}', BOOLS, BOOLS[1])
        case(f, f'torch.{op}', INTS, MIXED)
    for lo, hi in [(-1.0, 1.0), (0, None), (None, 2.5), (2.0, 1.0)]:
        case(f, 'torch.clamp', EXTREME, lo, hi)
    for args, kw in [((INTS,), {'min': -1, 'max': 3}), ((INTS,), {'min': 0.5}), ((MIXED,), {})]:
        case(f, 'torch.clamp', *args, **kw)
    case(f, 'torch.clip', MIXED, -1, 1)
    case(f, 'Tensor.clamp', MIXED, min=0)
    for args, kw in [((BOOLS, MIXED, -MIXED), {}), ((BOOLS, MIXED, 0.0), {}), ((BOOLS, INTS, 0), {}),
                     ((BOOLS[0], T([[1.0], [2.0]]), T(9.0)), {}), ((INTS, MIXED, MIXED), {}),
                     ((BOOLS, MIXED, T([1.0, 2.0])), {})]:
        case(f, 'torch.where', *args, **kw)
    for args, kw in [((EXTREME,), {}), ((EXTREME,), {'nan': 1.0, 'posinf': 2.0, 'neginf': -2.0}), ((INTS,), {}),
                     ((EXTREME.double(),), {})]:
        case(f, 'torch.nan_to_num', *args, **kw)
    ops = ['add', 'radd', 'sub', 'rsub', 'mul', 'rmul', 'truediv', 'rtruediv', 'floordiv', 'mod', 'pow', 'rpow']
    for op in ops:
        case(f, f'operator.{op}', MIXED, 2)
        case(f, f'operator.{op}', INTS, 3)
    for op in ['add', 'sub', 'mul', 'truediv']:
        case(f, f'operator.{op}', MIXED, T([[1.0], [2.0], [3.0]]))
        case(f, f'operator.{op}', INTS, 0.5)
    for op in ['lt', 'le', 'gt', 'ge', 'eq', 'ne']:
        case(f, f'operator.{op}', MIXED, 0)
    case(f, 'operator.neg', MIXED)
    case(f, 'operator.neg', BOOLS)
    for args, kw in [((BOOLS,), {}), ((INTS,), {}), ((MIXED,), {})]:
        case(f, 'operator.invert', *args, **kw)
    case(f, 'operator.and_', BOOLS, BOOLS[0])
    case(f, 'operator.or_', BOOLS, BOOLS[0])
    case(f, 'operator.xor', BOOLS, BOOLS[0])
    case(f, 'operator.sub', BOOLS, BOOLS)
    case(f, 'operator.add', BOOLS, BOOLS)
    case(f, 'operator.add', MIXED, EMPTY)


def gen_reductions():
    f = 'reductions'
    x3 = R(2, 3, 4)
    for op in ['sum', 'mean', 'prod', 'amax', 'amin', 'logsumexp', 'std', 'var', 'norm']:
        if op not in ('amax', 'amin', 'logsumexp'):
            case(f, f'torch.{op}', MIXED)
        case(f, f'torch.{op}', MIXED, -1)
        case(f, f'torch.{op}', x3, dim=1, keepdim=True)
        case(f, f'Tensor.{op}', x3, (0, 2))
        case(f, f'torch.{op}', EXTREME, dim=-1)
        case(f, f'torch.{op}', x3, 3)
    for args, kw in [((INTS,), {}), ((INTS, 0), {}), ((BOOLS, 1), {}), ((INTS, 1), {'dtype': torch.float32}),
                     ((EMPTY,), {}), ((EMPTY, 0), {}), ((EMPTY, 1), {}), ((x3, (0, 0)), {}), ((T(3.0), 0), {}),
                     ((T(3.0), -1), {'keepdim': True}),
                     ((T([1e30, 1e30, 1e30, 1e30, 1e30, 1e30, 1e30, 1e30, 1e30, 1e30, 1e30]),), {})]:
        case(f, 'torch.sum', *args, **kw)
    for args, kw in [((INTS,), {}), ((INTS.float(), 1), {}), ((EMPTY, 0), {}), ((EMPTY,), {})]:
        case(f, 'torch.mean', *args, **kw)
    case(f, 'torch.prod', INTS, 1)
    case(f, 'torch.prod', BOOLS, 0)
    for args, kw in [((INTS, 1), {}), ((T([[1000.0, 1000.0], [-inf, -inf]]), 1), {}), ((EMPTY, 0), {}),
                     ((EMPTY, 1), {})]:
        case(f, 'torch.logsumexp', *args, **kw)
    case(f, 'torch.std', MIXED, 1, unbiased=False)
    case(f, 'torch.var', MIXED, 0, correction=0)
    case(f, 'torch.std', T([[1.0], [2.0]]), 1)
    case(f, 'torch.var', INTS)
    for args, kw in [((MIXED,), {'p': 1}), ((MIXED, 2, 1), {}), ((MIXED,), {'p': float('inf'), 'dim': 0}),
                     ((INTS,), {})]:
        case(f, 'torch.norm', *args, **kw)
    for op in ['max', 'min']:
        case(f, f'torch.{op}', MIXED)
        case(f, f'torch.{op}', MIXED, 1)
        case(f, f'torch.{op}', MIXED, dim=0, keepdim=True)
        case(f, f'Tensor.{op}', x3, -1)
        case(f, f'torch.{op}', EXTREME, 1)
        case(f, f'torch.{op}', INTS, 0)
        case(f, f'torch.{op}', T([[2.0, 5.0, 5.0], [1.0, 1.0, 0.0]]), 1)
        case(f, f'torch.{op}', EMPTY)
        case(f, f'torch.{op}', EMPTY, 1)
        case(f, f'torch.{op}', EMPTY, 0)
        case(f, f'torch.{op}', MIXED, T([[0.0], [1.0]]))
        case(f, f'torch.{op}', BOOLS, 1)
    for op in ['argmax', 'argmin']:
        case(f, f'torch.{op}', MIXED)
        case(f, f'torch.{op}', MIXED, 1)
        case(f, f'torch.{op}', MIXED, dim=-1, keepdim=True)
        case(f, f'torch.{op}', EXTREME, 1)
        case(f, f'torch.{op}', INTS, 0)
        case(f, f'torch.{op}', T([3.0, 3.0, 1.0, 1.0]))
        case(f, f'torch.{op}', EMPTY)
    for args, kw in [((INTS, 0), {}), ((EMPTY, 1), {}), ((EMPTY, 0), {})]:
        case(f, 'torch.amax', *args, **kw)
    for op in ['all', 'any']:
        case(f, f'torch.{op}', BOOLS)
        case(f, f'torch.{op}', BOOLS, 1)
        case(f, f'Tensor.{op}', INTS, 0)
        case(f, f'torch.{op}', MIXED, dim=1, keepdim=True)
        case(f, f'torch.{op}', EMPTY)
    for args, kw in [((MIXED, 1), {}), ((MIXED,), {'dim': 0}), ((INTS, -1), {}), ((BOOLS, 1), {}), ((EXTREME, 0), {})]:
        case(f, 'torch.cumsum', *args, **kw)
    case(f, 'Tensor.cumsum', x3, 2)
    case(f, 'torch.cumsum', MIXED, 2)


def gen_nn():
    f = 'nn'
    x3 = R(2, 3, 4)
    for name in ['torch.nn.functional.softmax', 'torch.softmax', 'Tensor.softmax',
                 'torch.nn.functional.log_softmax', 'torch.log_softmax', 'Tensor.log_softmax']:
        case(f, name, MIXED, -1)
        case(f, name, EXTREME, 1)
        case(f, name, x3, dim=0)
    for args, kw in [((INTS, 1), {}), ((T([[1000.0, 0.0, -1000.0]]),), {'dim': 1}), ((EMPTY,), {'dim': 1}),
                     ((MIXED,), {'dim': 2}), ((MIXED,), {'dim': 1, 'dtype': torch.float64})]:
        case(f, 'torch.nn.functional.softmax', *args, **kw)
    case(f, 'torch.nn.functional.log_softmax', T([[1000.0, 0.0, -1000.0]]), dim=1)
    logits = T([[2.0, -1.0, 0.5, 3.0], [0.1, 0.2, 0.3, 0.4], [1000.0, -1000.0, 0.0, 5.0]])
    labels = T([3, 0, 1])
    CE = 'torch.nn.functional.cross_entropy'
    for args, kw in [((logits, labels), {}), ((logits, labels), {'reduction': 'none'}),
                     ((logits, labels), {'reduction': 'sum'}), ((logits, labels), {'ignore_index': 0}),
                     ((logits, T([1, 1, 1])), {'ignore_index': 1}), ((logits, labels), {'label_smoothing': 0.1}),
                     ((logits, labels), {'reduction': 'none', 'label_smoothing': 0.2}),
                     ((logits, F.softmax(R(3, 4), 1)), {}),
                     ((logits, F.softmax(R(3, 4), 1)), {'reduction': 'none', 'label_smoothing': 0.1}),
                     ((logits, T([4, 0, 1])), {}), ((logits, T([0, 1])), {}), ((logits, labels.float()), {}),
                     ((R(2, 4, 3), T([[0, 1, 2], [3, 3, 0]])), {}),
                     ((logits, labels), {'weight': T([1.0, 2.0, 0.5, 1.0])}), ((T([[1000.0, -1000.0]]), T([1])), {})]:
        case(f, CE, *args, **kw)
    NLL = 'torch.nn.functional.nll_loss'
    lp = F.log_softmax(logits, 1)
    for args, kw in [((lp, labels), {}), ((lp, labels), {'reduction': 'none'}), ((lp, labels), {'reduction': 'sum'}),
                     ((lp, T([0, 0, -100])), {}), ((lp, T([0, 9, 0])), {})]:
        case(f, NLL, *args, **kw)
    MSE = 'torch.nn.functional.mse_loss'
    for args, kw in [((MIXED, MIXED * 0.5), {}), ((MIXED, T([1.0, 2.0, 3.0])), {'reduction': 'none'}),
                     ((MIXED, T(1.0)), {'reduction': 'sum'}), ((MIXED, T([1.0, 2.0])), {})]:
        case(f, MSE, *args, **kw)
    BCE = 'torch.nn.functional.binary_cross_entropy'
    p = T([0.1, 0.9, 0.5, 0.0, 1.0])
    y = T([0.0, 1.0, 1.0, 0.0, 1.0])
    for args, kw in [((p, y), {}), ((p, y), {'reduction': 'none'}),
                     ((T([0.0, 1.0]), T([1.0, 0.0])), {'reduction': 'none'}), ((T([1.5]), T([1.0])), {}),
                     ((p, y[:3]), {})]:
        case(f, BCE, *args, **kw)
    BCEL = 'torch.nn.functional.binary_cross_entropy_with_logits'
    z = T([-1000.0, -2.0, 0.0, 3.0, 1000.0])
    for args, kw in [((z, y), {}), ((z, y), {'reduction': 'none'}), ((z, y), {'reduction': 'sum'}),
                     ((z, y), {'pos_weight': T([2.0]), 'reduction': 'none'})]:
        case(f, BCEL, *args, **kw)
    OH = 'torch.nn.functional.one_hot'
    for args, kw in [((T([0, 2, 1]),), {}), ((T([0, 2, 1]), 5), {}), ((T([[0, 1], [1, 0]]),), {'num_classes': 3}),
                     ((T([0, 3]), 3), {}), ((T([0.0, 1.0]),), {}), ((T([-1, 0]),), {})]:
        case(f, OH, *args, **kw)
    NORM = 'torch.nn.functional.normalize'
    for args, kw in [((MIXED,), {}), ((MIXED,), {'dim': 0}), ((MIXED,), {'p': 1.0, 'dim': 1}),
                     ((T([[0.0, 0.0], [3.0, 4.0]]),), {}), ((x3,), {'dim': -1})]:
        case(f, NORM, *args, **kw)
    LIN = 'torch.nn.functional.linear'
    w = R(5, 3)
    b = R(5)
    for args, kw in [((MIXED, w), {}), ((MIXED, w, b), {}), ((x3, R(2, 4)), {}), ((MIXED, R(5, 4)), {}),
                     ((T([1.0, 2.0, 3.0]), w, b), {})]:
        case(f, LIN, *args, **kw)
    PAD = 'torch.nn.functional.pad'
    for args, kw in [((MIXED, (1, 2)), {}), ((MIXED, (1, 0, 0, 2)), {'value': -1.0}), ((INTS, (0, 1)), {}),
                     ((MIXED, [1, 1, 1, 1, 1, 1]), {}), ((MIXED, (-1, 1)), {}), ((MIXED, (1,)), {})]:
        case(f, PAD, *args, **kw)
    DROP = 'torch.nn.functional.dropout'
    for args, kw in [((MIXED, 0.5, False), {}), ((MIXED,), {'p': 0.3, 'training': False}),
                     ((MIXED,), {'p': 1.5, 'training': False})]:
        case(f, DROP, *args, **kw)
    LN = 'torch.nn.functional.layer_norm'
    for args, kw in [((MIXED, (3,)), {}), ((x3, [3, 4]), {}),
                     ((MIXED, (3,), T([1.0, 2.0, 3.0]), T([0.5, 0.0, -0.5])), {}), ((MIXED, (2,)), {}),
                     ((EXTREME[:2], (3,)), {})]:
        case(f, LN, *args, **kw)
    case(f, 'torch.nn.functional.sigmoid', EXTREME)
    case(f, 'torch.nn.functional.tanh', MIXED)


def gen_shape():
    f = 'shape'
    x = torch.arange(24.0).reshape(2, 3, 4)
    x2 = torch.arange(6).reshape(2, 3)
    for target in [(6, 4), (-1,), (4, -1), (2, 3, 2, 2), (5, -1), (-1, -1), (24,), (0, -1)]:
        case(f, 'Tensor.view', x, target)
        case(f, 'torch.reshape', x, target)
    case(f, 'Tensor.view', x, 6, 4)
    case(f, 'Tensor.view', x, -1, 12)
    case(f, 'Tensor.reshape', x, 4, 6)
    for args, kw in [((EMPTY, -1), {}), ((EMPTY, 3, -1), {}), ((Call('Tensor.transpose', x2, 0, 1), -1), {}),
                     ((Call('Tensor.transpose', x, 1, 2), 2, 12), {}),
                     ((Call('Tensor.transpose', x, 1, 2), 2, 4, 3), {})]:
        case(f, 'Tensor.view', *args, **kw)
    case(f, 'Tensor.reshape', Call('Tensor.transpose', x2, 0, 1), -1)
    for args, kw in [((Call('Tensor.permute', x, 2, 0, 1), 4, 6), {}),
                     ((Call('Tensor.expand', T([[1.0], [2.0]]), 2, 3), 6), {}),
                     ((Call('Tensor.__getitem__', x, (Ellipsis, 0)), 6), {})]:
        case(f, 'Tensor.view', *args, **kw)
    case(f, 'Tensor.contiguous', Call('Tensor.transpose', x2, 0, 1))
    case(f, 'Tensor.view', Call('Tensor.contiguous', Call('Tensor.transpose', x2, 0, 1)), -1)
    for args in [(), (1,), (0, 1), (-2, -1), (1, 2), (3,)]:
        case(f, 'torch.flatten', x, *args)
    case(f, 'torch.flatten', T(3.0))
    case(f, 'Tensor.flatten', x, start_dim=1)
    case(f, 'torch.unflatten', x, 2, (2, 2))
    case(f, 'Tensor.unflatten', x, -1, (2, -1))
    case(f, 'Tensor.unflatten', x, 1, (2, 2))
    for dims in [(2, 0, 1), (0, 1, 2), (-1, 0, 1), (0, 0, 1), (0, 1)]:
        case(f, 'torch.permute', x, dims)
    case(f, 'Tensor.permute', x, 1, 2, 0)
    for a, b in [(0, 1), (-1, 0), (1, 1), (0, 3)]:
        case(f, 'torch.transpose', x, a, b)
    case(f, 'Tensor.transpose', x2, 1, 0)
    case(f, 'Tensor.t', x2)
    case(f, 'torch.t', x)
    case(f, 'Tensor.T', x2)
    case(f, 'Tensor.T', T([1.0, 2.0]))
    case(f, 'Tensor.mT', x)
    case(f, 'Tensor.mT', T([1.0, 2.0]))
    for d in [0, -1, 3, 1, -4, 4]:
        case(f, 'torch.unsqueeze', x, d)
    case(f, 'Tensor.unsqueeze', T(3.0), 0)
    y = torch.zeros(1, 3, 1, 2)
    for args in [(), (0,), (1,), (-2,), (2,), (4,)]:
        case(f, 'torch.squeeze', y, *args)
    case(f, 'Tensor.squeeze', T([5.0]))
    col = T([[1.0], [2.0]])
    for args in [(2, 3), ((2, 3),), (-1, 4), (3, 2, 5), (2, 1, 3), (3, 3)]:
        case(f, 'Tensor.expand', col, *args)
    case(f, 'Tensor.expand', T(1.0), 2, 2)
    case(f, 'Tensor.expand', col, 1)
    case(f, 'Tensor.expand_as', col, MIXED)
    case(f, 'Tensor.expand_as', col, R(3, 3))
    for args in [(2, 1), ((1, 2),), (2, 1, 2), (1,), (3,)]:
        case(f, 'Tensor.repeat', x2, *args)
    case(f, 'Tensor.repeat', x2, 0, 2)
    for dims in [(2,), (2, 2), (2, 1, 1), ()]:
        case(f, 'torch.tile', x2, dims)
    case(f, 'Tensor.tile', x2, 2, 1)
    a = MIXED
    b = R(1, 3)
    for args, kw in [(([a, b],), {}), (([a, b], 0), {}), (([a, a], 1), {}), (([a, a], -1), {}), (([a, b], 1), {}),
                     (([a, INTS],), {}), (([a, EMPTY],), {}), (([a, torch.zeros(0)],), {}), (([],), {}),
                     (([a, x],), {}), (((a, a),), {'dim': 2})]:
        case(f, 'torch.cat', *args, **kw)
    case(f, 'torch.concat', [a, a], 1)
    for args, kw in [(([a, a],), {}), (([a, a], 1), {}), (([a, a], 2), {}), (([a, a], -1), {}), (([a, b],), {}),
                     (([a, a], 3), {}), (([],), {}), (([T(1.0), T(2.0)],), {}), (([a, INTS], 0), {})]:
        case(f, 'torch.stack', *args, **kw)
    z = torch.arange(10.0).reshape(5, 2)
    for args, kw in [((2,), {}), ((3,), {}), (([1, 4],), {}), ((2, 1), {}), (([2, 2],), {}), ((1,), {'dim': -1}),
                     ((10,), {}), (([1, 1, 3],), {})]:
        case(f, 'torch.split', z, *args, **kw)
    case(f, 'Tensor.split', z, 2)
    for args in [(2,), (3,), (5,), (6,), (2, 1), (1, -1)]:
        case(f, 'torch.chunk', z, *args)
    case(f, 'Tensor.chunk', z, 0)
    src = torch.arange(12.0).reshape(3, 4)
    for dim, idx in [(1, T([[0, 0], [1, 0], [3, 2]])), (0, T([[0, 1, 2, 0]])), (1, T([[4]])), (0, T([[0.0]])),
                     (-1, T([[3], [2], [1]])), (1, T([[[0]]]))]:
        case(f, 'torch.gather', src, dim, idx)
    case(f, 'Tensor.gather', src, 1, T([[1], [2], [3]]))
    for dim, idx in [(0, T([2, 0])), (1, T([3, 3, 0])), (1, T([4])), (-1, T([], dtype=torch.int64)), (0, T([0.0]))]:
        case(f, 'torch.index_select', src, dim, idx)
    m = src > 5
    case(f, 'torch.masked_fill', src, m, -inf)
    for args, kw in [((src, T([True, False, True, False]), 0.5), {}), ((INTS, BOOLS, 1.7), {}),
                     ((src, T([True, False]), 0.0), {}), ((src, T([[True], [False], [True]]), T(9.0)), {})]:
        case(f, 'Tensor.masked_fill', *args, **kw)
    for op in ['tril', 'triu']:
        case(f, f'torch.{op}', src)
        case(f, f'torch.{op}', src, 1)
        case(f, f'torch.{op}', src, -1)
        case(f, f'Tensor.{op}', torch.ones(2, 3, 3), diagonal=0)
        case(f, f'torch.{op}', T([1.0, 2.0]))
    for args, kw in [((x,), {}), ((x, 1), {}), ((x, -1), {}), ((x, 3), {})]:
        case(f, 'Tensor.size', *args, **kw)
    case(f, 'Tensor.shape', x)
    case(f, 'Tensor.shape', T(1.0))
    case(f, 'Tensor.numel', x)
    case(f, 'torch.numel', EMPTY)
    case(f, 'Tensor.dim', x)
    case(f, 'Tensor.ndim', T(2.0))
    case(f, 'Tensor.dtype', INTS)
    for args, kw in [((T([2.5]),), {}), ((T(7),), {}), ((T(True),), {}), ((MIXED,), {})]:
        case(f, 'Tensor.item', *args, **kw)
    for args, kw in [((MIXED,), {}), ((INTS,), {}), ((T(3.5),), {}), ((BOOLS,), {})]:
        case(f, 'Tensor.tolist', *args, **kw)
    case(f, 'Tensor.float', INTS)
    case(f, 'Tensor.long', T([1.7, -1.7, 2.5]))
    case(f, 'Tensor.double', MIXED)
    case(f, 'Tensor.bool', MIXED)
    case(f, 'Tensor.to', INTS, torch.float64)
    case(f, 'Tensor.to', MIXED, dtype=torch.int64)
    case(f, 'Tensor.type', INTS, torch.float32)
    case(f, 'Tensor.clone', MIXED)


def gen_indexing():
    f = 'indexing'
    x = torch.arange(24.0).reshape(2, 3, 4)
    m = torch.arange(12).reshape(3, 4)
    G = 'Tensor.__getitem__'
    keys = [0, -1, 2, (0, 1), (1, -1, 2), (0, 1, 2, 0), slice(None), slice(1, None), slice(None, None, 2),
            slice(-2, None), slice(5, 10), (slice(None), 0), (Ellipsis, 1), (Ellipsis, slice(1, 3)), None,
            (None, 0), (slice(None), None, slice(None)), (0, Ellipsis, None), (Ellipsis, None),
            T([1, 0]), T([[0, 1], [1, 1]]), (slice(None), T([2, 0, 2])), (T([0, 1]), T([1, 2])),
            (T([0, 1]), slice(None), T([3, 0])), (T([[0], [1]]), T([0, 2])), T([True, False]),
            (slice(None), T([True, False, True])), x > 10, (0, T([True, True, False])), T(1),
            T([], dtype=torch.int64), (T([0, 1]), T([1, 2, 0])), 5, (0, 0, 0, 0), T([2]), slice(3, 1),
            (Ellipsis, Ellipsis), (slice(None), slice(None), slice(None), slice(None)), T([-1, -2]),
            (0, slice(None), T([1, 3])), (slice(None, None, -1),), 1.5, T([0.0])]
    for k in keys:
        case(f, G, x, k)
    for args, kw in [((m, (T([0, 1, 2]), T([3, 2, 1]))), {}), ((m, m > 4), {}),
                     ((m, (slice(1, None), slice(None, None, 3))), {}), ((T(5.0), ()), {}), ((T(5.0), None), {}),
                     ((T(5.0), 0), {}), ((T(5.0), Ellipsis), {}), ((EMPTY, 0), {}), ((EMPTY, (slice(None), 1)), {}),
                     ((BOOLS, (1, 2)), {})]:
        case(f, G, *args, **kw)
    # log_prob[t.arange(n), labels]: the cross-entropy gather from the seed notes.
    lp = F.log_softmax(T([[2.0, -1.0, 0.5], [1000.0, 0.0, -1000.0]]), 1)
    for args, kw in [((lp, (Call('torch.arange', 2), T([2, 0]))), {}),
                     ((lp, (Call('torch.arange', 3), T([2, 0]))), {}),
                     ((lp, (Call('torch.arange', 2), T([3, 0]))), {})]:
        case(f, G, *args, **kw)


def gen_matmul():
    f = 'matmul'
    shapes = [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((5, 2, 3), (3, 4)), ((2, 3), (5, 3, 4)),
              ((5, 2, 3), (5, 3, 4)), ((5, 1, 2, 3), (4, 3, 2)), ((2, 3), (4, 3)), ((3,), (4,)), ((5, 2, 3), (4, 3, 2)),
              ((0, 3), (3, 2)), ((2, 0), (0, 3)), ((2, 3, 4), (4,)), ((4,), (2, 4, 3)), ((), (3,))]
    for sa, sb in shapes:
        a, b = R(*sa), R(*sb)
        case(f, 'torch.matmul', a, b)
        case(f, 'operator.matmul', a, b)
    for args, kw in [((INTS, T([[1], [2], [3]])), {}), ((INTS, R(3, 2)), {}),
                     ((T([[1000.0, 1000.0]]), T([[1e38], [1e38]])), {})]:
        case(f, 'torch.matmul', *args, **kw)
    case(f, 'Tensor.matmul', R(2, 3), R(3, 3))
    for sa, sb in [((2, 3), (3, 4)), ((2, 3), (4, 3)), ((3,), (3, 4)), ((2, 2, 3), (3, 4))]:
        case(f, 'torch.mm', R(*sa), R(*sb))
    case(f, 'torch.mm', INTS, T([[1], [2], [3]]))
    for sa, sb in [((5, 2, 3), (5, 3, 4)), ((5, 2, 3), (4, 3, 4)), ((2, 3), (3, 4)), ((5, 2, 3), (5, 4, 4))]:
        case(f, 'torch.bmm', R(*sa), R(*sb))
    for args, kw in [((T([1.0, 2.0]), T([3.0, 4.0, 5.0])), {}), ((T([1, 2]), T([3.0, 4.0])), {}),
                     ((MIXED, T([1.0])), {})]:
        case(f, 'torch.outer', *args, **kw)
    for args, kw in [((T([1.0, 2.0, 3.0]), T([4.0, 5.0, 6.0])), {}), ((T([1, 2]), T([3, 4])), {}),
                     ((T([1.0, 2.0]), T([1.0, 2.0, 3.0])), {}), ((MIXED, MIXED), {}), ((T([1.0, 2.0]), T([1, 2])), {})]:
        case(f, 'torch.dot', *args, **kw)
    E = 'torch.einsum'
    a, b, c = R(2, 3), R(3, 4), R(5, 2, 3)
    for eq, ops in [('ij,jk->ik', (a, b)), ('ij,jk', (a, b)), ('ij->ji', (a,)), ('ii->i', (R(3, 3),)), ('ii', (R(3, 3),)),
                    ('bij,jk->bik', (c, b)), ('i,j->ij', (T([1.0, 2.0]), T([3.0, 4.0, 5.0]))), ('ij->', (a,)),
                    ('ij->j', (a,)), ('...ij->...ji', (c,)), ('bij,bij->b', (c, c)), ('ij,jk->ik', (a, a)),
                    ('ij,jk->il', (a, b)), ('i,i->', (T([1.0, 2.0]), T([3.0, 4.0]))), ('ij', (c,)),
                    ('b i j, j k -> b i k', (c, b))]:
        case(f, E, eq, *ops)
    case(f, E, 'ij,jk->ik', [a, b])


def gen_inplace():
    f = 'inplace'
    for method, args in [('add_', (1.0,)), ('add_', (MIXED[0],)), ('sub_', (MIXED,)), ('mul_', (2,)), ('div_', (4.0,)),
                         ('pow_', (2,)), ('clamp_', (-1.0, 1.0)), ('clip_', (0.0, 1.0)), ('exp_', ()), ('log_', ()),
                         ('neg_', ()), ('abs_', ()), ('sqrt_', ()), ('sigmoid_', ()), ('relu_', ()), ('tanh_', ()),
                         ('tril_', ()), ('triu_', (1,)), ('zero_', ()), ('fill_', (2.5,)), ('nan_to_num_', ())]:
        case(f, f'Tensor.{method}', MIXED, *args)
    case(f, 'Tensor.masked_fill_', MIXED, BOOLS, -inf)
    case(f, 'Tensor.nan_to_num_', EXTREME)
    case(f, 'Tensor.add_', INTS, 1.5)
    case(f, 'Tensor.add_', INTS, 2)
    case(f, 'Tensor.div_', INTS, 2)
    case(f, 'Tensor.exp_', INTS)
    case(f, 'Tensor.add_', T([1.0, 2.0, 3.0]), MIXED)
    case(f, 'Tensor.mul_', BOOLS, 2)
    case(f, 'Tensor.fill_', INTS, 2.7)
    case(f, 'Tensor.fill_', BOOLS, 0)
    case(f, 'Tensor.clamp_', INTS, min=0)
    for op in ['clamp_min', 'clamp_max']:
        case(f, f'torch.{op}', EXTREME, 0.5)
        case(f, f'Tensor.{op}', INTS, 1)
    case(f, 'torch.cumprod', MIXED, 1)
    case(f, 'Tensor.cumprod', INTS, 0)
    case(f, 'torch.cumprod', BOOLS, -1)
    case(f, 'Tensor.new_zeros', MIXED, (2, 2))
    case(f, 'Tensor.new_ones', INTS, 3)
    case(f, 'Tensor.new_zeros', INTS, 2, 2, dtype=torch.float32)
    case(f, 'Tensor.view_as', torch.arange(6.0), MIXED)
    case(f, 'Tensor.reshape_as', torch.arange(6), MIXED)
    case(f, 'Tensor.view_as', torch.arange(5.0), MIXED)
    case(f, 'torch.unbind', MIXED)
    case(f, 'Tensor.unbind', MIXED, 1)
    case(f, 'torch.unbind', MIXED, 2)
    w = R(5, 3)
    for args, kw in [((T([[0, 4], [2, 2]]), w), {}), ((T([1, 5]), w), {}), ((T([1.0]), w), {})]:
        case(f, 'torch.nn.functional.embedding', *args, **kw)
    case(f, 'torch.nn.functional.softmin', EXTREME, 1)
    case(f, 'torch.nn.functional.softmin', MIXED, dim=0)
    case(f, 'torch.special.log_softmax', MIXED, 1)
    case(f, 'torch.special.softmax', EXTREME, -1)
    for d in ['add', 'radd', 'sub', 'rsub', 'mul', 'truediv', 'rtruediv', 'floordiv', 'mod', 'pow', 'rpow', 'lt', 'ge', 'eq']:
        case(f, f'Tensor.__{d}__', MIXED, 2)
    case(f, 'Tensor.__matmul__', MIXED, R(3, 2))
    case(f, 'Tensor.__neg__', MIXED)
    case(f, 'Tensor.__invert__', BOOLS)
    case(f, 'Tensor.__and__', BOOLS, BOOLS)
    case(f, 'Tensor.__or__', INTS, 6)


def main():
    gen_creation()
    gen_inplace()
    gen_elementwise()
    gen_reductions()
    gen_nn()
    gen_shape()
    gen_indexing()
    gen_matmul()
    total = 0
    for family, cases in CASES.items():
        path = os.path.join(OUT_DIR, f'ops.{family}.json')
        meta = {'torch': torch.__version__, 'generator': 'scripts/golden/gen_goldens.py', 'family': family}
        with open(path, 'w') as fh:
            json.dump({'meta': meta, 'cases': cases}, fh, indent=None, separators=(',', ':'))
            fh.write('\n')
        total += len(cases)
        errors = sum(1 for c in cases if 'error' in c['expect'])
        print(f'{family:12s} {len(cases):4d} cases ({errors} raise)')
    print(f'total        {total:4d} cases')


if __name__ == '__main__':
    sys.exit(main())
