// Axis lengths passed as keyword arguments (`h=2`, `w=w`): ints or symbolic dims.
import type { Dim } from '../shape';

export type AxesLengths = Record<string, Dim> | ReadonlyMap<string, Dim>;

export function toAxesMap(axes: AxesLengths): Map<string, Dim> {
  if (axes instanceof Map) return new Map(axes);
  return new Map(Object.entries(axes as Record<string, Dim>));
}
