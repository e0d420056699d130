import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../common/tracing';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { submit, waitForTerminal } from '../support/submissions';

/** The chain of span names from `span` up to its trace's root, following parent ids. */
function ancestry(span: ReadableSpan, all: readonly ReadableSpan[]): string[] {
  const byId = new Map(all.map((s) => [s.spanContext().spanId, s]));
  const names: string[] = [];
  for (let at: ReadableSpan | undefined = span; at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined)
    names.push(at.name);
  return names;
}

describe('OpenTelemetry tracing of one submission', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let stack: TestSandflow;

  beforeAll(async () => {
    // Before the stack exists, as bin/sandflow.ts does: its client, worker and bundle pick the plugin up.
    tracing = startTracing({ exporter });
    stack = await startTestSandflow({ languages: ['python'] });
  });

  afterAll(async () => {
    await stack?.stop();
    await tracing?.shutdown();
  });

  it('links the mutation, the workflow, its activities and the container run in one trace', async () => {
    const { id } = await submit(stack.url, { language: 'python', source: 'print("traced")\n' });
    const done = await waitForTerminal(stack.url, id);
    expect(done.verdict).toBe('ACCEPTED');

    // Workflow spans leave the workflow sandbox through a sink after its activation: wait for them, not for a time.
    const deadline = Date.now() + 30_000;
    let spans: ReadableSpan[] = [];
    let run: ReadableSpan | undefined;
    for (;;) {
      spans = exporter.getFinishedSpans();
      const root = spans.find((s) => s.name === 'graphql.submit');
      const sameTrace = root ? spans.filter((s) => s.spanContext().traceId === root.spanContext().traceId) : [];
      run = sameTrace.find((s) => s.name === 'sandbox.run');
      if ((run && sameTrace.some((s) => s.name.startsWith('RunWorkflow:') && s.ended)) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(run, `spans seen: ${spans.map((s) => s.name).join(', ')}`).toBeDefined();
    if (!run) return;
    const chain = ancestry(run, spans);
    // sandbox.run → RunActivity → StartActivity → RunWorkflow → StartWorkflow → graphql.submit
    expect(chain[0]).toBe('sandbox.run');
    expect(chain.at(-1)).toBe('graphql.submit');
    expect(chain.some((name) => name.startsWith('RunActivity:'))).toBe(true);
    expect(chain.some((name) => name.startsWith('RunWorkflow:'))).toBe(true);
    expect(chain.some((name) => name.startsWith('StartWorkflow:'))).toBe(true);
    const root = spans.find((s) => s.name === 'graphql.submit');
    expect(root?.attributes['sandflow.language']).toBe('python');
  });
});
