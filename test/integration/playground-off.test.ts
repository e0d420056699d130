import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReadySummary } from '../../bin/ready-summary';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';

/** Every path that serves the playground when it is on (the page and its built files). */
const PLAYGROUND_PATHS = ['/', '/playground/main.js', '/playground/main.css', '/playground/editor.worker.js'];

describe('SANDFLOW_PLAYGROUND=off', () => {
  let stack: TestSandflow;
  let origin: string;

  beforeAll(async () => {
    stack = await startTestSandflow({ worker: false, env: { SANDFLOW_PLAYGROUND: 'off' } });
    origin = stack.url.replace(/\/graphql$/, '');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 404 on / and on every playground asset', async () => {
    for (const path of PLAYGROUND_PATHS) {
      const response = await fetch(`${origin}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('still serves the API', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ languages { id } }' }),
    });
    expect(response.status).toBe(200);
  });

  it('leaves the playground out of the start-up summary', () => {
    const summary = {
      api: stack.url,
      playground: undefined,
      metrics: [],
      temporalUi: 'http://127.0.0.1:8233',
      ready: [],
      notReady: [],
    };
    expect(formatReadySummary(summary)).not.toMatch(/playground/);
    expect(formatReadySummary({ ...summary, playground: `${origin}/` })).toMatch(/playground/);
  });
});
