// The one constructor the shared torch table (engine/src/torch) does not have yet: logspace.
// Every other constructor's analysis runs on the table through tableMeta.ts.
import { unknownDim } from '../../../shape/dim';
import type { DType } from '../values';
import { defineOps, type OpCall } from './registry';

function dtypeArg(c: OpCall, fallback: DType | null): DType | null {
  const d = c.get('dtype');
  return d.kind === 'dtype' ? d.name : d.kind === 'none' ? fallback : null;
}

defineOps([
  { names: ['torch.logspace'], sig: 'start, end, steps, base=10.0, *, dtype=None, device=None, requires_grad=False', meta: (c) => {
    const steps = c.get('steps');
    return c.out([steps.kind === 'int' ? steps.value : unknownDim()], dtypeArg(c, 'float32'));
  } },
]);
