import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

/** Tracing while it is on: the Temporal plugin clients and workers add, and how to flush at exit. */
export interface Tracing {
  /** Propagates the trace into workflows and activities and exports the workflows' spans. */
  readonly temporalPlugin: OpenTelemetryPlugin;
  /** Flushes spans not yet exported and stops. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  env?: NodeJS.ProcessEnv;
  /** Export here instead of OTLP, span by span (tests use an in-memory exporter). */
  exporter?: SpanExporter;
}

let active: Tracing | undefined;

/**
 * Turns OpenTelemetry tracing on when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard
 * variable; the OTLP/HTTP exporter reads it and the other OTEL_* settings itself) or when an
 * exporter is given. Off, nothing is installed and every span below is the API's no-op.
 * Once per process: later calls return the first result.
 */
export function startTracing(options: TracingOptions = {}): Tracing | undefined {
  if (active) return active;
  const env = options.env ?? process.env;
  if (!options.exporter && !env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const resource = Resource.default().merge(new Resource({ 'service.name': env.OTEL_SERVICE_NAME ?? 'sandflow' }));
  const spanProcessor: SpanProcessor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Installs the AsyncLocalStorage context manager too, so a span started in a resolver is the parent of what it awaits.
  provider.register();
  active = {
    temporalPlugin: new OpenTelemetryPlugin({ resource, spanProcessor }),
    shutdown: async () => {
      await provider.shutdown();
      active = undefined;
    },
  };
  return active;
}

/** The Temporal plugin to add to clients and workers while tracing is on. */
export function temporalTracingPlugins(): OpenTelemetryPlugin[] {
  return active ? [active.temporalPlugin] : [];
}

/**
 * Workflow interceptor modules a prebuilt workflow bundle needs while tracing is on (a worker
 * that bundles its own code gets them from the plugin).
 */
export function tracingWorkflowInterceptorModules(): string[] {
  return active ? [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')] : [];
}

const tracer = trace.getTracer('sandflow');

/** Runs `fn` in a span named `name` (a no-op while tracing is off); a throw marks the span failed. */
export function withSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
