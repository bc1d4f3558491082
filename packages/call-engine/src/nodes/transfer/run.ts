import type { TransferTarget, Value } from '@parley/flow-schema';
import type { Effect } from '../../effects';
import type { CallRuntime } from '../../runtime';

/**
 * Sends the caller to a target, recording it; the network answers with `HANDED_OFF` or, when the
 * adapter cannot even try, `TRANSFER_FAILED`. Shared by the transfer and directory nodes.
 */
export function transferTo(
  call: CallRuntime,
  target: TransferTarget,
  detail: Record<string, Value> = {},
): void {
  call.record('transferred', { target: JSON.stringify(target), ...detail }, call.nodeId ?? undefined);
  call.run(
    'transfer',
    () => call.port.transfer(target),
    (e) => call.send({ type: 'TRANSFER_FAILED', reason: e.message }),
  );
}

/** The transfer node's effect. */
export const transfer: Effect<'transfer'> = (call, p) => transferTo(call, p.target);
