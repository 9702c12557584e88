"""Writes tabErrorCases.json next to this file: random small programs that mix tabs and spaces
in indentation (blocks, bracketed and backslash continuations, triple-quoted strings, comments,
CRLF), each with what CPython's compile() says: {"ok": true}, {"tab": line} for a TabError, or
{"other": line} for any other syntax error. tabError.test.ts checks findTabError against it.

Run with Debian's interpreter: /usr/bin/python3 test/unit/python/gen_tab_cases.py
"""
import json
import os
import random
import sys
random.seed(1)
UNITS = [' ', '  ', '    ', '\t', ' \t', '\t ', '        ', '\t\t', '   \t']
def col(s):
    c = 0
    for ch in s:
        c = (c // 8 + 1) * 8 if ch == '\t' else c + 1
    return c
def same_col_variant(s):
    # rewrite with the same tab-8 column but a random mix of tabs and spaces
    target = col(s)
    out = ''
    while col(out) < target:
        if random.random() < 0.5 and col(out + '\t') <= target:
            out += '\t'
        else:
            out += ' '
    return out
def ind(depth):
    return ''.join(random.choice(UNITS) for _ in range(depth))
cases = []
for _ in range(700):
    lines = []
    stack = ['']
    for k in range(random.randint(2, 8)):
        r = random.random()
        if r < 0.45:
            pre = stack[-1]
        elif r < 0.75:
            pre = same_col_variant(random.choice(stack))
        elif r < 0.9:
            i = random.randrange(len(stack)); pre = stack[i]; del stack[i+1:]
        else:
            pre = ind(random.randint(0, 3))
        kind = random.random()
        if kind < 0.35:
            lines.append(pre + 'if x:')
            nxt = pre + random.choice(UNITS)
            stack.append(nxt)
            lines.append(random.choice([nxt, same_col_variant(nxt)]) + 'a = 0')
        elif kind < 0.45:
            lines.append(pre + 'y = (1,')
            lines.append(ind(random.randint(0, 2)) + '2)')
        elif kind < 0.5:
            lines.append(pre + 'y = 1 + \\')
            lines.append(ind(random.randint(0, 2)) + '2')
        elif kind < 0.55:
            lines.append(pre + 's = """a')
            lines.append(ind(random.randint(0, 2)) + 'b"""')
        elif kind < 0.6:
            lines.append(ind(random.randint(0, 2)) + '# comment')
        elif kind < 0.63:
            lines.append(ind(random.randint(0, 2)))
        elif kind < 0.66:
            lines.append(pre + "t = '\\t' # ( [")
        else:
            lines.append(pre + 'a = 1')
    src = '\n'.join(lines) + '\n'
    if random.random() < 0.2: src = src.replace('\n', '\r\n')
    try:
        compile(src, 'f', 'exec')
        res = {'ok': True}
    except TabError as e:
        res = {'tab': e.lineno}
    except SyntaxError as e:
        res = {'other': e.lineno, 'type': type(e).__name__, 'msg': e.msg}
    cases.append({'src': src, **res})
# Keep the file small: every TabError and every accepted case, a few of the others.
kept = [c for c in cases if 'other' not in c] + [c for c in cases if 'other' in c][:50]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'tabErrorCases.json'), 'w') as fh:
    json.dump({'python': sys.version.split()[0], 'cases': kept}, fh, indent=0)
    fh.write('\n')
print(len(kept), 'cases')
