#!/usr/bin/python3
"""Writes test/golden/programs/NAME.py and NAME.expected.json from real PyTorch.

Run with Debian's interpreter (python3-torch 1.13): /usr/bin/python3 scripts/golden/gen_program_goldens.py

Each program runs statement by statement at top level. The expected file follows the `run`
JSON contract: one entry per top-level assignment target or bare expression statement, in
order: {line, name, shape, dtype, value, printed, error}; values are nested lists with
"inf"/"-inf"/"nan" strings, dtype is 'float32'/'float64'/'int64'/'bool' (null for Python
values). The run stops at the first statement that raises, whose entry carries
error: {type, message}.
"""
import ast
import json
import math
import os
import textwrap
import warnings

import torch

warnings.filterwarnings('ignore')
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'golden', 'programs')
DTYPES = {torch.float32: 'float32', torch.float64: 'float64', torch.int64: 'int64', torch.bool: 'bool'}

SEED_FUNCTIONS = '''
import torch
import torch as t
import torch.nn.functional as F
from torch import Tensor


def naive_logsumexp(matrix: Tensor) -> Tensor:
    return matrix.exp().sum(dim=-1).log()


def batched_logsumexp(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    shifted = matrix - c
    return c.squeeze(-1) + shifted.exp().sum(dim=-1).log()


def naive_softmax(matrix: Tensor) -> Tensor:
    e = matrix.exp()
    return e / e.sum(dim=-1, keepdim=True)


def batched_softmax(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    shifted_exp = (matrix - c).exp()
    return shifted_exp / shifted_exp.sum(dim=-1, keepdim=True)


def naive_logsoftmax(matrix: Tensor) -> Tensor:
    return (matrix.exp() / matrix.exp().sum(dim=-1, keepdim=True)).log()


def batched_logsoftmax(matrix: Tensor) -> Tensor:
    c = matrix.max(dim=-1, keepdim=True).values
    log_sum_exp = c + (matrix - c).exp().sum(dim=-1, keepdim=True).log()
    return matrix - log_sum_exp


def naive_cross_entropy_loss(logits: Tensor, true_labels: Tensor) -> Tensor:
    probs = logits.exp() / logits.exp().sum(dim=-1, keepdim=True)
    return -probs.log()[t.arange(len(true_labels)), true_labels]


def batched_cross_entropy_loss(logits: Tensor, true_labels: Tensor) -> Tensor:
    log_prob = batched_logsoftmax(logits)
    return -log_prob[t.arange(len(true_labels)), true_labels]
'''

ORDINARY = '''
matrix = t.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.25]])
labels = t.tensor([2, 0])
'''

EXTREME = '''
matrix = t.tensor([[1000.0, 1000.0, -1000.0], [-1000.0, -1000.0, -999.0]])
labels = t.tensor([2, 0])
'''

SEED_CALLS = '''
lse_naive = naive_logsumexp(matrix)
lse = batched_logsumexp(matrix)
lse_ref = t.logsumexp(matrix, dim=-1)
sm_naive = naive_softmax(matrix)
sm = batched_softmax(matrix)
sm_ref = F.softmax(matrix, dim=-1)
lsm_naive = naive_logsoftmax(matrix)
lsm = batched_logsoftmax(matrix)
lsm_ref = F.log_softmax(matrix, dim=-1)
ce_naive = naive_cross_entropy_loss(matrix, labels)
ce = batched_cross_entropy_loss(matrix, labels)
ce_ref = F.cross_entropy(matrix, labels, reduction='none')
'''

PROGRAMS = {
    'seed_ordinary': SEED_FUNCTIONS + ORDINARY + SEED_CALLS,
    'seed_extreme': SEED_FUNCTIONS + EXTREME + SEED_CALLS,
    'broadcast_keepdim': '''
import torch
x = torch.arange(6.0).reshape(2, 3)
m = x.max(dim=-1).values
m_keep = x.max(dim=-1, keepdim=True).values
ok = x - m_keep
bad = x - m
''',
    'view_after_transpose': '''
import torch
x = torch.arange(12.0).reshape(3, 4)
y = x.transpose(0, 1)
y.shape
y.is_contiguous()
z = y.reshape(-1)
w = y.contiguous().view(2, 6)
v = y.view(-1)
''',
    'matmul_shapes': '''
import torch
a = torch.ones(2, 3, 4)
b = torch.arange(20.0).reshape(4, 5)
c = a @ b
d = torch.einsum('bij,jk->bik', a, b)
e = (c - d).abs().max()
f = b @ a
''',
    'int_promotion': '''
import torch
i = torch.tensor([1, 2, 3])
f = i / 2
g = i // 2
h = i * 2.5
k = i + True
m = (i > 1).sum()
n = i.float().mean()
p = i.mean()
''',
    'reductions': '''
import torch
x = torch.tensor([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
s = x.sum()
s0 = x.sum(0)
vals, idx = x.max(dim=1)
am = x.argmax()
sd = x.std(dim=1)
v = x.var(unbiased=False)
nrm = x.norm(dim=-1)
cs = x.cumsum(dim=1)
anyneg = (x < 0).any(dim=1)
''',
    'indexing': '''
import torch
x = torch.arange(24).reshape(2, 3, 4)
a = x[0]
b = x[:, 1]
c = x[..., ::2]
d = x[None, 1, :, -1]
e = x[torch.tensor([1, 0]), torch.tensor([2, 2])]
mask = x > 20
f = x[mask]
x[0, 0, 0] = 100
g = x[0, 0]
h = x[2]
''',
    'shape_ops': '''
import torch
x = torch.arange(24.0).reshape(2, 3, 4)
p = x.permute(2, 0, 1)
fl = x.flatten(1)
u = x.unsqueeze(1).shape
sq = torch.zeros(1, 3, 1).squeeze()
cat = torch.cat([x, x], dim=-1).shape
st = torch.stack([x, x]).shape
parts = torch.split(x, 2, dim=-1)
n = len(parts)
ch = x.chunk(3, dim=1)[0].shape
ex = torch.ones(3, 1).expand(3, 4)
r = torch.tensor([[1, 2]]).repeat(2, 2)
bad = torch.cat([x, torch.zeros(2, 2, 4)], dim=2)
''',
    'nn_functions': '''
import torch
import torch.nn.functional as F
logits = torch.tensor([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3]])
target = torch.tensor([0, 2])
loss = F.cross_entropy(logits, target)
smooth = F.cross_entropy(logits, target, label_smoothing=0.1)
nll = F.nll_loss(F.log_softmax(logits, dim=1), target)
oh = F.one_hot(target, num_classes=3)
mse = F.mse_loss(logits, oh.float())
bce = F.binary_cross_entropy_with_logits(logits, oh.float())
ln = F.layer_norm(logits, (3,))
nrm = F.normalize(logits, dim=1)
w = torch.ones(4, 3)
lin = F.linear(logits, w)
padded = F.pad(logits, (1, 1))
gel = F.gelu(logits)
sp = F.softplus(torch.tensor([-1000.0, 0.0, 1000.0]))
''',
    'extreme_values': '''
import torch
x = torch.tensor([1000.0, -1000.0, 88.0, 89.0, 1e-30, 0.0])
e = x.exp()
l = x.log()
l1 = torch.log1p(x)
s = torch.sigmoid(x)
sq = torch.sqrt(-x)
d = torch.tensor([1.0, -1.0, 0.0]) / 0
n = torch.nan_to_num(d)
z = torch.tensor([0.0]) * float('inf')
''',
    'creation': '''
import torch
a = torch.zeros(2, 3)
b = torch.ones(2, dtype=torch.int64)
c = torch.full((2, 2), 7)
d = torch.eye(3)
e = torch.arange(0, 1, 0.25)
f = torch.linspace(0, 1, 5)
g = torch.zeros_like(d)
h = torch.tensor([[1, 2], [3, 4]]).tolist()
k = torch.tensor([2.5]).item()
bad = torch.tensor([[1, 2], [3]])
''',
    'loss_shape_bug': '''
import torch
import torch.nn.functional as F
logits = torch.zeros(4, 10)
labels = torch.tensor([1, 2, 3])
logits.shape
loss = F.cross_entropy(logits, labels)
''',
}


def enc_float(x):
    if math.isnan(x):
        return 'nan'
    if math.isinf(x):
        return 'inf' if x > 0 else '-inf'
    return x


def enc_value(v):
    if isinstance(v, torch.Tensor):
        def walk(x):
            if isinstance(x, list):
                return [walk(y) for y in x]
            return enc_float(x) if isinstance(x, float) else x
        return walk(v.tolist())
    if isinstance(v, torch.Size):
        return list(v)
    if isinstance(v, (list, tuple)):
        return [enc_value(x) for x in v]
    if isinstance(v, float):
        return enc_float(v)
    if isinstance(v, (bool, int, str)) or v is None:
        return v
    return repr(v)


def entry(line, name, v):
    is_t = isinstance(v, torch.Tensor)
    return {
        'line': line, 'name': name,
        'shape': list(v.shape) if is_t else None,
        'dtype': DTYPES.get(v.dtype) if is_t else None,
        'value': enc_value(v),
        'printed': repr(v),
        'error': None,
    }


def targets_of(node):
    if isinstance(node, (ast.Tuple, ast.List)):
        out = []
        for elt in node.elts:
            out.extend(targets_of(elt))
        return out
    return [node]


def run_program(source):
    tree = ast.parse(source)
    env = {}
    entries = []
    for stmt in tree.body:
        code = compile(ast.Module(body=[stmt], type_ignores=[]), '<program>', 'exec')
        if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names = [ast.unparse(t) for tgt in targets for t in targets_of(tgt)]
        elif isinstance(stmt, ast.Expr):
            names = [ast.unparse(stmt.value)]
        else:
            names = None
        try:
            if isinstance(stmt, ast.Expr):
                value = eval(compile(ast.Expression(stmt.value), '<program>', 'eval'), env)
            else:
                exec(code, env)
        except Exception as e:  # the first error ends the run, as `run` does
            entries.append({'line': stmt.lineno, 'name': (names or ['<statement>'])[0], 'shape': None, 'dtype': None,
                            'value': None, 'printed': '', 'error': {'type': type(e).__name__, 'message': str(e).split('\n')[0]}})
            break
        if names is None:
            continue
        if isinstance(stmt, ast.Expr):
            entries.append(entry(stmt.lineno, names[0], value))
        else:
            for name in names:
                entries.append(entry(stmt.lineno, name, eval(name, env)))
    return entries


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, body in PROGRAMS.items():
        source = textwrap.dedent(body).lstrip('\n')
        torch.manual_seed(0)
        entries = run_program(source)
        with open(os.path.join(OUT_DIR, f'{name}.py'), 'w') as fh:
            fh.write(source)
        with open(os.path.join(OUT_DIR, f'{name}.expected.json'), 'w') as fh:
            json.dump({'torch': torch.__version__, 'generator': 'scripts/golden/gen_program_goldens.py', 'entries': entries}, fh, indent=1)
            fh.write('\n')
        errors = [e for e in entries if e['error']]
        print(f'{name:22s} {len(entries):3d} entries' + (f'  stops at line {errors[0]["line"]}: {errors[0]["error"]["type"]}' if errors else ''))


if __name__ == '__main__':
    main()
