#!/usr/bin/python3
"""Writes test/golden/last_bits.json: torch's exact float32 results for ops whose rounding order
the engine copies (exp, sigmoid, softmax and log_softmax, rsqrt, silu, binary_cross_entropy_with_logits,
float32 sum and mean in torch's order of additions).

Run with Debian's interpreter (python3-torch 1.13): /usr/bin/python3 scripts/golden/gen_last_bits.py

The op goldens compare at rtol 1e-5; these cases record exact float32 results over the last
dim and over inner dims (torch has a separate kernel for each, which round differently), so a
test can measure how often the engine reproduces torch's bits. Values are seeded random
normals scaled by 3, with a few extreme columns.
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'golden', 'last_bits.json')

SHAPES = [
    ((5, 7, 3), 1), ((2, 3, 3), 1), ((40, 9), 0), ((3, 100, 2), 1), ((4, 6, 5, 5), 1),
    ((8, 10), 0), ((2, 16, 4), 1), ((6, 50), 1), ((3, 4, 33), -1), ((64, 10), -1),
]

# Inner, outer and middle-dim reductions, lengths below, at and past the 8-lane vectors and the
# cascade's 16-element blocks, a full reduction of 64,000 elements, size-1 dims, and reduced
# dims that are not neighbours (torch's loop then accumulates over the outer ones).
SUM_SHAPES = [
    ((300, 3), [1]), ((300, 5), [1]), ((300, 9), [1]), ((100, 33), [1]), ((20, 1000), [1]),
    ((3, 300), [0]), ((33, 300), [0]), ((100, 5), [0]), ((7, 100, 6), [1]), ((4, 50, 20), [1]),
    ((4, 1, 50, 20), [2]), ((6, 7, 8), [1, 2]), ((6, 7, 8), [0, 1]), ((64, 1000), [0, 1]),
    ((2, 3, 4, 5), [1, 2]), ((1, 17), [1]), ((6, 7, 8), [0, 2]), ((3, 4, 5, 6), [0, 2]),
    ((3, 4, 5, 6), [1, 3]), ((3, 40, 5, 16), [0, 2]), ((2, 3, 4, 5, 6), [0, 2, 4]),
    ((5, 12, 7, 3), [0, 1, 3]), ((2, 300, 5), [0, 2]), ((7, 9, 11), [1]),
    # Only size-1 dims reduced: no true reduction, each output is 0 + its element.
    ((1, 4), [0]), ((3, 1, 5), [1]), ((1, 1), [0, 1]),
]

# (shape, per-dim (start, stop, step), permutation, dims) of non-contiguous views.
VIEW_SUMS = [
    ((30, 40), [(None,), (None,)], [1, 0], [0]), ((30, 40), [(None,), (None,)], [1, 0], [1]),
    ((30, 40), [(None,), (None,)], [1, 0], [0, 1]), ((6, 7, 8), [(None,)] * 3, [2, 0, 1], [1]),
    ((6, 7, 8), [(None,)] * 3, [1, 2, 0], [0, 2]), ((40, 50), [(None,), (None, None, 2)], [0, 1], [1]),
    ((40, 50), [(None,), (None, None, 2)], [0, 1], [0]), ((40, 50), [(5, 30), (None,)], [0, 1], [0]),
    ((40, 50), [(None, None, 3), (1, None)], [0, 1], [0, 1]), ((10, 20, 30), [(None,), (3, 17), (None,)], [2, 1, 0], [1]),
]


def enc(t):
    """JSON has no inf: infinities are written as the strings 'inf' and '-inf'."""
    return [v if abs(v) != float('inf') else ('inf' if v > 0 else '-inf') for v in t.tolist()]


def main():
    torch.manual_seed(20261128)
    cases = []
    for shape, dim in SHAPES:
        x = torch.randn(*shape) * 3
        flat = x.view(-1)
        flat[::17] = flat[::17] * 40  # some large logits, well inside the float32 range
        cases.append({
            'shape': list(shape),
            'dim': dim,
            'x': x.flatten().tolist(),
            'softmax': torch.softmax(x, dim).flatten().tolist(),
            'log_softmax': torch.log_softmax(x, dim).flatten().tolist(),
        })
    x = torch.rand(3000) * 1e5
    rsqrt = {'x': x.tolist(), 'out': torch.rsqrt(x).tolist()}
    # exp over ordinary values and sweeps of the overflow, underflow and denormal ranges.
    e = torch.cat([torch.randn(4000) * 20, torch.linspace(-110, -85, 2000), torch.linspace(85, 90, 500),
                   torch.tensor([0.0, -0.0, 1e-30, -1e-30, 88.72283, 88.72284, float('inf'), float('-inf')])])
    exp = {'x': enc(e), 'out': enc(torch.exp(e)), 'sigmoid': enc(torch.sigmoid(e))}
    z = torch.randn(3000) * 5
    silu = {'x': z.tolist(), 'out': torch.nn.functional.silu(z).tolist()}
    logits = torch.randn(3000) * 30
    target = torch.rand(3000) * 3 - 1
    pos_weight = torch.rand(3000) * 4
    bce = {
        'input': logits.tolist(),
        'target': target.tolist(),
        'pos_weight': pos_weight.tolist(),
        'out': torch.nn.functional.binary_cross_entropy_with_logits(logits, target, reduction='none').tolist(),
        'out_pos_weight': torch.nn.functional.binary_cross_entropy_with_logits(logits, target, pos_weight=pos_weight, reduction='none').tolist(),
    }
    sums = []
    for shape, dims in SUM_SHAPES:
        v = torch.randn(*shape) * torch.exp(torch.randn(*shape) * 3)
        sums.append({'shape': list(shape), 'dims': dims, 'x': v.flatten().tolist(),
                     'sum': v.sum(dims).flatten().tolist(), 'mean': v.mean(dims).flatten().tolist()})
    # Views: torch's loop follows the strides, so the engine must too.
    for shape, slices, perm, dims in VIEW_SUMS:
        base = torch.randn(*shape) * torch.exp(torch.randn(*shape) * 3)
        v = base[tuple(slice(*sl) for sl in slices)].permute(*perm)
        sums.append({'shape': list(shape), 'slices': slices, 'permute': perm, 'dims': dims, 'x': base.flatten().tolist(),
                     'sum': v.sum(dims).flatten().tolist(), 'mean': v.mean(dims).flatten().tolist()})
    # Cancellation: the sum the seed notes' naive forms meet, and a sign that torch gets as 0.
    cancel = torch.tensor([[0.5, 1.5, 1e-08, -2.0], [1e-30, -0.75, -2.0, 4.0], [3e4, 1e-3, -3e4, 1e-3]])
    sums.append({'shape': [3, 4], 'dims': [1], 'x': cancel.flatten().tolist(),
                 'sum': cancel.sum(1).tolist(), 'mean': cancel.mean(1).tolist()})
    with open(OUT, 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': cases, 'rsqrt': rsqrt, 'exp': exp, 'silu': silu, 'bce_with_logits': bce, 'sums': sums}, f)
        f.write('\n')
    print(f'wrote {len(cases)} softmax cases, exp, sigmoid, rsqrt, silu, bce_with_logits and {len(sums)} sums to {os.path.relpath(OUT)}')


if __name__ == '__main__':
    main()
