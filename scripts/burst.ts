/**
 * A burst of python submissions from concurrent clients, each followed to its terminal status
 * over graphql-ws: what `npm run load` and `npm run bench` send. Duplicated runs are counted
 * in Temporal: a submission with more than one workflow execution.
 */
import type { Client as WsClient } from 'graphql-ws';
import { duplicatedRuns } from '../api/duplicated-runs';
import { connectWs, follow, submit, type Endpoint } from '../client';
import { summarize, type Summary } from './stats';

export interface BurstOptions {
  endpoint: Endpoint;
  /** Submissions in all. */
  total: number;
  /** Clients at once, each with its own WebSocket, each submitting one at a time. */
  clients: number;
  /** Temporal frontend, for counting workflow executions per submission. */
  temporalAddress: string;
  temporalNamespace?: string;
  /** Submissions not terminal by then count as lost. */
  timeoutMs: number;
  /** Called the moment the burst ends, before Temporal is asked about duplicates (e.g. a CPU snapshot). */
  onFinished?: () => void;
}

interface Outcome {
  id: string | null;
  ok: boolean;
  latencyMs: number;
  problem?: string;
}

export interface BurstResult {
  total: number;
  clients: number;
  elapsedS: number;
  /** Submissions per second over the whole burst. */
  throughput: number;
  /** Accepted with the right output. */
  completed: number;
  /** Refused at submit, a subscription error, or a terminal status that is not the right ACCEPTED run. */
  errors: number;
  /** Never reached a terminal status before the timeout. */
  lost: number;
  /** Submissions with more than one workflow execution. */
  duplicated: number;
  /** Mutation sent → terminal status received, of the completed ones, ms. */
  latencyMs: Summary;
  /** The first few problems, for a reader to look at. */
  problems: string[];
}

async function runClient(
  options: BurstOptions,
  ws: WsClient,
  queue: number[],
  outcomes: Outcome[],
  stopped: () => boolean,
): Promise<void> {
  for (let index = queue.shift(); index !== undefined && !stopped(); index = queue.shift()) {
    let id: string | null = null;
    const started = performance.now();
    try {
      const submitted = await submit(options.endpoint, {
        language: 'python',
        source: `print(${index})\n`,
        idempotencyKey: `burst-${process.pid}-${Date.now()}-${index}`,
      });
      id = submitted.id;
      const end = await follow(ws, id);
      const ok = end.status === 'COMPLETED' && end.verdict === 'ACCEPTED' && end.stdout === `${index}\n`;
      outcomes.push({ id, ok, latencyMs: end.terminalAt - submitted.sentAt, ...(ok ? {} : { problem: JSON.stringify(end) }) });
    } catch (error) {
      outcomes.push({ id, ok: false, latencyMs: performance.now() - started, problem: String(error) });
    }
  }
}

export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const queue = Array.from({ length: options.total }, (_, i) => i);
  const outcomes: Outcome[] = [];
  let timedOut = false;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve();
    }, options.timeoutMs);
  });
  const sockets = Array.from({ length: options.clients }, () => connectWs(options.endpoint));
  const clients = Promise.all(sockets.map((ws) => runClient(options, ws, queue, outcomes, () => timedOut)));
  await Promise.race([clients, deadline]);
  clearTimeout(timer);
  const elapsedS = (performance.now() - started) / 1000;
  options.onFinished?.();
  // Taken before the sockets close: a submission still pending now is lost, whatever closing does to it.
  const settled = [...outcomes];
  await Promise.all(sockets.map(async (ws) => ws.dispose()));
  const completed = settled.filter((o) => o.ok);
  const errors = settled.length - completed.length;
  const ids = settled.flatMap((o) => (o.id ? [o.id] : []));
  const duplicated = await duplicatedRuns(options.temporalAddress, options.temporalNamespace ?? 'default', ids);
  return {
    total: options.total,
    clients: options.clients,
    elapsedS,
    throughput: completed.length / elapsedS,
    completed: completed.length,
    errors,
    lost: options.total - settled.length,
    duplicated,
    latencyMs: summarize(completed.map((o) => o.latencyMs)),
    problems: settled
      .filter((o) => !o.ok)
      .slice(0, 5)
      .map((o) => `${o.id ?? '(not accepted)'} ${o.problem ?? ''}`),
  };
}
