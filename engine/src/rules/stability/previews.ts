// Value previews for fixes: the naive and the fixed code evaluated by the engine's own
// interpreter on a moderate input and on an extreme one, so the user sees "naive: inf →
// fixed: 1000.6932" computed exactly as float32 torch would.
import type { ValuePreview } from '../../api';
import { runProgram } from '../../run';

interface Probe {
  input: string;
  setup: string;
}

interface PreviewSpec {
  naive: string;
  fixed: string;
  probes: Probe[];
}

const SPECS: Record<string, PreviewSpec> = {
  logsumexp: {
    naive: 'x.exp().sum(dim=-1).log()',
    fixed: 'torch.logsumexp(x, dim=-1)',
    probes: [{ input: 'x = [1., 2., 3.]', setup: 'x = torch.tensor([1., 2., 3.])' }, { input: 'x = [1000., 1000.]', setup: 'x = torch.tensor([1000., 1000.])' }],
  },
  softmax: {
    naive: 'x.exp() / x.exp().sum(dim=-1, keepdim=True)',
    fixed: 'torch.softmax(x, dim=-1)',
    probes: [{ input: 'x = [1., 2., 3.]', setup: 'x = torch.tensor([1., 2., 3.])' }, { input: 'x = [1000., 0.]', setup: 'x = torch.tensor([1000., 0.])' }],
  },
  log_softmax: {
    naive: 'torch.log(torch.softmax(x, dim=-1))',
    fixed: 'torch.log_softmax(x, dim=-1)',
    probes: [{ input: 'x = [1., 2., 3.]', setup: 'x = torch.tensor([1., 2., 3.])' }, { input: 'x = [0., -1000.]', setup: 'x = torch.tensor([0., -1000.])' }],
  },
  cross_entropy: {
    naive: '-torch.log(torch.softmax(x, dim=-1))[torch.arange(1), y]',
    fixed: "F.cross_entropy(x, y, reduction='none')",
    probes: [
      { input: 'logits = [[1., 2., 3.]], label 0', setup: 'x = torch.tensor([[1., 2., 3.]])\ny = torch.tensor([0])' },
      { input: 'logits = [[0., -1000.]], label 1', setup: 'x = torch.tensor([[0., -1000.]])\ny = torch.tensor([1])' },
    ],
  },
  softplus: {
    naive: 'torch.log(1 + torch.exp(x))',
    fixed: 'F.softplus(x)',
    probes: [{ input: 'x = 2.', setup: 'x = torch.tensor([2.])' }, { input: 'x = 1000.', setup: 'x = torch.tensor([1000.])' }],
  },
  logsigmoid: {
    naive: 'torch.log(torch.sigmoid(x))',
    fixed: 'F.logsigmoid(x)',
    probes: [{ input: 'x = -2.', setup: 'x = torch.tensor([-2.])' }, { input: 'x = -1000.', setup: 'x = torch.tensor([-1000.])' }],
  },
  bce: {
    naive: 'F.binary_cross_entropy(torch.sigmoid(x), y)',
    fixed: 'F.binary_cross_entropy_with_logits(x, y)',
    probes: [
      { input: 'x = -2., y = 1.', setup: 'x = torch.tensor([-2.])\ny = torch.tensor([1.])' },
      { input: 'x = -1000., y = 1.', setup: 'x = torch.tensor([-1000.])\ny = torch.tensor([1.])' },
    ],
  },
  log1p: {
    naive: 'torch.log(1 + x)',
    fixed: 'torch.log1p(x)',
    probes: [{ input: 'x = 0.5', setup: 'x = torch.tensor([0.5])' }, { input: 'x = 1e-10', setup: 'x = torch.tensor([1e-10])' }],
  },
  expm1: {
    naive: 'torch.exp(x) - 1',
    fixed: 'torch.expm1(x)',
    probes: [{ input: 'x = 0.5', setup: 'x = torch.tensor([0.5])' }, { input: 'x = 1e-10', setup: 'x = torch.tensor([1e-10])' }],
  },
};

const cache = new Map<string, ValuePreview[]>();

/** Previews for one finding kind; the same for every finding of that kind, so cached. */
export function previewFor(kind: string): ValuePreview[] {
  const cached = cache.get(kind);
  if (cached) return cached;
  const spec = SPECS[kind];
  const previews: ValuePreview[] = [];
  if (spec) {
    for (const probe of spec.probes) {
      const program = `import torch\nimport torch.nn.functional as F\n${probe.setup}\nnaive = ${spec.naive}\nfixed = ${spec.fixed}\n`;
      try {
        const entries = runProgram(program);
        const naive = entries.find((e) => e.name === 'naive');
        const fixed = entries.find((e) => e.name === 'fixed');
        if (naive && fixed && !naive.error && !fixed.error) previews.push({ input: probe.input, naive: formatValue(naive.value), fixed: formatValue(fixed.value) });
      } catch {
        // A preview is a nicety: without one the fix is still offered.
      }
    }
  }
  cache.set(kind, previews);
  return previews;
}

export function formatValue(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(formatValue);
    return items.length === 1 && !Array.isArray(value[0]) ? items[0] : `[${items.join(', ')}]`;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return `${value}.`;
    const abs = Math.abs(value);
    if (abs !== 0 && (abs < 1e-4 || abs >= 1e8)) return value.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
    return value.toFixed(4);
  }
  return String(value);
}

/** "naive: inf → fixed: 1000.6932" for the extreme probe, the one that shows the problem. */
export function previewTitle(previews: readonly ValuePreview[] | undefined): string {
  const extreme = previews?.[previews.length - 1];
  return extreme ? `naive: ${extreme.naive} → fixed: ${extreme.fixed}` : '';
}
