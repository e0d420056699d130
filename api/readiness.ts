import { Connection } from '@temporalio/client';
import type { ApiServices } from './context';

export interface DependencyStatus {
  ok: boolean;
  /** Why it is not ok, in words safe to show anyone; the details go to the log. */
  error?: string;
}

export interface ReadinessReport {
  ready: boolean;
  database: DependencyStatus;
  temporal: DependencyStatus;
  /** Only in a process that runs a worker: an API-only process needs no Docker engine. */
  docker?: DependencyStatus;
}

const PROBE_TIMEOUT_MS = 3000;

async function probe(name: string, services: ApiServices, check: () => Promise<unknown>): Promise<DependencyStatus> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new ProbeTimeout()), PROBE_TIMEOUT_MS);
        timer.unref();
      }),
    ]);
    return { ok: true };
  } catch (error) {
    // /readyz is unauthenticated: driver messages name hosts, sockets and paths, so they stay in the log.
    services.logger.warn({ err: error, dependency: name }, 'readiness probe failed');
    return { ok: false, error: error instanceof ProbeTimeout ? error.message : 'unreachable (see the server log)' };
  } finally {
    clearTimeout(timer);
  }
}

class ProbeTimeout extends Error {
  constructor() {
    super(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`);
  }
}

export interface Readiness {
  /** Whether this process can serve: database, Temporal and (where a worker runs) Docker, each reported. */
  check(): Promise<ReadinessReport>;
  close(): Promise<void>;
}

/**
 * Probes the dependencies, sharing one probe among requests for `maxAgeMs`: /readyz needs no
 * token, so without that every request would cost three round trips.
 *
 * Temporal is probed over a connection of its own without the SDK's retry interceptor: a
 * probe must answer within its timeout, and the interceptor's retries outlive the call and
 * throw from a timer once their connection is closed.
 */
export function readiness(services: ApiServices, maxAgeMs = 1000): Readiness {
  const temporalProbe = Connection.lazy({ address: services.config.temporal.address, interceptors: [] });
  // The role decides: services carry the Docker engine only where a worker runs (bin/start-sandflow.ts).
  const engine = services.docker;
  let engineDownSince: number | undefined;
  /** Says what an unanswering engine means for this worker, and since when, instead of a bare "unreachable". */
  const explainEngine = (status: DependencyStatus): DependencyStatus => {
    if (status.ok) {
      engineDownSince = undefined;
      return status;
    }
    engineDownSince ??= Date.now();
    const forS = Math.round((Date.now() - engineDownSince) / 1000);
    const budgetMin = Math.round(services.config.engineOutageBudgetMs / 6000) / 10;
    return {
      ok: false,
      error:
        `the sandbox engine (Docker) has not answered for at least ${forS} s (${status.error ?? 'unreachable'}): this worker takes no sandbox work ` +
        `until it answers; submissions it already claimed wait for it up to ${budgetMin} min, then fail`,
    };
  };
  const probeAll = async (): Promise<ReadinessReport> => {
    const [database, temporal, docker] = await Promise.all([
      probe('database', services, () => services.dataSource.query('SELECT 1')),
      probe('temporal', services, () => temporalProbe.workflowService.getSystemInfo({})),
      engine ? probe('docker', services, () => engine.ping()).then(explainEngine) : undefined,
    ]);
    return { ready: database.ok && temporal.ok && (docker?.ok ?? true), database, temporal, ...(docker ? { docker } : {}) };
  };
  let last: { at: number; report: Promise<ReadinessReport> } | undefined;
  return {
    check() {
      const now = Date.now();
      if (!last || now - last.at > maxAgeMs) last = { at: now, report: probeAll() };
      return last.report;
    },
    close: () => temporalProbe.close(),
  };
}
