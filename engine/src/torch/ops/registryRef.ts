// Lookup among the base entries, for entries defined in terms of others (in-place methods,
// clamp_min). Kept apart from table.ts so the op modules do not import the table.
import { CREATION } from './creation';
import { ELEMENTWISE } from './elementwise';
import { INDEXING } from './indexing';
import { MATMUL } from './matmul';
import { NN } from './nn';
import { REDUCTIONS } from './reductions';
import { SHAPE_OPS } from './shapeOps';
import type { OpEntry } from '../types';

const BASE: readonly OpEntry[] = [...CREATION, ...ELEMENTWISE, ...REDUCTIONS, ...NN, ...SHAPE_OPS, ...INDEXING, ...MATMUL];

export function findOpRaw(name: string): OpEntry {
  const entry = BASE.find((e) => e.names.includes(name));
  if (!entry) throw new Error(`torch table: no base entry ${name}`);
  return entry;
}
