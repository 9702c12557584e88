"""Writes <program>.expected.json next to each test/unit/run/programs/*.py by running it in
real PyTorch, statement by statement, the way `tensorlint run` reports it: one entry per
top-level assignment target or bare expression, stopping at the first error.

Run with Debian's interpreter (it has torch): /usr/bin/python3 test/unit/run/gen_expected.py
"""
import ast
import glob
import json
import math
import os

import torch

DTYPES = {torch.float32: 'float32', torch.float64: 'float64', torch.int64: 'int64', torch.bool: 'bool'}


def safe(x):
    if isinstance(x, float):
        if math.isnan(x):
            return 'nan'
        if math.isinf(x):
            return 'inf' if x > 0 else '-inf'
        return x
    if isinstance(x, list):
        return [safe(i) for i in x]
    return x


def describe(v):
    if isinstance(v, torch.Tensor):
        return {'shape': list(v.shape), 'dtype': DTYPES[v.dtype], 'value': safe(v.tolist())}
    if isinstance(v, torch.Size):
        return {'shape': None, 'dtype': None, 'value': list(v)}
    if isinstance(v, (tuple, list)):
        return {'shape': None, 'dtype': None, 'value': [describe(i)['value'] for i in v]}
    if isinstance(v, (bool, int, float, str)) or v is None:
        return {'shape': None, 'dtype': None, 'value': safe(v)}
    return {'shape': None, 'dtype': None, 'value': None}


def names_of(target):
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for t in target.elts for n in names_of(t)]
    if isinstance(target, ast.Starred):
        return names_of(target.value)
    return [ast.get_source_segment(SOURCE, target)]


for path in sorted(glob.glob(os.path.join(os.path.dirname(__file__), 'programs', '*.py'))):
    SOURCE = open(path).read()
    tree = ast.parse(SOURCE)
    env = {}
    entries = []
    torch.manual_seed(0)
    for stmt in tree.body:
        module = ast.Module(body=[stmt], type_ignores=[])
        try:
            if isinstance(stmt, ast.Expr) and not isinstance(stmt.value, ast.Constant):
                value = eval(compile(ast.Expression(stmt.value), path, 'eval'), env)
                if value is None and isinstance(stmt.value, ast.Call):
                    continue
                entries.append({'line': stmt.lineno, 'name': ast.get_source_segment(SOURCE, stmt.value), **describe(value), 'error': None})
                continue
            exec(compile(module, path, 'exec'), env)
            if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for t in targets:
                    for name in names_of(t):
                        entries.append({'line': stmt.lineno, 'name': name, **describe(eval(name, env)), 'error': None})
        except Exception as e:  # noqa: BLE001 - the error is the expected entry
            entries.append({'line': stmt.lineno, 'error': {'type': type(e).__name__, 'message': str(e)}})
            break
    with open(path[:-3] + '.expected.json', 'w') as f:
        json.dump(entries, f, indent=1)
        f.write('\n')
    print(path, len(entries))
