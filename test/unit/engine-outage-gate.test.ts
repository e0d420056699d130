import { describe, expect, it } from 'vitest';
import { logger } from '../../common/logger';
import { engineGatedSlots } from '../../worker/engine-gated-slots';
import { EngineHealth, type Pingable } from '../../sandbox/engine-health';

const ctx = { slotType: 'activity', taskQueue: 'q', workerIdentity: 'w', workerBuildId: '', isSticky: false } as const;

/** Whether the promise settled by the time queued callbacks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('engine-gated host slots', () => {
  it('hands out no slot while the gate is closed, and the waiting ones once it opens', async () => {
    let open = false;
    const slots = engineGatedSlots(2, () => open);
    const first = slots.supplier.reserveSlot(ctx, new AbortController().signal);
    expect(slots.supplier.tryReserveSlot(ctx)).toBeNull();
    expect(await settled(first)).toBe(false);
    open = true;
    slots.changed();
    expect(await settled(first)).toBe(true);
  });

  it('never hands out more than its maximum, and frees a slot on release', async () => {
    const slots = engineGatedSlots(1, () => true);
    const permit = await slots.supplier.reserveSlot(ctx, new AbortController().signal);
    const second = slots.supplier.reserveSlot(ctx, new AbortController().signal);
    expect(await settled(second)).toBe(false);
    slots.supplier.releaseSlot({ permit });
    expect(await settled(second)).toBe(true);
  });

  it('withdraws a waiting reservation with an AbortError when the SDK aborts it', async () => {
    const slots = engineGatedSlots(1, () => false);
    const abort = new AbortController();
    const waiting = slots.supplier.reserveSlot(ctx, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** A Docker engine whose ping answers while `answering` holds. */
function fakeEngine(): { docker: Pingable; answering: boolean } {
  const engine = {
    answering: true,
    docker: {
      ping: () => (engine.answering ? Promise.resolve('OK') : Promise.reject(new Error('connect ENOENT'))),
    },
  };
  return engine;
}

describe('engine health', () => {
  it('goes down on a failed ping, comes back only after two answers, and sweeps before releasing waiters', async () => {
    const engine = fakeEngine();
    const health = new EngineHealth(engine.docker, { budgetMs: 60_000, logger });
    const events: string[] = [];
    health.watch({ lost: () => events.push('lost'), back: async () => void events.push('back') });
    engine.answering = false;
    await health.check();
    expect(health.up).toBe(false);
    expect(health.takesWork).toBe(false);
    const waiting = health.waitUntilUp(Date.now() + 60_000).then((up) => events.push(`released:${up}`));
    engine.answering = true;
    await health.check();
    expect(health.up).toBe(false);
    await health.check();
    await waiting;
    expect(health.up).toBe(true);
    expect(events).toEqual(['lost', 'back', 'released:true']);
  });

  it('takes work again (to fail it) once the outage outlasts the budget', async () => {
    const engine = fakeEngine();
    const health = new EngineHealth(engine.docker, { budgetMs: 0, logger });
    expect(health.budgetSpent).toBe(false);
    engine.answering = false;
    await health.check();
    expect(health.budgetSpent).toBe(true);
    expect(health.takesWork).toBe(true);
    expect(await health.waitUntilUp(Date.now())).toBe(false);
  });
});
