import type { ApiServices } from './context';

export interface ReadinessReport {
  ready: boolean;
  database: { ok: boolean; error?: string };
  temporal: { ok: boolean; error?: string };
  docker: { ok: boolean; error?: string };
}

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000).unref())]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether this process can serve: database, Temporal and Docker, each reported. */
export async function checkReadiness(services: ApiServices): Promise<ReadinessReport> {
  const engine = services.docker;
  const [database, temporal, docker] = await Promise.all([
    probe(() => services.dataSource.query('SELECT 1')),
    probe(() => services.temporal.workflowService.getSystemInfo({})),
    engine ? probe(() => engine.ping()) : Promise.resolve({ ok: false, error: 'no Docker engine configured for this process' }),
  ]);
  return { ready: database.ok && temporal.ok && docker.ok, database, temporal, docker };
}
