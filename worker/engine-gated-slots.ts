import type { ActivitySlotInfo, CustomSlotSupplier, SlotPermit } from '@temporalio/worker';

/** The SDK's way to withdraw a pending reservation: reject with an error named AbortError. */
class ReservationAborted extends Error {
  override readonly name = 'AbortError';
}

/**
 * Activity slots of the host queue: at most `max` at once, and none handed out while `open()`
 * is false. The SDK polls only with a reserved slot, so a closed gate stops the worker taking
 * sandbox work (Temporal's TypeScript SDK has no pause; a custom slot supplier is its supported
 * hook). Polls already under way when the gate closes may still bring a task each; those wait
 * for the engine inside the activity. Call `changed()` whenever `open()` may have turned true.
 */
export function engineGatedSlots(
  max: number,
  open: () => boolean,
): { supplier: CustomSlotSupplier<ActivitySlotInfo>; changed(): void } {
  let held = 0;
  const waiting: Array<() => boolean> = [];
  const grant = (): boolean => {
    if (!open() || held >= max) return false;
    held++;
    return true;
  };
  const pump = (): void => {
    while (waiting.length > 0 && open() && held < max) {
      const next = waiting.shift();
      if (next && !next()) break;
    }
  };
  const supplier: CustomSlotSupplier<ActivitySlotInfo> = {
    type: 'custom',
    reserveSlot(_ctx, abortSignal): Promise<SlotPermit> {
      if (grant()) return Promise.resolve({});
      return new Promise((resolve, reject) => {
        const take = (): boolean => {
          if (!grant()) return false;
          abortSignal.removeEventListener('abort', onAbort);
          resolve({});
          return true;
        };
        const onAbort = (): void => {
          const at = waiting.indexOf(take);
          if (at >= 0) waiting.splice(at, 1);
          reject(new ReservationAborted('slot reservation withdrawn'));
        };
        if (abortSignal.aborted) return onAbort();
        abortSignal.addEventListener('abort', onAbort, { once: true });
        waiting.push(take);
      });
    },
    tryReserveSlot: () => (grant() ? {} : null),
    markSlotUsed: () => undefined,
    releaseSlot() {
      held = Math.max(0, held - 1);
      pump();
    },
  };
  return { supplier, changed: pump };
}
