#!/usr/bin/python3
"""Writes test/golden/shapes.json: shape-rule conformance cases from real PyTorch.

Run with Debian's interpreter (it has python3-torch 1.13):
    /usr/bin/python3 scripts/golden/gen_shape_goldens.py

Each case is {id, op, args, expect}. `args` is op-specific (see test/unit/shape/golden.test.ts,
which replays every case through engine/src/shape with the same all-number shapes). `expect` is
{shape: [...]}, {shapes: [[...], ...]} for ops returning several tensors, or
{error: {type, message}} with torch's exception class and message.
"""
import itertools
import json
import os
import warnings

import torch
import torch.nn.functional as F

warnings.filterwarnings('ignore')
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'golden', 'shapes.json')

cases = []


def T(shape, dtype=torch.float32):
    return torch.zeros(shape, dtype=dtype)


def record(op, args, fn):
    try:
        r = fn()
        if isinstance(r, (tuple, list)):
            expect = {'shapes': [list(t.shape) for t in r]}
        else:
            expect = {'shape': list(r.shape)}
    except Exception as e:  # torch raises RuntimeError, IndexError, ValueError, TypeError
        msg = str(e).split('\n')[0]
        expect = {'error': {'type': type(e).__name__, 'message': msg}}
    cases.append({'id': f'{op}-{len(cases)}', 'op': op, 'args': args, 'expect': expect})


SHAPES = [(), (1,), (3,), (4,), (0,), (2, 3), (3, 1), (1, 4), (4, 3), (2, 1, 3), (2, 3, 4), (5, 1, 4), (1, 0), (2, 1, 1)]

# Broadcasting: every pair of a small set of shapes, plus n-ary cases.
for a, b in itertools.product(SHAPES, SHAPES):
    record('broadcast', {'a': list(a), 'b': list(b)}, lambda: T(a) + T(b))
for group in [[(2, 1), (1, 3), (1,)], [(3,), (2, 3), (4, 1, 1)], [(2, 3), (3, 2), (1,)], [(5,), (5,), (4,)]]:
    record('broadcastAll', {'shapes': [list(s) for s in group]}, lambda: torch.broadcast_tensors(*[T(s) for s in group])[0])

# matmul family: every rank combination, matching and mismatching inner dims.
MM = [(3,), (4,), (2, 3), (3, 4), (4, 5), (2, 2, 3), (2, 3, 4), (1, 3, 4), (5, 3, 4), (2, 1, 4, 3), (7, 3, 2), (3, 2, 3, 5)]
for a, b in itertools.product(MM, MM):
    if len(a) + len(b) <= 6:
        record('matmul', {'a': list(a), 'b': list(b)}, lambda: torch.matmul(T(a), T(b)))
record('matmul', {'a': [], 'b': [3]}, lambda: torch.matmul(T(()), T((3,))))
for a, b in [((2, 3), (3, 4)), ((2, 3), (4, 5)), ((3,), (3, 4)), ((2, 3, 4), (4, 5)), ((2, 3), (3,))]:
    record('mm', {'a': list(a), 'b': list(b)}, lambda: torch.mm(T(a), T(b)))
for a, b in [((2, 3, 4), (2, 4, 5)), ((2, 3, 4), (3, 4, 5)), ((2, 3, 4), (2, 5, 6)), ((3, 4), (2, 4, 5)), ((1, 3, 4), (1, 4, 2))]:
    record('bmm', {'a': list(a), 'b': list(b)}, lambda: torch.bmm(T(a), T(b)))
for x, w, bias in [((2, 3), (5, 3), (5,)), ((4, 2, 3), (5, 3), None), ((3,), (5, 3), (5,)), ((2, 4), (5, 3), None),
                   ((2, 3), (5, 3), (4,)), ((6, 3), (5, 3), (1,))]:
    record('linear', {'input': list(x), 'weight': list(w), 'bias': list(bias) if bias else None},
           lambda: F.linear(T(x), T(w), T(bias) if bias else None))

# reshape / view with -1, invalid sizes, empty tensors.
RESHAPES = [
    ((2, 6), (3, 4)), ((2, 6), (12,)), ((2, 6), (-1,)), ((2, 6), (4, -1)), ((2, 6), (5, -1)), ((2, 6), (2, 5)),
    ((2, 6), (-1, -1)), ((2, 3, 4), (6, -1)), ((2, 3, 4), (2, 12)), ((2, 3, 4), (-1, 2, 2)), ((2, 3, 4), (24, 1, 1)),
    ((0, 3), (-1,)), ((0, 3), (0, -1)), ((0, 3), (3, 0)), ((), (1,)), ((), (-1,)), ((1,), ()), ((3,), ()),
    ((2, 6), (2, -2)), ((4,), (2, 2, 1, 1)), ((6,), (-1, 4)), ((5, 4), (10, 2)),
]
for s, target in RESHAPES:
    record('reshape', {'shape': list(s), 'target': list(target)}, lambda: T(s).reshape(target))
    record('view', {'shape': list(s), 'target': list(target)}, lambda: T(s).view(target))

for s, start, end in [((2, 3, 4), 0, -1), ((2, 3, 4), 1, 2), ((2, 3, 4), 0, 1), ((2, 3, 4), 2, 1), ((2, 3, 4), 0, 3),
                      ((), 0, -1), ((5,), 0, 0), ((2, 3, 4, 5), 1, -2), ((2, 3), -2, -1)]:
    record('flatten', {'shape': list(s), 'start': start, 'end': end}, lambda: torch.flatten(T(s), start, end))
for s, dim, sizes in [((2, 12), 1, (3, 4)), ((2, 12), 1, (-1, 4)), ((2, 12), 1, (5, 2)), ((2, 12), -1, (2, 2, 3)),
                      ((6, 2), 0, (2, 3)), ((6, 2), 2, (2, 3)), ((6, 2), 0, (-1, -1)), ((), 0, (1,)), ((2, 3), 1, ())]:
    record('unflatten', {'shape': list(s), 'dim': dim, 'sizes': list(sizes)}, lambda: T(s).unflatten(dim, sizes))

for s, dims in [((2, 3, 4), (2, 0, 1)), ((2, 3, 4), (0, 1)), ((2, 3, 4), (0, 0, 1)), ((2, 3, 4), (-1, -2, -3)),
                ((2, 3, 4), (0, 1, 3)), ((2, 3), (1, 0)), ((), ()), ((5,), (0,)), ((2, 3, 4, 5), (3, 1, 0, 2))]:
    record('permute', {'shape': list(s), 'dims': list(dims)}, lambda: T(s).permute(dims))
for s, d0, d1 in [((2, 3, 4), 0, 2), ((2, 3, 4), -1, -2), ((2, 3, 4), 1, 1), ((2, 3, 4), 0, 3), ((2, 3), -3, 0),
                  ((), 0, 0), ((), 0, -1), ((5,), 0, -1), ((5,), 0, 1)]:
    record('transpose', {'shape': list(s), 'd0': d0, 'd1': d1}, lambda: T(s).transpose(d0, d1))

for s, dim in [((2, 1, 3), None), ((1, 1), None), ((2, 3), None), ((), None), ((2, 1, 3), 1), ((2, 1, 3), 0),
               ((2, 1, 3), -2), ((2, 1, 3), 3), ((1,), 0), ((), 0), ((), -1), ((), 1), ((1, 0, 1), None)]:
    record('squeeze', {'shape': list(s), 'dim': dim}, lambda: T(s).squeeze() if dim is None else T(s).squeeze(dim))
for s, dim in [((2, 3), 0), ((2, 3), 2), ((2, 3), -1), ((2, 3), -3), ((2, 3), 3), ((2, 3), -4), ((), 0), ((), -1), ((), 1)]:
    record('unsqueeze', {'shape': list(s), 'dim': dim}, lambda: T(s).unsqueeze(dim))

for s, sizes in [((3, 1), (3, 4)), ((3, 1), (2, 3, 4)), ((3, 1), (-1, 4)), ((3, 1), (4, 4)), ((3,), (2, 3)),
                 ((3, 1), (4,)), ((1,), (0,)), ((3, 1), (-1, 3, 4)), ((), (2, 3)), ((2, 1, 1), (2, 5, 6)),
                 ((3, 1), (3, -2))]:
    record('expand', {'shape': list(s), 'sizes': list(sizes)}, lambda: T(s).expand(*sizes))
for s, reps in [((2, 3), (2, 2)), ((2, 3), (2, 1, 3)), ((2, 3), (2,)), ((3,), (4, 2)), ((), (2, 3)), ((2, 3), (0, 1)), ((2, 3), (-1, 2)), ((), ())]:
    record('repeat', {'shape': list(s), 'repeats': list(reps)}, lambda: T(s).repeat(*reps))

CATS = [([(2, 3), (4, 3)], 0), ([(2, 3), (2, 5)], 1), ([(2, 3), (2, 5)], 0), ([(2, 3), (2, 3, 1)], 0),
        ([(2, 3), (2, 3)], -1), ([(2, 3), (2, 3)], 2), ([(2, 3), (0,)], 0), ([(0,), (2, 3)], 1),
        ([(), ()], 0), ([(3,), (4,), (5,)], 0), ([(2, 3, 4), (2, 1, 4), (2, 2, 4)], 1),
        ([(2, 3, 4), (2, 1, 5)], 1), ([(2, 3)], 0), ([(0, 3), (2, 3)], 0)]
for shapes, dim in CATS:
    record('cat', {'shapes': [list(s) for s in shapes], 'dim': dim}, lambda: torch.cat([T(s) for s in shapes], dim))
STACKS = [([(2, 3), (2, 3)], 0), ([(2, 3), (2, 3)], 2), ([(2, 3), (2, 3)], -1), ([(2, 3), (2, 3)], 3),
          ([(2, 3), (3, 2)], 0), ([(2, 3), (2, 3, 1)], 0), ([(), ()], 0), ([(), ()], 1), ([(3,)] * 4, 1)]
for shapes, dim in STACKS:
    record('stack', {'shapes': [list(s) for s in shapes], 'dim': dim}, lambda: torch.stack([T(s) for s in shapes], dim))
record('cat', {'shapes': [], 'dim': 0}, lambda: torch.cat([], 0))
record('stack', {'shapes': [], 'dim': 0}, lambda: torch.stack([], 0))

for s, size, dim in [((10, 3), 3, 0), ((10, 3), 5, 0), ((10, 3), 20, 0), ((10, 3), (2, 8), 0), ((10, 3), (2, 7), 0),
                     ((10, 3), (1, 2), 1), ((10, 3), 1, -1), ((10, 3), 2, 2), ((0, 3), 2, 0), ((10, 3), 0, 0),
                     ((10, 3), (10,), 0), ((), 1, 0)]:
    record('split', {'shape': list(s), 'size': list(size) if isinstance(size, tuple) else size, 'dim': dim},
           lambda: torch.split(T(s), list(size) if isinstance(size, tuple) else size, dim))
for s, chunks, dim in [((10, 3), 3, 0), ((10, 3), 4, 0), ((10, 3), 5, 0), ((10, 3), 2, 1), ((10, 3), 20, 0),
                       ((6,), 4, 0), ((10, 3), 0, 0), ((10, 3), 2, 2), ((0, 3), 2, 0), ((7,), 3, -1), ((), 2, 0)]:
    record('chunk', {'shape': list(s), 'chunks': chunks, 'dim': dim}, lambda: torch.chunk(T(s), chunks, dim))

# Indexing. Items: int, slice [start, stop, step], None, Ellipsis, int64/bool index tensors.
def idx_value(item):
    kind = item['kind']
    if kind == 'int':
        return item['value']
    if kind == 'slice':
        return slice(item.get('start'), item.get('stop'), item.get('step'))
    if kind == 'none':
        return None
    if kind == 'ellipsis':
        return Ellipsis
    if item['dtype'] == 'bool':
        return torch.ones(item['shape'], dtype=torch.bool)
    return torch.zeros(item['shape'], dtype=torch.int64)


def I(v):
    return {'kind': 'int', 'value': v}


def S(start=None, stop=None, step=None):
    out = {'kind': 'slice'}
    for k, v in (('start', start), ('stop', stop), ('step', step)):
        if v is not None:
            out[k] = v
    return out


NONE, ELL = {'kind': 'none'}, {'kind': 'ellipsis'}


def IT(*shape):
    return {'kind': 'tensor', 'shape': list(shape), 'dtype': 'int64'}


def BT(*shape):
    return {'kind': 'tensor', 'shape': list(shape), 'dtype': 'bool'}


INDEXES = [
    ((4, 5), [I(0)]), ((4, 5), [I(-1)]), ((4, 5), [I(4)]), ((4, 5), [I(-5)]), ((4, 5), [I(1), I(2)]),
    ((4, 5), [I(1), I(2), I(0)]), ((4, 5), [S()]), ((4, 5), [S(1)]), ((4, 5), [S(None, -1)]), ((4, 5), [S(1, 3)]),
    ((4, 5), [S(None, None, 2)]), ((4, 5), [S(1, None, 3)]), ((4, 5), [S(10)]), ((4, 5), [S(-2)]), ((4, 5), [S(3, 1)]),
    ((4, 5), [S(), S(2, 10)]), ((4, 5), [NONE]), ((4, 5), [NONE, S(), NONE]), ((4, 5), [ELL, NONE]),
    ((4, 5), [ELL, I(0)]), ((4, 5), [I(0), ELL, I(0)]), ((4, 5), [ELL, ELL]), ((2, 3, 4), [ELL, S(1)]),
    ((2, 3, 4), [I(0), ELL]), ((), [NONE]), ((), [ELL]), ((), [I(0)]), ((4, 5), [S(None, None, -1)]),
    ((4, 5), [IT(3)]), ((4, 5), [IT(2, 3)]), ((4, 5), [IT(3), IT(3)]), ((4, 5), [IT(3), IT(1)]), ((4, 5), [IT(3), IT(2)]),
    ((4, 5), [S(), IT(3)]), ((4, 5, 6), [IT(2), S(), IT(2)]), ((4, 5, 6), [S(), IT(2), IT(2)]),
    ((4, 5, 6), [IT(2), IT(2), S()]), ((4, 5, 6), [I(0), S(), IT(3)]), ((4, 5, 6), [IT(3), I(0)]),
    ((4, 5, 6), [NONE, IT(2), S(), IT(2)]), ((4, 5, 6), [ELL, IT(2, 1), IT(3)]), ((4, 5), [IT()]),
    ((4, 5), [BT(4)]), ((4, 5), [BT(4, 5)]), ((4, 5), [BT(3)]), ((4, 5), [S(), BT(5)]), ((4, 5), [BT(4, 5), I(0)]),
    ((4, 5, 6), [BT(4, 5)]), ((4, 5, 6), [S(), BT(5, 6)]), ((4, 5), [BT(5)]),
    ((4, 5), [ELL, ELL, I(0)]), ((4, 5), [I(0), ELL, ELL]), ((4, 5), [I(0), I(1), ELL, ELL, NONE]), ((4, 5, 6), [I(-4), ELL, S(2, -1)]),
    ((4, 5, 6), [S(None, None, 2), S(1, None, 2), S(-3, None, 2)]), ((0, 3), [S(1)]), ((0, 3), [I(0)]),
]
for s, items in INDEXES:
    record('index', {'shape': list(s), 'index': items}, lambda: T(s)[tuple(idx_value(it) for it in items)])

# Reductions with dim lists and keepdim.
for s, dims in [((2, 3, 4), None), ((2, 3, 4), [0]), ((2, 3, 4), [-1]), ((2, 3, 4), [0, 2]), ((2, 3, 4), [3]),
                ((2, 3, 4), [-4]), ((2, 3, 4), [0, 0]), ((2, 3, 4), [1, -2]), ((), [0]), ((), [-1]), ((), [1]),
                ((5,), [0]), ((0, 3), [1]), ((2, 3, 4), [0, 1, 2]), ((2, 3, 4), []), ((), [])]:
    for keepdim in (False, True):
        if dims is None:
            record('reduce', {'shape': list(s), 'dims': None, 'keepdim': keepdim},
                   lambda: T(s).sum() if not keepdim else T(s).sum(dim=tuple(range(len(s))), keepdim=True))
        else:
            record('reduce', {'shape': list(s), 'dims': dims, 'keepdim': keepdim},
                   lambda: T(s).sum(dim=tuple(dims), keepdim=keepdim))
for s, dim in [((2, 3, 4), 1), ((2, 3, 4), -1), ((2, 3, 4), 3), ((), 0)]:
    for keepdim in (False, True):
        record('reduce', {'shape': list(s), 'dims': [dim], 'keepdim': keepdim},
               lambda: T(s).max(dim=dim, keepdim=keepdim).values)

for s, dim, index in [((4, 5), 1, (4, 2)), ((4, 5), 0, (2, 5)), ((4, 5), 1, (4,)), ((4, 5), 2, (4, 5)),
                      ((4, 5), -1, (3, 3)), ((4, 5), 1, (5, 2)), ((4, 5), 0, (9, 6)), ((4, 5), 0, (9, 5)), ((4, 5), 1, (4, 9)),
                      ((), 0, ()), ((), 0, (1,)), ((3,), 0, (7,)), ((4, 5), 1, (0, 3))]:
    record('gather', {'shape': list(s), 'dim': dim, 'index': list(index)},
           lambda: torch.gather(T(s), dim, torch.zeros(index, dtype=torch.int64)))
for s, dim, index in [((4, 5), 0, (3,)), ((4, 5), 1, (2,)), ((4, 5), -1, ()), ((4, 5), 2, (2,)), ((4, 5), 0, (2, 2)),
                      ((), 0, (1,))]:
    record('indexSelect', {'shape': list(s), 'dim': dim, 'index': list(index)},
           lambda: torch.index_select(T(s), dim, torch.zeros(index, dtype=torch.int64)))

CONVS = [
    ((8, 3, 32, 32), 16, 3, (3, 3), (1, 1), (0, 0), (1, 1)), ((8, 3, 32, 32), 16, 3, (3, 3), (2, 2), (1, 1), (1, 1)),
    ((8, 3, 32, 32), 16, 3, (5, 5), (1, 1), (2, 2), (2, 2)), ((3, 32, 32), 4, 3, (3, 3), (1, 1), (1, 1), (1, 1)),
    ((8, 4, 32, 32), 16, 3, (3, 3), (1, 1), (0, 0), (1, 1)), ((8, 3, 2, 2), 16, 3, (3, 3), (1, 1), (0, 0), (1, 1)),
    ((8, 3, 7, 9), 6, 3, (3, 2), (2, 3), (1, 0), (1, 2)), ((4, 2, 50), 5, 2, (3,), (1,), (1,), (1,)),
    ((4, 2, 50), 5, 2, (4,), (3,), (0,), (2,)), ((2, 50), 5, 2, (3,), (2,), (0,), (1,)),
    ((1, 1, 5), 1, 1, (3,), (0,), (0,), (1,)), ((1, 1, 5), 1, 1, (3,), (1,), (-1,), (1,)), ((1, 1, 5), 1, 1, (3,), (1,), (0,), (0,)),
    ((1, 1, 5, 5), 1, 1, (3, 3), (1, 1), (0, 0), (1, 0)), ((1, 1, 9, 9), 2, 1, (3, 3), (2, 3), (2, 0), (3, 1)),
    ((2, 4, 9, 9), 6, 4, (3, 3), (1, 1), (0, 0), (1, 1), 2), ((2, 6, 9, 9), 6, 4, (3, 3), (1, 1), (0, 0), (1, 1), 2),
    ((2, 4, 9, 9), 5, 4, (3, 3), (1, 1), (0, 0), (1, 1), 2), ((2, 4, 20), 8, 4, (5,), (2,), (2,), (1,), 4),
]
for x, out_c, in_c, k, st, pad, dil, *rest in CONVS:
    conv = F.conv2d if len(k) == 2 else F.conv1d
    groups = rest[0] if rest else 1
    record('conv', {'input': list(x), 'outChannels': out_c, 'inChannels': in_c, 'kernel': list(k), 'stride': list(st),
                    'padding': list(pad), 'dilation': list(dil), 'groups': groups},
           lambda: conv(T(x), T((out_c, in_c // groups) + k), None, st, pad, dil, groups))

for s, n in [((3,), 5), ((2, 3), 4), ((), 7)]:
    record('oneHot', {'shape': list(s), 'numClasses': n},
           lambda: F.one_hot(torch.zeros(s, dtype=torch.int64), n))
for s, pad in [((2, 3), [1, 1]), ((2, 3), [1, 2, 3, 4]), ((2, 3, 4), [0, 1]), ((2, 3), [1]), ((3,), [1, 1, 1, 1])]:
    record('pad', {'shape': list(s), 'pad': pad}, lambda: F.pad(T(s), pad))

EINSUMS = [
    ('ij,jk->ik', [(2, 3), (3, 4)]), ('ij,jk->ik', [(2, 3), (4, 5)]), ('bij,bjk->bik', [(5, 2, 3), (5, 3, 4)]),
    ('ii->i', [(3, 3)]), ('ij->', [(2, 3)]), ('ij->ji', [(2, 3)]), ('ij', [(2, 3)]), ('ji', [(2, 3)]),
    ('i,j->ij', [(3,), (4,)]), ('...ij,...jk->...ik', [(2, 5, 2, 3), (5, 3, 4)]), ('...ij,...jk', [(7, 2, 3), (3, 4)]),
    ('ij,jk->ik', [(2, 3)]), ('ij->ik', [(2, 3)]), ('ijk->ij', [(2, 3)]), ('bn,bn->b', [(4, 5), (4, 5)]),
    ('ij,ij->ij', [(2, 3), (1, 3)]), ('i...->...', [(2, 3, 4)]), ('ba,ca->bc', [(4, 3), (5, 3)]),
    ('...ij,...jk->ik', [(5, 2, 3), (5, 3, 4)]), ('ij->ii', [(2, 3)]), ('i->j', [(3,)]), ('i1->i', [(3, 2)]),
    ('ii', [(3, 3)]), ('ii->i', [(3, 4)]), ('...i,...i->...', [(2, 3), (4, 3)]), ('...i,...i->...', [(2, 3), (1, 3)]),
    ('i,i', [(3,), (3,)]), ('Ab,bc->Ac', [(2, 3), (3, 4)]), ('...,...->...', [(2, 1), (1, 5)]), ('ij,jk', [(2, 3), (3, 4)]),
    ('i j , j k -> i k', [(2, 3), (3, 4)]), ('ij->i...', [(2, 3)]), ('....->', [(2,)]),
    ('ijk...->i', [(2, 3)]), ('i.j->i', [(2, 3)]), ('ij->i.', [(2, 3)]), ('ij->i1', [(2, 3)]), ('i,j->ij', [(2,)]),
    ('i->i', [(2,), (3,)]), ('...ij,...->...', [(5, 2, 3), (4,)]), ('a...b,...->...', [(7, 2, 1, 3), (4, 9)]),
    ('ij->......', [(2, 3)]), ('ij->i->j', [(2, 3)]), ('ij,,jk', [(2, 3), (3, 4)]), ('ii->i', [(1, 3)]),
    ('i,i->i', [(1,), (3,)]), ('ij->', [(0, 3)]), ('bhqd,bhkd->bhqk', [(2, 4, 5, 8), (2, 4, 7, 8)]),
    ('...qd,...kd->...qk', [(2, 4, 5, 8), (4, 7, 8)]), ('ji,kj', [(3, 2), (4, 3)]),
]
for eq, shapes in EINSUMS:
    record('einsum', {'equation': eq, 'shapes': [list(s) for s in shapes]}, lambda: torch.einsum(eq, *[T(s) for s in shapes]))

with open(OUT, 'w') as f:
    json.dump({'generator': 'scripts/golden/gen_shape_goldens.py', 'torch': torch.__version__, 'cases': cases}, f,
              separators=(',', ':'))
    f.write('\n')
print(f'{len(cases)} cases -> {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes)')
