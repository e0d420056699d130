import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, redispatchOnce, workflowIdOf } from '../../api/dispatch';
import { openPersistence, type Persistence } from '../../bin/services';
import { logger } from '../../common/logger';
import type { SubmissionRequest } from '../../common/submission';
import { SubmissionEntity } from '../../db/submission-entity';
import { createDeployment, DATABASES, type Deployment } from '../support/deployment';

const REQUEST: SubmissionRequest = {
  language: 'python',
  source: 'print(1)\n',
  stdin: null,
  files: [],
  testCases: [],
  limits: { cpuTimeMs: 1000, wallTimeMs: 2000, memoryMb: 128, processes: 16, outputKb: 64 },
  compilerOptions: [],
  args: [],
  idempotencyKey: null,
  problemId: null,
  problemVersion: null,
  problemCases: null,
};

/*
 * The redispatcher starts only submissions whose workflow was never started, on real Temporal
 * and both databases. No worker polls the deployment's queue: the workflows only need to exist.
 */
describe.each(DATABASES)('redispatch on %s', (kind) => {
  let deployment: Deployment;
  let persistence: Persistence;
  let connection: Connection;
  /** A client that counts the workflow starts it sends, whatever Temporal answers. */
  let client: Client;
  const started: string[] = [];

  beforeAll(async () => {
    deployment = await createDeployment(kind);
    persistence = await openPersistence(deployment.config, logger);
    connection = Connection.lazy({ address: deployment.config.temporal.address });
    client = new Client({
      connection,
      namespace: deployment.config.temporal.namespace,
      interceptors: {
        workflow: [
          {
            startWithDetails: (input, next) => {
              started.push(input.options.workflowId);
              return next(input);
            },
          },
        ],
      },
    });
  });

  afterAll(async () => {
    for (const workflowId of new Set(started))
      await client.workflow
        .getHandle(workflowId)
        .terminate('test over')
        .catch(() => undefined);
    await connection?.close();
    await persistence?.close();
    await deployment?.dispose();
  });

  /** Submissions stored while Temporal did not answer: never dispatched, and older than a pass's age. */
  async function acceptedUndispatched(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await persistence.store.create(REQUEST, 'local')).record.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return ids;
  }

  it('starts each never-started submission once; further passes (any replica) start nothing', async () => {
    const ids = await acceptedUndispatched(3);
    started.length = 0;
    expect(await redispatchOnce(client, deployment.config, persistence.store, 0)).toBe(3);
    expect([...started].sort()).toEqual(ids.map(workflowIdOf).sort());
    for (const id of ids) expect((await persistence.store.get(id))?.dispatchedAt).toBeInstanceOf(Date);
    expect(await redispatchOnce(client, deployment.config, persistence.store, 0)).toBe(0);
    expect(started).toHaveLength(3);
  });

  it('never restarts a submission whose workflow was started at submit, though it is still QUEUED', async () => {
    const [id] = await acceptedUndispatched(1);
    const record = await persistence.store.get(id ?? '');
    if (!record) throw new Error('submission not stored');
    await dispatch(client, deployment.config, persistence.store, record);
    started.length = 0;
    expect((await persistence.store.get(record.id))?.status).toBe('QUEUED');
    expect(await redispatchOnce(client, deployment.config, persistence.store, 0)).toBe(0);
    expect(started).toEqual([]);
  });

  it('records dispatch when the workflow turns out to be started already (the first start was answered but not recorded)', async () => {
    const [id] = await acceptedUndispatched(1);
    const record = await persistence.store.get(id ?? '');
    if (!record) throw new Error('submission not stored');
    await dispatch(client, deployment.config, persistence.store, record);
    // As if recording that start had failed: the next pass finds the workflow started and records it.
    await persistence.dataSource.getRepository(SubmissionEntity).update(record.id, { dispatchedAt: null });
    expect(await redispatchOnce(client, deployment.config, persistence.store, 0)).toBe(1);
    expect((await persistence.store.get(record.id))?.dispatchedAt).toBeInstanceOf(Date);
    expect(await redispatchOnce(client, deployment.config, persistence.store, 0)).toBe(0);
  });
});
