// Layer arithmetic: conv1d/2d output lengths, one_hot and F.pad.
import {
  type Dim, type Shape, dimAdd, dimExactDiv, dimKnownDifferent, dimSub, formatDim, unknownDim,
} from './dim';
import { ShapeError } from './errors';
import { list, symbolicOf, unless } from './messages';

/** An nn.Conv1d/Conv2d layer: channels as given to the layer (the weight holds in/groups). */
export interface ConvSpec {
  outChannels: Dim;
  /** The layer's in_channels; absent when only the weight's out size is known. */
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
  if (spec.stride.some((x) => x <= 0)) throw new ShapeError(op, [input], 'non-positive stride is not supported', 'RuntimeError');
  if (spec.padding.some((x) => x < 0)) throw new ShapeError(op, [input], 'negative padding is not supported', 'RuntimeError');
  if (spec.dilation.some((x) => x <= 0)) {
    throw new ShapeError(op, [input], `dilation should be greater than zero, but got ${list(n === 1 ? [1, ...spec.dilation] : spec.dilation)}`, 'RuntimeError');
  }
  const channelAt = input.length - n - 1;
  const c = input[channelAt];
  const groups = spec.groups ?? 1;
  const weightIn = spec.inChannels === undefined ? undefined : dimExactDiv(spec.inChannels, groups);
  const weight = () => list([spec.outChannels, weightIn ?? unknownDim(), ...spec.kernel]);
  if (groups > 1 && typeof spec.outChannels === 'number' && spec.outChannels % groups !== 0) {
    throw new ShapeError(op, [input], `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${weight()}] instead`, 'RuntimeError');
  }
  if (spec.inChannels !== undefined && weightIn !== undefined && dimKnownDifferent(c, spec.inChannels)) {
    throw new ShapeError(op, [input], `Given groups=${groups}, weight of size ${weight()}, expected input${list(input)} to have ${formatDim(spec.inChannels)} channels, but got ${formatDim(c)} channels instead${unless(c, spec.inChannels)}`, 'RuntimeError', symbolicOf(c, spec.inChannels));
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
