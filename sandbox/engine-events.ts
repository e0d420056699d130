import type Docker from 'dockerode';
import { z } from 'zod';

/** The part of a Docker event this module reads. */
const containerEvent = z.object({
  Action: z.string().optional(),
  Actor: z.object({ Attributes: z.record(z.string(), z.string()).optional() }).optional(),
});

/** SIGTERM: what `docker stop`, and an engine stopping its containers on shutdown, send first. */
const STOP_SIGNAL = '15';

/** What the engine's event log says of a container that died without a word from its supervisor. */
export interface Ending {
  /**
   * The engine stopped it (a `docker stop`, or the engine shutting down). The supervisor cannot
   * be signalled from inside its sandbox and the host only ever SIGKILLs, so a SIGTERM came from
   * outside sandflow: the run was cut short by the infrastructure and is no verdict on the program.
   */
  stoppedByEngine: boolean;
  /**
   * The kernel's OOM killer struck in its cgroup. Docker sets `State.OOMKilled` only when this
   * event reaches it before the exit does; under gVisor it sometimes comes a moment after.
   */
  oomKilled: boolean;
}

/**
 * Reads the container's `kill` and `oom` events from `sinceMs` until `graceMs` from now (the
 * call waits that long, so that an event still on its way is counted).
 */
export async function endingOf(docker: Docker, containerId: string, sinceMs: number, graceMs: number): Promise<Ending> {
  const stream = await docker.getEvents({
    since: Math.floor(sinceMs / 1000) - 1,
    // Docker reads "seconds.fraction" (the fraction's digits scaled by their count); the call returns once that moment has passed.
    until: Math.round(Date.now() + graceMs) / 1000,
    filters: { container: [containerId], event: ['kill', 'oom'] },
  });
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  const events = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => containerEvent.safeParse(JSON.parse(line)).data);
  return {
    stoppedByEngine: events.some((e) => e?.Action === 'kill' && e.Actor?.Attributes?.signal === STOP_SIGNAL),
    oomKilled: events.some((e) => e?.Action === 'oom'),
  };
}
