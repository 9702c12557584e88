// Seeded input generation for the fuzzer: a small PRNG (so every run is reproducible from its
// seed), mutations of real Python text, and generators of pathological programs.

/** mulberry32: tiny, fast, and good enough to pick mutations; never Math.random (not seedable). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

// Python tokens and fragments that push the parser and the interpreter into odd corners.
const TOKENS = [
  '(', ')', '[', ']', '{', '}', ':', ',', '.', '=', '==', '**', '@', '->', 'lambda', 'def', 'class', 'if', 'else',
  'return', 'yield', 'await', 'async', 'with', 'for', 'in', 'not', 'is', 'None', 'True', '...', '\\', '#', '"', "'",
  '"""', 'f"{', '}"', '\n', '\t', '    ', 'torch', 'x', 'self', '0', '-1', '1e308', '0x', '1_000', 'j', 'b"', 'print',
  'torch.zeros(', 'torch.randn(2, 3)', '.view(-1)', '.exp()', '.log()', '.sum(dim=1)', 'rearrange(x, "b c -> c b")',
  'F.softmax(', 'torch.log(torch.exp(x).sum())', '@ W', '[:, None]', '*args', '**kw', ':=', 'match', 'case', 'global',
];

// Unicode that breaks naive offset arithmetic: lone surrogates, RTL overrides, zero-width
// joiners, astral emoji (two UTF-16 units), combining marks, line/paragraph separators.
const ODD_UNICODE = [
  '\ud800', '\udfff', '\u202e', '\u200f', '\u200b', '\u200d', '\ufeff', '😀', '👩‍👩‍👧', '𝔵', 'é', 'e\u0301', '\u2028', '\u2029',
  '\u0085', '\x00', '\x0c', '\x1b[31m', 'ｘ', 'π', '中文',
];

export type Mutation = (text: string, rng: Rng) => string;

function at(text: string, rng: Rng): number {
  return text.length === 0 ? 0 : rng.int(text.length + 1);
}

export const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, r) => t.slice(0, at(t, r)),
  deleteSpan: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1 + r.int(40));
  },
  insertToken: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + r.pick(TOKENS) + t.slice(i);
  },
  duplicateLine: (t, r) => {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    lines.splice(i, 0, lines[i] ?? '');
    return lines.join('\n');
  },
  swapLines: (t, r) => {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    const j = r.int(lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  },
  oddUnicode: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + r.pick(ODD_UNICODE) + t.slice(i);
  },
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  loneCr: (t) => t.replace(/\n/g, '\r'),
  tabsForSpaces: (t, r) => t.replace(/^( {4})+/gm, (m) => (r.next() < 0.5 ? '\t'.repeat(m.length / 4) : m)),
  mixedIndent: (t, r) => t.replace(/^ {4}/gm, () => r.pick(['\t', '    ', '  \t', ' \t '])),
  dedentLine: (t, r) => {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    lines[i] = (lines[i] ?? '').replace(/^\s+/, '');
    return lines.join('\n');
  },
  deepNest: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + nestedBrackets(50 + r.int(500), r) + t.slice(i);
  },
  tokenSoup: (t, r) => {
    const i = at(t, r);
    let soup = '';
    for (let k = 0; k < 20 + r.int(200); k++) soup += r.pick(TOKENS) + (r.next() < 0.5 ? ' ' : '');
    return t.slice(0, i) + soup + t.slice(i);
  },
  flipNumber: (t, r) => t.replace(/\b\d+\b/, () => r.pick(['0', '-1', '999999999999999999999', '1e400', '2**64', 'nan'])),
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies 1..maxSteps random mutations; returns the text and the names applied (for repro). */
export function mutate(text: string, rng: Rng, maxSteps = 4): { text: string; steps: string[] } {
  const steps: string[] = [];
  const n = 1 + rng.int(maxSteps);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(MUTATION_NAMES);
    steps.push(name);
    text = MUTATIONS[name](text, rng);
  }
  return { text, steps };
}

function nestedBrackets(depth: number, rng: Rng): string {
  const pairs: Array<[string, string]> = [['(', ')'], ['[', ']'], ['{', '}']];
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const [o, c] = rng.pick(pairs);
    open += o;
    close = c + close;
  }
  return `${open}x${close}`;
}

/** Pathological whole programs, each a classic way to blow a recursive-descent stack or a budget. */
export function pathologicalPrograms(): Array<{ name: string; text: string }> {
  const indent = (n: number) => ' '.repeat(n);
  const nestedIfs = Array.from({ length: 200 }, (_, i) => `${indent(i)}if x:\n`).join('') + `${indent(200)}y = torch.zeros(2, 3)\n`;
  const nestedDefs = Array.from({ length: 200 }, (_, i) => `${indent(i)}def f${i}(x):\n`).join('') + `${indent(200)}return x.exp().sum().log()\n`;
  return [
    { name: 'parens-500', text: `import torch\nx = torch.zeros(2)\ny = ${'('.repeat(500)}x${')'.repeat(500)}\n` },
    { name: 'brackets-500', text: `y = ${'['.repeat(500)}1${']'.repeat(500)}\n` },
    { name: 'unclosed-2000', text: `y = ${'(['.repeat(1000)}\n` },
    { name: 'calls-500', text: `import torch\nx = torch.zeros(2)\ny = ${'torch.exp('.repeat(500)}x${')'.repeat(500)}\n` },
    { name: 'attr-chain-5000', text: `import torch\nx = torch.zeros(2)\ny = x${'.exp()'.repeat(5000)}\n` },
    { name: 'binop-chain-20000', text: `import torch\nx = torch.zeros(2)\ny = x${' + x'.repeat(20000)}\n` },
    { name: 'ifs-200', text: `import torch\nx = True\n${nestedIfs}` },
    { name: 'defs-200', text: `import torch\n${nestedDefs}` },
    { name: 'list-100k', text: `import torch\nx = torch.tensor([${Array.from({ length: 100_000 }, (_, i) => i % 10).join(', ')}])\ny = x.exp().sum().log()\n` },
    { name: 'string-1mb', text: `s = "${'a'.repeat(1_000_000)}"\nn = len(s)\n` },
    { name: 'unicode-idents', text: 'import torch\nπ = torch.zeros(2, 3)\n𝔵 = π.exp()\nｘ = 𝔵.sum(dim=1)\n名前 = "😀\u202e\u200b"\ny = torch.log(torch.exp(π).sum())\n' },
    { name: 'lone-surrogates', text: 'x = "\ud800"\ny\udfff = 1\nz = torch.zeros(\ud83d)\n' },
    { name: 'crlf-tabs', text: 'import torch\r\ndef f(x):\r\n\tif x:\r\n\t\treturn torch.log(torch.exp(x).sum())\r\n        return x\r\n' },
    { name: 'nul-bytes', text: 'import torch\x00\nx = torch.zeros(2, 3)\x00\ny = x @ x\n' },
    { name: 'only-newlines', text: '\n'.repeat(100_000) },
    { name: 'long-line', text: `x = 1${' + 1'.repeat(100_000)}\n` },
    { name: 'many-defs-5000-lines', text: Array.from({ length: 1250 }, (_, i) => `def f${i}(x):\n    y = torch.randn(${i + 1}, 4)\n    return torch.log(torch.exp(y).sum())\n`).join('\n') },
  ];
}

// Sizes include the edge cases that break kernels: 0, 1, negatives and astronomically large.
const SIZES = ['0', '1', '2', '3', '4', '7', '-1', '10**6', '10**12', '2**31', 'n', 'b'];
const MAKERS = ['torch.zeros', 'torch.ones', 'torch.randn', 'torch.rand', 'torch.empty', 'torch.arange'];
const UNARY = ['.exp()', '.log()', '.sum()', '.sum(dim=0)', '.sum(dim=-1, keepdim=True)', '.mean(1)', '.max(dim=0).values', '.t()', '.T', '.flatten()',
  '.unsqueeze(0)', '.squeeze()', '.squeeze(1)', '.view(-1)', '.reshape(2, -1)', '.transpose(0, 1)', '.permute(1, 0)', '.softmax(-1)', '.float()',
  '.long()', '.contiguous()', '.expand(4, -1, -1)', '.repeat(2, 2)', '[0]', '[:, None]', '[..., 1:]', '[None, ..., None]', '.chunk(2)[0]',
  '.cumsum(0)', '.argmax()', '.norm()', '.abs().sqrt()', '.clamp(min=0)', '.masked_fill(x0 > 0, 0)', '.topk(1).values', '.sort().values'];
const BINARY = ['+', '-', '*', '/', '@', '//', '**', '>', '=='];
const CALLS = ['torch.cat([A, B])', 'torch.cat([A, B], dim=1)', 'torch.stack([A, B])', 'torch.matmul(A, B)', 'torch.einsum("ij,jk->ik", A, B)',
  'torch.where(A > 0, A, B)', 'F.softmax(A, dim=-1)', 'F.cross_entropy(A, B.long())', 'torch.log(torch.exp(A).sum(-1))',
  'rearrange(A, "a b -> b a")', 'rearrange(A, "(a b) c -> a b c", a=2)', 'reduce(A, "a b -> a", "max")', 'repeat(A, "a b -> a b c", c=3)',
  'torch.bmm(A, B)', 'F.linear(A, B)', 'torch.nn.Linear(3, 4)(A)', 'A.view_as(B)', 'A.expand_as(B)', 'torch.broadcast_tensors(A, B)[0]'];

/** A random straight-line torch program: random sizes through random ops, so kernels meet odd shapes. */
export function randomTorchProgram(rng: Rng): string {
  const lines = ['import torch', 'import torch.nn.functional as F', 'from einops import rearrange, reduce, repeat', 'n = 5', 'b = 2'];
  const names: string[] = [];
  for (let i = 0; i < 3 + rng.int(8); i++) {
    const name = `x${i}`;
    const roll = rng.next();
    if (names.length === 0 || roll < 0.3) {
      const dims = Array.from({ length: rng.int(4) + (rng.next() < 0.9 ? 1 : 0) }, () => rng.pick(SIZES));
      lines.push(`${name} = ${rng.pick(MAKERS)}(${dims.join(', ')})`);
    } else if (roll < 0.6) {
      lines.push(`${name} = ${rng.pick(names)}${rng.pick(UNARY)}${rng.next() < 0.3 ? rng.pick(UNARY) : ''}`);
    } else if (roll < 0.8) {
      lines.push(`${name} = ${rng.pick(names)} ${rng.pick(BINARY)} ${rng.pick(names)}`);
    } else {
      lines.push(`${name} = ${rng.pick(CALLS).replace('A', rng.pick(names)).replace('B', rng.pick(names))}`);
    }
    names.push(name);
  }
  return `${lines.join('\n')}\n`;
}
