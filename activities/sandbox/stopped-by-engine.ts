import type Docker from 'dockerode';
import { z } from 'zod';

/** The part of a Docker event this module reads. */
const killEvent = z.object({ Actor: z.object({ Attributes: z.record(z.string(), z.string()).optional() }).optional() });

/** SIGTERM: what `docker stop`, and an engine stopping its containers on shutdown, send first. */
const STOP_SIGNAL = '15';

/**
 * Whether the engine stopped this container (a `docker stop`, or the engine shutting down) since
 * `sinceMs`. The supervisor cannot be signalled from inside its sandbox and the host only ever
 * SIGKILLs, so a SIGTERM came from outside sandflow: the program's run was cut short by the
 * infrastructure and is no verdict on the program.
 */
export async function stoppedByEngine(docker: Docker, containerId: string, sinceMs: number): Promise<boolean> {
  const stream = await docker.getEvents({
    since: Math.floor(sinceMs / 1000) - 1,
    // Events carry whole seconds: up to the end of this one, so a stop a moment ago is included.
    until: Math.ceil(Date.now() / 1000),
    filters: { container: [containerId], event: ['kill'] },
  });
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .some((line) => killEvent.safeParse(JSON.parse(line)).data?.Actor?.Attributes?.signal === STOP_SIGNAL);
}
