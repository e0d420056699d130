import { afterAll, describe, expect, it } from 'vitest';
import { apiUrls, createDeployment, DATABASES, type Deployment } from '../support/deployment';
import { gql } from '../support/graphql';
import { spawnSandflow, type SandflowProcess } from '../support/sandflow-process';
import { clientsEnv, terminateSubmissions, testClient } from '../support/tenants';

const SUBMIT = 'mutation($input: SubmitInput!) { submit(input: $input) { id } }';
const BURST = 3;
const A = testClient('judge-backend');
const B = testClient('playground');

describe.each(DATABASES)('per-client submit rates across API replicas on %s', (kind) => {
  let deployment: Deployment | undefined;
  const processes: SandflowProcess[] = [];
  const submitted: string[] = [];

  afterAll(async () => {
    if (deployment) await terminateSubmissions(deployment.config.temporal.address, submitted);
    await Promise.all(processes.map((p) => p.stop()));
    await deployment?.dispose();
  });

  it(`two API processes share one client's budget: with a burst of ${BURST}, submit ${BURST + 1} is RATE_LIMITED on either`, async () => {
    deployment = await createDeployment(kind);
    // One per minute: nothing refills within the test, so only the shared burst decides.
    const env = {
      PORT: '0',
      SANDFLOW_CLIENTS: clientsEnv([
        { client: A, submitRatePerMinute: 1, submitBurst: BURST },
        { client: B, submitRatePerMinute: 1, submitBurst: 1 },
      ]),
    };
    const first = spawnSandflow('api', deployment.config, env);
    const second = spawnSandflow('api', deployment.config, env);
    processes.push(first, second);
    const replicas = (await Promise.all([apiUrls(first), apiUrls(second)])).map((u) => u.url);

    const submitVia = async (replica: number, client: typeof A, n: number) => {
      const response = await gql<{ submit: { id: string } }>(
        replicas[replica % 2] ?? '',
        SUBMIT,
        { input: { language: 'python', source: `print(${n})\n` } },
        client.headers,
      );
      if (response.data?.submit.id) submitted.push(response.data.submit.id);
      return response;
    };

    // Alternating replicas: each process alone would still have tokens left after these.
    for (let n = 0; n < BURST; n++) expect((await submitVia(n, A, n)).errors, `submit ${n + 1}`).toBeUndefined();
    for (const replica of [0, 1]) {
      const refused = await submitVia(replica, A, BURST);
      expect(refused.status).toBe(429);
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringMatching(
          /^submit: rate limit reached; allowed are 1 submissions per minute in bursts of up to 3; retry in \d+ s$/,
        ),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      });
      const extensions = refused.errors?.[0]?.extensions as { retryAfterSeconds?: number } | undefined;
      expect(extensions?.retryAfterSeconds).toBeGreaterThan(0);
      expect(extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
    }

    // Another client has its own budget, at its own rate.
    expect((await submitVia(1, B, 0)).errors).toBeUndefined();
    expect((await submitVia(0, B, 1)).errors?.[0]?.message).toMatch(/allowed are 1 submissions per minute in bursts of up to 1;/);
  });
});
