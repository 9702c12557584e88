#!/usr/bin/python3
"""Writes test/golden/print.json: what `print` and f-strings show in real Python + PyTorch.

Run with Debian's interpreter (python3-torch 1.13): /usr/bin/python3 scripts/golden/gen_print_goldens.py

Each case is a small program and the exact text it writes to stdout; `run` must write the
same text through its print entries (their `value`s, concatenated).
"""
import contextlib
import io
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'golden', 'print.json')

PRELUDE = 'import torch\nimport torch.nn.functional as F\n'

CASES = [
    'print(1, 2.5, True, None, "s")',
    'print("a", "b", sep="", end="!")\nprint()',
    'print(*[1, 2, 3], sep=", ")',
    'print([1, "a", None, 2.5], (1,), (), [], ("x", 2))',
    "print('it\\'s', \"say \\\"hi\\\"\", repr('a\\nb'), ['tab\\there', \"q'\"])",
    'print("tab\\there", r"raw\\n", "uni\\u00e9 \\x41")',
    'print(1e16, 1e-5, 0.1 + 0.2, 1/3, -0.0, float("inf"), float("nan"), 2**70, -7 // 2)',
    'x = torch.tensor([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0]])\nprint(x.shape, x.dtype)\nprint(x)\nprint(x.exp().sum(-1).log())',
    'x = torch.arange(6).view(2, 3)\nprint(x, x.tolist(), x.shape[0], x.size(1))',
    # Full-precision float32 items are left to exact values: a 1-ulp difference from torch's
    # kernels is within tolerance but shows in repr's 17 digits.
    'loss = F.cross_entropy(torch.tensor([[2.0, 1.0, 0.1]]), torch.tensor([0]))\nprint(f"{loss:.4f}", f"{loss.item():.3e}")\nprint(loss)\ns = torch.tensor([1.5, 2.25]).sum()\nprint(f"{s}", s.item(), f"{s:.1f}")',
    'x = torch.tensor([1.5, -2.0])\nprint(f"{x}")\nprint(f"{x.shape=}")\nprint(f"{x.sum()=:.2f}")',
    'n = 42\nprint(f"{n}|{n:5}|{n:<5}|{n:^7}|{n:05}|{n:+d}|{n: d}|{n:x}|{n:#X}|{n:o}|{n:#b}|{n:,}|{-n:08.2f}")',
    'n = 1234567\nprint(f"{n:,}|{n:_}|{n:_x}|{n:e}|{n:.3g}|{n:%}|{n:.1%}")',
    'v = 3.14159265\nprint(f"{v}|{v:.2f}|{v:10.3f}|{v:<10.1f}|{v:^10.2e}|{v:+.0f}|{v:.3}|{v:g}|{v:G}|{v:.0e}|{v:#.0f}")',
    'for v in [0.0001, 0.00001, 123456.0, 1234567.0, 1e100, 2.5, 0.5, 1.0]:\n    print(f"{v:g} {v:.3} {v:.2g} {v}")',
    'for v in [float("inf"), float("-inf"), float("nan")]:\n    print(f"{v:f}|{v:.2e}|{v:G}|{v:+}|{v:>6}")',
    's = "hello"\nprint(f"{s}|{s!r}|{s:>8}|{s:*^9}|{s:.2}|{s!r:>9}|{{s}}|{s=}|{s = }")',
    'w = 8\np = 3\nprint(f"{3.14159:{w}.{p}f}|{\'x\':>{w}}")',
    'print(f"{True}|{True:d}|{False:>6}|{None}|{[1, 2]}|{(1, 2)!s}")',
    'x = torch.zeros(2, 3)\nprint(f"shape {tuple(x.shape)} numel {x.numel()} dim {x.dim()}")',
    'for i in range(3):\n    print(i, end=" ")\nprint("done")',
    'def f(a):\n    print("in f", a)\n    return a * 2\ny = f(3)\nprint(y)',
    'print("multi\\nline", "text")',
    'print(f"{1}" f"{2}" "3")',
    'x = torch.tensor([1e-30, 1e30])\nprint(x, f"{x[0].item()}")',
    'print(torch.float32, torch.int64, torch.Size([2, 3]))',
    'import torch.nn as nn\nprint(nn.Linear(3, 2), nn.Linear(3, 2, bias=False), nn.Conv1d(3, 4, 5), nn.Conv2d(3, 16, 3))',
    "import torch.nn as nn\nprint(nn.Conv2d(3, 16, (3, 5), stride=2, padding=1, dilation=2, bias=False, padding_mode='reflect'))\nprint(nn.Conv2d(3, 8, 3, padding='same', groups=1))",
    'import torch.nn as nn\nprint(nn.Embedding(10, 3), nn.Embedding(10, 3, padding_idx=0), nn.LayerNorm(8), nn.LayerNorm((4, 8), eps=1e-6, elementwise_affine=False))',
    'import torch.nn as nn\nprint(nn.BatchNorm1d(8), nn.BatchNorm2d(8, affine=False), nn.Dropout(), nn.Dropout(0.1, inplace=True), nn.Dropout2d(0.2))',
    "import torch.nn as nn\nprint(nn.Identity(), nn.ReLU(), nn.ReLU(inplace=True), nn.GELU(), nn.GELU('tanh'), nn.Tanh(), nn.Sigmoid(), nn.SiLU())",
    'import torch.nn as nn\nprint(nn.LeakyReLU(), nn.LeakyReLU(0.2, True), nn.Softmax(dim=-1), nn.Softmax(), nn.LogSoftmax(1), nn.Flatten())',
    'import torch.nn as nn\nprint(nn.MultiheadAttention(8, 2), nn.CrossEntropyLoss(), nn.NLLLoss(), nn.MSELoss(), nn.BCELoss(), nn.BCEWithLogitsLoss())',
    # try/except: which handler catches which torch or Python error, `as e`, str(e), finally.
    'x = torch.zeros(2, 3)\ntry:\n    y = x @ x\nexcept ValueError:\n    print("value")\nexcept RuntimeError as err:\n    print("runtime:", err)\n'
    'try:\n    z = x[5]\nexcept (KeyError, LookupError) as e:\n    print("lookup", type(e).__name__, e)\n'
    'try:\n    w = x.view(7)\nexcept Exception:\n    print("caught")\nfinally:\n    print("finally")\n'
    'try:\n    q = 1 / 0\nexcept ArithmeticError as e:\n    print("arith", e, e.args)\n'
    'try:\n    r = x.sum(dim=5)\nexcept IndexError:\n    print("index")\nelse:\n    print("no error")',
    # Tensor truthiness: one element is its truth, any other size raises.
    'x = torch.zeros(2)\nfor t in [x, torch.zeros(0), torch.tensor([3]), torch.tensor(0.0)]:\n    try:\n        print(bool(t), "yes" if t else "no")\n'
    '    except RuntimeError as e:\n        print(e)\ntry:\n    int(x)\nexcept ValueError as e:\n    print(type(e).__name__, e)',
    'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Sequential(nn.Linear(4, 2)))\nprint(model)\nprint(nn.ModuleList([nn.Linear(1, 1), nn.Tanh()]), nn.ModuleList())\nprint(f"{model}")',
]


def main() -> None:
    cases = []
    for body in CASES:
        code = PRELUDE + body + '\n'
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, '<case>', 'exec'), {'__name__': '__main__'})
        cases.append({'code': code, 'stdout': out.getvalue()})
    doc = {'torch': torch.__version__, 'generator': 'scripts/golden/gen_print_goldens.py', 'cases': cases}
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'wrote {len(cases)} cases to {os.path.relpath(OUT)}')


if __name__ == '__main__':
    main()
