// Layer arithmetic: conv1d/2d output lengths, one_hot, F.pad, and torch.einsum equations.
import {
  type Dim, type Shape, dimAdd, dimExactDiv, dimKnownDifferent, dimSub, formatDim, unknownDim,
} from './dim';
import { ShapeError } from './errors';
import { list, symbolicOf, unless } from './messages';
import { broadcastShapes } from './broadcast';

export interface ConvSpec {
  outChannels: Dim;
  inChannels?: Dim;
  groups?: number;
  kernel: readonly number[];
  stride: readonly number[];
  padding: readonly number[];
  dilation: readonly number[];
}

export function convNdShape(input: Shape, spec: ConvSpec): Shape {
  const op = `conv${spec.kernel.length}d`;
  const n = spec.kernel.length;
  if (input.length !== n + 1 && input.length !== n + 2) {
    throw new ShapeError(op, [input], `Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${op}, but got input of size: ${list(input)}`, 'RuntimeError');
  }
  const channelAt = input.length - n - 1;
  const c = input[channelAt];
  if (spec.inChannels !== undefined && dimKnownDifferent(c, spec.inChannels)) {
    throw new ShapeError(op, [input], `Given groups=${spec.groups ?? 1}, weight of size [${formatDim(spec.outChannels)}, ${formatDim(spec.inChannels)}, ${spec.kernel.join(', ')}], expected input${list(input)} to have ${formatDim(spec.inChannels)} channels, but got ${formatDim(c)} channels instead${unless(c, spec.inChannels)}`, 'RuntimeError', symbolicOf(c, spec.inChannels));
  }
  const lengths = input.slice(channelAt + 1);
  const padded = lengths.map((L, i) => dimAdd(L, 2 * spec.padding[i]));
  const spans = spec.kernel.map((k, i) => spec.dilation[i] * (k - 1) + 1);
  if (padded.some((p, i) => typeof p === 'number' && p < spans[i])) {
    throw new ShapeError(op, [input], `Calculated padded input size per channel: (${padded.map(formatDim).join(' x ')}). Kernel size: (${spans.join(' x ')}). Kernel size can't be greater than actual input size`, 'RuntimeError');
  }
  const spatial = lengths.map((L, i) => {
    const span = spans[i];
    const numerator = dimSub(dimAdd(L, 2 * spec.padding[i]), span);
    if (typeof numerator === 'number') {
      const out = Math.floor(numerator / spec.stride[i]) + 1;
      if (out <= 0) throw new ShapeError(op, [input], `Calculated padded input size per channel: (${formatDim(dimAdd(L, 2 * spec.padding[i]))}). Kernel size: (${spec.kernel[i]}). Kernel size can't be greater than actual input size`, 'RuntimeError');
      return out;
    }
    const q = spec.stride[i] === 1 ? numerator : dimExactDiv(numerator, spec.stride[i]);
    return q === undefined ? unknownDim() : dimAdd(q, 1);
  });
  return [...input.slice(0, channelAt), spec.outChannels, ...spatial];
}

export function oneHotShape(s: Shape, numClasses: Dim): Shape {
  return [...s, numClasses];
}

export function padShape(op: string, s: Shape, pad: readonly number[]): Shape {
  if (pad.length % 2 !== 0) throw new ShapeError(op, [s], 'Padding length must be divisible by 2', 'RuntimeError');
  if (pad.length / 2 > s.length) throw new ShapeError(op, [s], 'Padding length too large', 'RuntimeError');
  const out = [...s];
  for (let i = 0; i < pad.length / 2; i++) {
    const d = s.length - 1 - i;
    out[d] = dimAdd(out[d], pad[2 * i] + pad[2 * i + 1]);
  }
  return out;
}

/** torch.einsum("ij,jk->ik", a, b) with ellipsis support. */
export function einsumShape(equation: string, shapes: readonly Shape[]): Shape {
  const op = 'einsum';
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.split('->');
  const inputs = lhs.split(',');
  if (inputs.length !== shapes.length) {
    const which = inputs.length > shapes.length ? 'fewer' : 'more';
    throw new ShapeError(op, [...shapes], `einsum(): ${which} operands were provided than specified in the equation`, 'RuntimeError');
  }
  const sizes = new Map<string, Dim>();
  const counts = new Map<string, number>();
  let ellipsis: Shape | null = null;
  inputs.forEach((term, k) => {
    const s = shapes[k];
    const hasEllipsis = term.includes('...');
    const letters = term.replace('...', '').split('');
    if ((!hasEllipsis && letters.length !== s.length) || (hasEllipsis && letters.length > s.length)) {
      throw new ShapeError(op, [...shapes], `einsum(): the number of subscripts in the equation (${letters.length}) does not match the number of dimensions (${s.length}) for operand ${k}${hasEllipsis ? '' : ' and no ellipsis was given'}`, 'RuntimeError');
    }
    const [before, after] = hasEllipsis ? term.split('...') : [term, ''];
    const ell = hasEllipsis ? s.slice(before.length, s.length - after.length) : [];
    if (hasEllipsis) ellipsis = ellipsis ? broadcastShapes(op, ellipsis, ell) : ell;
    const dims = [...s.slice(0, before.length), ...s.slice(s.length - after.length)];
    [...before, ...after].forEach((ch, i) => {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
      const prev = sizes.get(ch);
      const d = dims[i];
      if (prev === undefined || prev === 1) sizes.set(ch, d);
      else if (d !== 1 && dimKnownDifferent(prev, d)) {
        throw new ShapeError(op, [...shapes], `einsum(): subscript ${ch} has size ${formatDim(d)} for operand ${k} which does not broadcast with previously seen size ${formatDim(prev)}`, 'RuntimeError', symbolicOf(prev, d));
      }
    });
  });
  const output = rhs ?? (lhs.includes('...') ? '...' : '') + [...counts.keys()].filter((c) => counts.get(c) === 1).sort().join('');
  const out: Dim[] = [];
  const [ob, oa] = output.includes('...') ? output.split('...') : [output, ''];
  for (const ch of ob) {
    if (!sizes.has(ch)) throw new ShapeError(op, [...shapes], `einsum(): output subscript ${ch} does not appear in the equation for any input operand`, 'RuntimeError');
    out.push(sizes.get(ch)!);
  }
  if (output.includes('...')) out.push(...(ellipsis ?? []));
  for (const ch of oa) {
    if (!sizes.has(ch)) throw new ShapeError(op, [...shapes], `einsum(): output subscript ${ch} does not appear in the equation for any input operand`, 'RuntimeError');
    out.push(sizes.get(ch)!);
  }
  return out;
}
