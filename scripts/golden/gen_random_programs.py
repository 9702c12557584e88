#!/usr/bin/python3
"""Writes test/golden/random_programs.json: random straight-line torch programs and what real
PyTorch does with them, statement by statement (the `run` JSON contract, as in
gen_program_goldens.py).

Run with Debian's interpreter (python3-torch 1.13):
  /usr/bin/python3 scripts/golden/gen_random_programs.py [--seed N] [--count N] [--out FILE]

Programs start from literal tensors (torch's random values are not reproduced by the engine)
with ordinary and extreme values (±1000, 1e-30, inf, nan, -0.0), int64 and bool tensors, and
shapes with 1s and 0s, then chain elementwise ops, reductions with random dims, shape ops,
indexing, matmul and nn functions on them. A statement that raises ends its program, so each
error torch raises is checked too; most raising statements are redrawn so programs stay long.
"""
import argparse
import json
import math
import os
import random
import sys
import warnings

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_program_goldens import run_program  # noqa: E402

warnings.filterwarnings('ignore')
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'golden', 'random_programs.json')

ORDINARY = [0.0, 1.0, -1.0, 0.5, 2.0, -3.5, 0.25, 3.0, -0.75, 1.5, 4.0, -2.0]
EXTREME = [1000.0, -1000.0, 1e-30, 88.0, 89.0, -104.0, 1e-8, float('inf'), float('-inf'), float('nan'), -0.0, 65504.0]
INTS = [0, 1, 2, 3, -1, -2, 5, 7]


def lit(v):
    if isinstance(v, bool):
        return 'True' if v else 'False'
    if isinstance(v, int):
        return str(v)
    if math.isnan(v):
        return "float('nan')"
    if math.isinf(v):
        return "float('inf')" if v > 0 else "float('-inf')"
    return repr(v)


def nested(shape, draw):
    if not shape:
        return lit(draw())
    return '[' + ', '.join(nested(shape[1:], draw) for _ in range(shape[0])) + ']'


def huge(value):
    if isinstance(value, list):
        return any(huge(v) for v in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > 2 ** 53


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.names = []

    def shape(self):
        rank = self.r.choice([0, 1, 1, 2, 2, 2, 3, 3])
        return [self.r.choice([1, 2, 3, 3, 4, 0] if self.r.random() < 0.08 else [1, 2, 3, 3, 4]) for _ in range(rank)]

    def value(self):
        if self.r.random() < 0.15:
            return self.r.choice(EXTREME)
        return self.r.choice(ORDINARY)

    def creation(self):
        kind = self.r.random()
        s = self.shape()
        if kind < 0.5:
            return f'torch.tensor({nested(s, self.value)})' if s else f'torch.tensor({lit(self.value())})'
        if kind < 0.65:
            return f'torch.tensor({nested(s, lambda: self.r.choice(INTS))})' if s else f'torch.tensor({self.r.choice(INTS)})'
        if kind < 0.72:
            return f'torch.tensor({nested(s, lambda: self.r.random() < 0.5)})' if s else 'torch.tensor(True)'
        if kind < 0.8:
            n = max(1, math.prod(s)) if s else 1
            start = self.r.choice([0, -3, 1])
            return f'torch.arange({start}, {start + n}{self.r.choice(["", ".0"])}).reshape({", ".join(map(str, s)) if s else ""})' if s else f'torch.arange({n}.0)'
        if kind < 0.87:
            return f'torch.full(({", ".join(map(str, s))}{"," if len(s) == 1 else ""}), {lit(self.value())})'
        if kind < 0.93:
            return f'torch.{self.r.choice(["zeros", "ones"])}({", ".join(map(str, s))})'
        return f'torch.linspace({lit(self.r.choice(ORDINARY))}, {lit(self.r.choice(ORDINARY))}, {self.r.choice([1, 2, 5])})'

    def dim(self):
        return self.r.choice([0, 1, -1, -2, 2])

    def statement(self):
        r = self.r
        if not self.names or r.random() < 0.2:
            return self.creation()
        a = r.choice(self.names)
        b = r.choice(self.names)
        d = self.dim()
        kd = r.choice(['', ', keepdim=True'])
        unary = [
            'exp()', 'log()', 'log1p()', 'expm1()', 'sqrt()', 'rsqrt()', 'sigmoid()', 'tanh()', 'relu()', 'abs()', 'neg()',
            'sin()', 'cos()', 'floor()', 'ceil()', 'round()', 'sign()', 'reciprocal()', 'square()', 'isnan()', 'isinf()',
            'isfinite()', 'nan_to_num()', 'clamp(min=-1.0, max=2.0)', 'clamp(min=0)', 'float()', 'long()', 'bool()', 'double()',
            'logical_not()', 'log2()', 'frac()', 'trunc()',
        ]
        reductions = [
            f'sum({d}{kd})', 'sum()', f'mean({d}{kd})', 'mean()', f'prod({d}{kd})', f'amax({d}{kd})', f'amin({d}{kd})',
            f'argmax({d}{kd})', 'argmax()', f'argmin({d})', f'logsumexp({d}{kd})', f'std({d}{kd})', 'std()', f'var({d}, unbiased=False)',
            f'all({d})', 'any()', f'norm(dim={d})', 'norm()', f'cumsum({d})', f'max({d}{kd}).values', f'min({d}).indices', 'max()',
            f'sum(({d}, {self.dim()}))', f'softmax({d})', f'log_softmax({d})',
        ]
        shape_ops = [
            'reshape(-1)', 'flatten()', 'T', f'transpose(0, {d})', f'unsqueeze({d})', 'squeeze()', f'squeeze({d})',
            f'flip({d})', 'contiguous()', f'cumsum(0)', 'tril()', 'triu(1)', f'repeat(2, 1)', 'view(-1)', f'chunk(2, {d})[0]',
            f'split(1, {d})[-1]', f'unbind({d})[0]', 'mT', f'movedim(0, {d})', f'narrow({d}, 0, 1)', 'numel()',
            'shape', 'size(0)', 'dim()', 'tolist()', 'item()', 'clone()', 'expand(2, *{a}.shape)'.replace('{a}', a),
        ]
        roll = r.random()
        if roll < 0.22:
            return f'{a}.{r.choice(unary)}'
        if roll < 0.42:
            return f'{a}.{r.choice(reductions)}'
        if roll < 0.57:
            return f'{a}.{r.choice(shape_ops)}'
        if roll < 0.75:
            op = r.choice(['+', '-', '*', '/', '//', '**', '%', '>', '<=', '==', '&', '|', '@', '@'])
            other = b if r.random() < 0.7 else lit(r.choice(ORDINARY + INTS))
            return f'{a} {op} {other}'
        if roll < 0.83:
            return r.choice([
                f'torch.maximum({a}, {b})', f'torch.minimum({a}, {b})', f'torch.where({a} > 0, {a}, {b})', f'torch.cat([{a}, {b}], {d})',
                f'torch.stack([{a}, {b}], {d})', f'torch.matmul({a}, {b})', f'torch.mm({a}, {b})', f'torch.bmm({a}, {b})',
                f'torch.outer({a}, {b})', f'torch.dot({a}, {b})', f'torch.einsum("ij,jk->ik", {a}, {b})',
                f'torch.einsum("...i,...i->...", {a}, {b})', f'torch.broadcast_tensors({a}, {b})[0]', f'{a}.masked_fill({b} > 0, -1.0)',
                f'{a}.expand_as({b})', f'{a}.view_as({b})', f'torch.clamp({a}, max={lit(r.choice(ORDINARY))})',
                f'1 if {a} > 0 else 0', f'{a}.sum() if {a}.numel() > 0 else {b}', f'int(not {a})', f'{a} and {b}',
                f'{a}.item()', f'float({a})',
                f'torch.gather({a}, {d}, {b}.long().abs())', f'{a}.index_select({d}, torch.tensor([0, 0, 1]))',
                f'{a}.masked_fill({b} > 0, {lit(r.choice(EXTREME))})', f'{a}.topk(1, {d}).values', f'{a}.sort({d}).indices',
                f'{a}.sort(descending=True).values', f'{a}.cumprod({d})', f'torch.where({a} > 0, {a}, {lit(r.choice(ORDINARY))})',
                f'torch.where({a} > 0, 1.0, 0.0)', f'F.pad({a}, (0, 1, 1, 0))', f'{a}.tile((2,))', f'{a}.repeat(1, 2)',
                f'{a}.reshape(-1, 2)', f'{a}.view(2, -1)', f'{a}.unflatten(0, (1, -1))', f'{a}.permute(*reversed(range({a}.dim())))',
                f'{a}.var({d}, correction=0)' if False else f'{a}.var({d}, unbiased=True)', f'{a}.logsumexp((0, {d}))',
                f'{a}.norm(p=1)', f'F.normalize({a}, p=1, dim={d})', f'torch.clamp({a}, min={b})', f'{a}.triu(-1)',
                f'{a}.new_zeros({a}.shape)', f'torch.zeros_like({a}, dtype=torch.long)', f'torch.full_like({a}, 2.5)',
                f'{a}.type(torch.float64)', f'{a}.to(torch.int64)', f'{a}.max({b})' , f'{a}.min(dim={d}).values',
                f'{a}.squeeze(0).unsqueeze(-1)', f'{a}.mean(({d},), keepdim=True)', f'{a}.std(({d},))', f'{a}.sum(dtype=torch.float64)',
                f'{a}.softmax({d}, dtype=torch.float64)', f'{a}.argmax({d}, keepdim=True)', f'{a}.amax(({d}, 0))',
                f'torch.cat([{a}, {a}])', f'torch.stack([{a}, {b}])', f'torch.split({a}, [1, 1], {d})[0]', f'{a}.chunk(3)[-1]',
                f'{a}.expand(3, *{a}.shape).sum(0)', f'{a}.abs().sqrt().log()', f'({a} > 0).sum()', f'({a} == {b}).float().mean()',
                f'{a}.isclose({b})' if False else f'{a}.eq({b}).any()', f'{a}.ne({b}).all()', f'{a}.clone().fill_(0)' if False else f'{a}.sign().abs()',
            ])
        if roll < 0.92:
            return r.choice([
                f'F.softmax({a}, dim={d})', f'F.log_softmax({a}, dim={d})', f'F.softplus({a})', f'F.gelu({a})', f'F.silu({a})',
                f'F.logsigmoid({a})', f'F.normalize({a}, dim={d})', f'F.layer_norm({a}, {a}.shape[-1:])', f'F.relu({a})',
                f'F.cross_entropy({a}, {b})', f'F.cross_entropy({a}, {b}.long())', f'F.cross_entropy({a}, {b}, reduction="none")',
                f'F.nll_loss({a}, {b}.long())', f'F.mse_loss({a}, {b})', f'F.binary_cross_entropy_with_logits({a}, {b})',
                f'F.binary_cross_entropy({a}.sigmoid(), {b}.sigmoid())', f'F.one_hot({a}.long().abs(), 5)', f'F.pad({a}, (1, 2))',
                f'F.linear({a}, {b})', f'F.dropout({a}, training=False)', f'F.leaky_relu({a}, 0.2)', f'F.elu({a})',
                f'torch.logsumexp({a}, dim={d})', f'torch.log(torch.exp({a}).sum({d}))', f'torch.log1p(torch.exp({a}))',
                f'torch.log(torch.sigmoid({a}))', f'{a}.exp() / {a}.exp().sum({d}, keepdim=True)',
            ])
        idx = r.choice([
            '[0]', '[-1]', '[:, 0]', '[..., 1:]', '[::2]', '[None]', '[..., None]', '[1:3]',
            f'[{a} > 0]', '[torch.tensor([0, 0])]', '[:, torch.tensor([1, 0])]', '[0, 0]', '[..., -1]', '[torch.tensor([True, False])]',
        ])
        return f'{a}{idx}'

    def program(self):
        header = ['import torch', 'import torch.nn.functional as F']
        lines = list(header)
        self.names = []
        length = self.r.randint(3, 10)
        attempts = 0
        while len(lines) - len(header) < length and attempts < 60:
            attempts += 1
            name = f'v{len(lines) - len(header)}'
            line = f'{name} = {self.statement()}'
            candidate = '\n'.join(lines + [line]) + '\n'
            entries = run_program(candidate)
            failed = any(e['error'] for e in entries)
            # The engine stores int64 in doubles: values past 2^53 are its documented limit.
            if any(e['dtype'] == 'int64' and huge(e['value']) for e in entries if not e['error']):
                continue
            if failed:
                # Keep a raising statement sometimes (it ends the program), redraw it otherwise.
                if self.r.random() < 0.25:
                    return candidate, entries
                continue
            lines.append(line)
            # Only tensors are operands: a method on an int or a Size is an AttributeError in
            # Python and simply "not supported" in the engine, which tests nothing.
            if entries[-1]['dtype'] is not None:
                self.names.append(name)
        text = '\n'.join(lines) + '\n'
        return text, run_program(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--seed', type=int, default=1128)
    parser.add_argument('--count', type=int, default=300)
    parser.add_argument('--out', default=OUT)
    args = parser.parse_args()
    gen = Gen(random.Random(args.seed))
    cases = []
    for _ in range(args.count):
        code, entries = gen.program()
        cases.append({'code': code, 'entries': entries})
    with open(args.out, 'w', encoding='utf-8') as f:
        json.dump({'torch': torch.__version__, 'generator': 'scripts/golden/gen_random_programs.py', 'seed': args.seed, 'cases': cases}, f, indent=None)
        f.write('\n')
    errors = sum(1 for c in cases if any(e['error'] for e in c['entries']))
    print(f'wrote {len(cases)} programs ({errors} end in a torch error) to {os.path.relpath(args.out)}')


if __name__ == '__main__':
    main()
