/**
 * sandflow's end-to-end latency as a user sees it: a WebSocket already open and acknowledged,
 * then a python hello world submitted over GraphQL HTTP and followed on a graphql-ws
 * subscription; one sample is the time from sending the mutation to receiving the terminal
 * status event.
 */
import { connected, connectWs, follow, submit, type Endpoint } from '../client';

export const HELLO_SOURCE = 'print("Hello, World!")\n';

export interface E2eSession {
  /** One submission, start to terminal event; rejects unless it was ACCEPTED with the right output. */
  once(): Promise<{ ms: number; id: string }>;
  close(): Promise<void>;
}

export async function openE2eSession(endpoint: Endpoint): Promise<E2eSession> {
  const ws = connectWs(endpoint, { lazy: false });
  await connected(ws);
  let n = 0;
  return {
    async once() {
      const { id, sentAt } = await submit(endpoint, {
        language: 'python',
        source: HELLO_SOURCE,
        idempotencyKey: `e2e-${process.pid}-${Date.now()}-${n++}`,
      });
      // follow() resolves when the server completes the subscription, after the terminal event it timed.
      const end = await follow(ws, id);
      if (end.status !== 'COMPLETED' || end.verdict !== 'ACCEPTED' || end.stdout !== 'Hello, World!\n') {
        throw new Error(`submission ${id} ended ${JSON.stringify(end)}`);
      }
      return { ms: end.terminalAt - sentAt, id };
    },
    close: async () => {
      await ws.dispose();
    },
  };
}
