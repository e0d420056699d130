import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, gql, wsClient } from '../support/graphql';
import { declares, metricsUrlOf, sample, scrape } from '../support/metrics';
import { pollUntil } from '../support/poll';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { submit, waitForTerminal } from '../support/submissions';
import { clientsEnv, testClient } from '../support/tenants';
import { freePort } from '../support/temporal-server';

describe('GET /metrics on a running stack', () => {
  let stack: TestSandflow;
  let metricsUrl: string;
  const read = async () => (await scrape(metricsUrl)).text;

  beforeAll(async () => {
    // A burst of 2 at 1 a minute: the third submit of this file is refused, and counted.
    stack = await startTestSandflow({
      languages: ['python'],
      env: { SANDFLOW_SUBMIT_BURST: '2', SANDFLOW_SUBMIT_RATE_PER_MINUTE: '1', SANDFLOW_QUEUE_STATS_CACHE_MS: '0' },
    });
    metricsUrl = metricsUrlOf(stack.url);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('counts an accepted and a finished submission and times its phases', async () => {
    const before = await read();
    const accepted = { language: 'python' };
    const finished = { language: 'python', status: 'COMPLETED', verdict: 'ACCEPTED' };
    const { id } = await submit(stack.url, { language: 'python', source: 'print("hi")\n' });
    await waitForTerminal(stack.url, id);
    const after = await pollUntil(
      read,
      (text) =>
        sample(text, 'sandflow_submissions_finished_total', finished) >
        sample(before, 'sandflow_submissions_finished_total', finished),
      60_000,
      'the finished counter',
    );

    expect(
      sample(after, 'sandflow_submissions_accepted_total', accepted) -
        sample(before, 'sandflow_submissions_accepted_total', accepted),
    ).toBe(1);
    expect(
      sample(after, 'sandflow_submissions_finished_total', finished) -
        sample(before, 'sandflow_submissions_finished_total', finished),
    ).toBe(1);
    const count = (text: string, name: string, labels: Record<string, string>) => sample(text, `${name}_count`, labels);
    expect(
      count(after, 'sandflow_submission_duration_seconds', { language: 'python', status: 'COMPLETED' }) -
        count(before, 'sandflow_submission_duration_seconds', { language: 'python', status: 'COMPLETED' }),
    ).toBe(1);
    for (const phase of ['queued', 'run']) {
      const labels = { language: 'python', phase };
      expect(
        count(after, 'sandflow_submission_phase_duration_seconds', labels) -
          count(before, 'sandflow_submission_phase_duration_seconds', labels),
        phase,
      ).toBe(1);
    }
    // The worker's sandbox gauges, the activity counters and the process's default metrics are there too.
    const worker = { worker: stack.config.workerId };
    expect(sample(after, 'sandflow_sandbox_slots', worker)).toBe(stack.config.sandboxSlots);
    expect(sample(after, 'sandflow_sandbox_slots_free', worker)).toBe(stack.config.sandboxSlots);
    for (const name of [
      'sandflow_warm_containers_idle',
      'sandflow_activity_retries_total',
      'sandflow_activity_failures_total',
      'sandflow_queue_backlog',
      'process_cpu_user_seconds_total',
    ]) {
      expect(declares(after, name), name).toBe(true);
    }
  });

  it('shows a running sandbox, an open subscription and its WebSocket while a program sleeps, then a refused submit', async () => {
    const { id } = await submit(stack.url, { language: 'python', source: 'import time\ntime.sleep(30)\n' });
    const ws = wsClient(stack.wsUrl);
    const updates = collect<{ submissionUpdated: { status: string } }>(
      ws,
      'subscription($id: ID!) { submissionUpdated(id: $id) { status } }',
      { id },
    );
    const worker = { worker: stack.config.workerId };
    const during = await pollUntil(
      read,
      (text) => sample(text, 'sandflow_sandboxes_running', worker) >= 1 && sample(text, 'sandflow_subscriptions_open') >= 1,
      60_000,
      'a running sandbox and an open subscription',
    );
    expect(sample(during, 'sandflow_websocket_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(during, 'sandflow_sandbox_slots_free', worker)).toBe(
      stack.config.sandboxSlots - sample(during, 'sandflow_sandboxes_running', worker),
    );

    const before = sample(during, 'sandflow_submit_rate_limited_total', { client: 'local' });
    const refused = await gql(stack.url, 'mutation { submit(input: {language: "python", source: "print(1)"}) { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(sample(await read(), 'sandflow_submit_rate_limited_total', { client: 'local' }) - before).toBe(1);

    await gql(stack.url, 'mutation($id: ID!) { cancelSubmission(id: $id) { status } }', { id });
    await updates;
    await ws.dispose();
    const cancelled = { language: 'python', status: 'CANCELLED', verdict: 'none' };
    const after = await pollUntil(
      read,
      (text) =>
        sample(text, 'sandflow_subscriptions_open') === 0 && sample(text, 'sandflow_submissions_finished_total', cancelled) >= 1,
      60_000,
      'the subscription to close',
    );
    expect(sample(after, 'sandflow_sandboxes_running', worker)).toBe(0);
  });
});

describe('/metrics with API clients configured', () => {
  const operator = testClient('ops');
  const plain = testClient('judge');
  let stack: TestSandflow;
  let separateUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    stack = await startTestSandflow({
      worker: false,
      env: {
        SANDFLOW_CLIENTS: clientsEnv([{ client: operator, operator: true }, { client: plain }]),
        SANDFLOW_METRICS_PORT: String(port),
      },
    });
    separateUrl = stack.metrics?.url ?? '';
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("needs an operator client's token, on the API port and on the separate metrics port alike", async () => {
    expect(separateUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    for (const url of [metricsUrlOf(stack.url), separateUrl]) {
      const anonymous = await scrape(url);
      expect(anonymous.status, url).toBe(401);
      expect(anonymous.text).toContain('operator client');
      expect(anonymous.text).not.toContain('sandflow_');
      const notOperator = await scrape(url, plain.headers);
      expect(notOperator.status, url).toBe(403);
      expect(notOperator.text).toContain('is not an operator');
      expect(notOperator.text).not.toContain('sandflow_');
      const wrongToken = await scrape(url, { authorization: 'Bearer not-a-token' });
      expect(wrongToken.status, url).toBe(401);
      const allowed = await scrape(url, operator.headers);
      expect(allowed.status, url).toBe(200);
      expect(allowed.contentType).toContain('text/plain');
      expect(declares(allowed.text, 'sandflow_submissions_accepted_total')).toBe(true);
    }
  });
});
