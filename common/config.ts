import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseClients, type ApiClient, type SubmitRate } from './api-clients';
import { expandLanguageIds } from '../runtimes/language-ids';
import { DEFAULT_BASE_IMAGE } from '../runtimes/images';
import { languages } from '../runtimes/languages';
import type { Limits } from './limits';
import { logEnvSchema } from './log-settings';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean));

const ROOT = path.resolve(__dirname, '..');

/**
 * Every setting comes from the environment; README's configuration table lists them.
 * Parsed once at the edge so the rest of the code trusts a typed object.
 */
const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: int(0, 65535).default(4000),
  SANDFLOW_DATA_DIR: z.string().default(path.join(ROOT, '.sandflow')),
  DATABASE_URL: z.string().optional(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_UI_URL: z.string().default('http://127.0.0.1:8233'),
  SANDFLOW_TASK_QUEUE: z.string().default('sandflow-submissions'),
  SANDFLOW_WORKER_ID: z.string().default(`${os.hostname()}-${process.pid}`),
  SANDFLOW_SANDBOX_SLOTS: int(1, 1024).optional(),
  SANDFLOW_SWEEP_INTERVAL_MS: int(500, 86_400_000).default(30_000),
  SANDFLOW_ENGINE_OUTAGE_BUDGET_MS: int(1000, 86_400_000).default(600_000),
  SANDFLOW_DOCKER_RUNTIME: z.string().default('runc'),
  SANDFLOW_SANDBOX_MODE: z.enum(['warm', 'fresh']).default('warm'),
  SANDFLOW_LANGUAGES: list.optional(),
  SANDFLOW_BASE_IMAGE: z.string().min(1).default(DEFAULT_BASE_IMAGE),
  SANDFLOW_API_TOKENS: list.default([]),
  SANDFLOW_CLIENTS: z.string().optional(),
  SANDFLOW_CLIENTS_FILE: z.string().optional(),
  SANDFLOW_MAX_CPU_TIME_MS: int(100, 600_000).default(20_000),
  SANDFLOW_MAX_WALL_TIME_MS: int(100, 600_000).default(60_000),
  SANDFLOW_MAX_MEMORY_MB: int(16, 65_536).default(2048),
  SANDFLOW_MAX_PROCESSES: int(1, 4096).default(256),
  SANDFLOW_MAX_OUTPUT_KB: int(1, 1_048_576).default(16_384),
  SANDFLOW_MAX_SOURCE_KB: int(1, 65_536).default(512),
  SANDFLOW_MAX_STDIN_KB: int(1, 262_144).default(16_384),
  SANDFLOW_MAX_FILES: int(0, 1000).default(32),
  SANDFLOW_MAX_FILE_KB: int(1, 65_536).default(1024),
  SANDFLOW_MAX_TEST_CASES: int(1, 10_000).default(100),
  SANDFLOW_MAX_SUBMISSION_WALL_MS: int(100, 86_400_000).default(600_000),
  SANDFLOW_MAX_REQUEST_KB: int(16, 1_048_576).default(65_536),
  SANDFLOW_SUBMIT_RATE_PER_MINUTE: int(1, 1_000_000).default(60),
  SANDFLOW_SUBMIT_BURST: int(1, 1_000_000).default(30),
  SANDFLOW_MAX_QUERY_DEPTH: int(2, 100).default(10),
  SANDFLOW_MAX_QUERY_FIELDS: int(10, 100_000).default(300),
  SANDFLOW_CORS_ORIGINS: list.default([]),
  SANDFLOW_SUBSCRIPTION_POLL_MS: int(50, 3_600_000).default(1000),
  SANDFLOW_DB_TIMEOUT_MS: int(100, 600_000).default(10_000),
  SANDFLOW_MAX_QUERY_COST: int(100, 100_000_000).default(5000),
  SANDFLOW_MAX_RESPONSE_KB: int(16, 1_048_576).default(32_768),
  SANDFLOW_QUEUE_STATS_CACHE_MS: int(0, 60_000).default(1000),
  SANDFLOW_MAX_SUBSCRIPTIONS_PER_CONNECTION: int(1, 10_000).default(50),
  SANDFLOW_MAX_CONNECTIONS_PER_CLIENT: int(1, 100_000).default(20),
  SANDFLOW_METRICS_PORT: int(0, 65535).default(0),
  SANDFLOW_PLAYGROUND: z.enum(['on', 'off']).default('on'),
  SANDFLOW_MIN_FREE_DISK_MB: int(0, 1_048_576).default(64),
  // Read by common/logger.ts before any config exists; here so a typo stops the process with a clear message.
  ...logEnvSchema,
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL when set; an SQLite file under dataDir otherwise. */
  databaseUrl: string | undefined;
  temporal: { address: string; namespace: string; uiUrl: string; taskQueue: string };
  /** Unique per worker process; names its host-local task queue. */
  workerId: string;
  /** Sandboxes one worker runs at once; derived from cores and memory when unset. */
  sandboxSlots: number;
  /** How often a worker removes containers and workspaces that crashed runs left behind. */
  sweepIntervalMs: number;
  /**
   * How long a worker's claimed submissions wait for its Docker engine to answer again before
   * they end FAILED ("sandbox engine unavailable"), counted from when the engine stopped answering.
   */
  engineOutageBudgetMs: number;
  dockerRuntime: string;
  /** 'warm': containers are wiped and reused between runs; 'fresh': one container per run. */
  sandboxMode: 'warm' | 'fresh';
  /** Language ids to serve, a family's plain id (`go`) expanded to all its versions; all known languages when unset. */
  languages: string[] | undefined;
  /** The image every runtime image is built `FROM`. */
  baseImage: string;
  /**
   * Who may call the API, each with its own submissions and submit rate. Empty: the open,
   * loopback-only mode with one implicit client (LOCAL_CLIENT_NAME).
   */
  clients: ApiClient[];
  /** Largest limits a caller may ask for. */
  maxLimits: Limits;
  /** Largest inputs a caller may send. */
  maxInput: InputMaxima;
  /**
   * Most wall time one submission may ask for: runs (test cases, at least one) × its wall
   * limit. The default, 10 minutes, fits 100 test cases at the languages' default 5 s, or
   * 10 at the largest wall limit, so one request cannot buy a sandbox-hour or more.
   */
  maxSubmissionWallMs: number;
  /**
   * NODE_ENV=production: GraphQL introspection is refused and error responses carry no stack
   * traces. Any other NODE_ENV (development, test, unset) turns both on for developers.
   */
  production: boolean;
  /** The submit rate of clients that set none, of SANDFLOW_API_TOKENS clients and of the open mode; shared by all API replicas. */
  submitRateLimit: SubmitRate;
  /** Largest GraphQL operation a caller may send. */
  maxQuery: { depth: number; fields: number };
  /** Browser origins allowed to call the API (CORS, and WebSocket upgrades that carry an Origin). */
  corsOrigins: string[];
  /** How often a subscription re-reads the event log when no change notification arrives. */
  subscriptionPollMs: number;
  /**
   * Longest a database connection attempt or statement may take (PostgreSQL pool connection
   * and statement timeouts, SQLite busy_timeout); past it the request gets UNAVAILABLE.
   */
  databaseTimeoutMs: number;
  /** What one operation, response or client may cost one API process. */
  apiCosts: ApiCostLimits;
  /**
   * Port of a separate `/metrics` listener on HOST, for processes without the API (workers);
   * 0 (default) opens none. The API serves `/metrics` on its own port either way.
   */
  metricsPort: number;
  /** Serve the browser playground at `/` (SANDFLOW_PLAYGROUND=on, the default); off: `/` is 404 and no asset is built or served. */
  playground: boolean;
  /** With SQLite: submissions are refused (UNAVAILABLE, reason DISK_FULL) while the data dir's disk has less free; 0 turns the check off. */
  minFreeDiskBytes: number;
}

export interface ApiCostLimits {
  /** Largest cost (api/query-cost.ts) of one operation. */
  maxQueryCost: number;
  /** Largest serialized response: an HTTP body, or one graphql-ws message. */
  maxResponseBytes: number;
  /** How long one queueStats answer serves every caller of the process. */
  queueStatsCacheMs: number;
  /** Most operations active at once on one WebSocket connection. */
  maxSubscriptionsPerConnection: number;
  /** Most WebSocket connections one client (token, or address without tokens) holds at once. */
  maxConnectionsPerClient: number;
}

export interface InputMaxima {
  sourceKb: number;
  stdinKb: number;
  files: number;
  fileKb: number;
  testCases: number;
  /** Whole HTTP request body. */
  requestKb: number;
}

/** Derives the sandbox slot count from the machine: one per core, bounded by memory at 512 MiB a slot. */
export function defaultSandboxSlots(): number {
  const byMemory = Math.floor(os.totalmem() / (512 * 1024 * 1024));
  return Math.max(1, Math.min(os.availableParallelism(), byMemory));
}

/** SANDFLOW_LANGUAGES, each family's plain id expanded; an unknown id is a configuration error that lists the known ones. */
function knownLanguageIds(ids: readonly string[]): string[] {
  const expanded = expandLanguageIds(ids, languages);
  const unknown = expanded.filter((id) => !languages.some((l) => l.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `invalid configuration: SANDFLOW_LANGUAGES names unknown languages: ${unknown.join(', ')}; known: ${languages.map((l) => l.id).join(', ')}`,
    );
  }
  return expanded;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  const submitRateLimit = { perMinute: e.SANDFLOW_SUBMIT_RATE_PER_MINUTE, burst: e.SANDFLOW_SUBMIT_BURST };
  let clients: ApiClient[];
  try {
    clients = parseClients({ json: e.SANDFLOW_CLIENTS, file: e.SANDFLOW_CLIENTS_FILE, tokens: e.SANDFLOW_API_TOKENS }, submitRateLimit);
  } catch (error) {
    throw new Error(`invalid configuration: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.SANDFLOW_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      uiUrl: e.TEMPORAL_UI_URL,
      taskQueue: e.SANDFLOW_TASK_QUEUE,
    },
    workerId: e.SANDFLOW_WORKER_ID,
    sandboxSlots: e.SANDFLOW_SANDBOX_SLOTS ?? defaultSandboxSlots(),
    sweepIntervalMs: e.SANDFLOW_SWEEP_INTERVAL_MS,
    engineOutageBudgetMs: e.SANDFLOW_ENGINE_OUTAGE_BUDGET_MS,
    dockerRuntime: e.SANDFLOW_DOCKER_RUNTIME,
    sandboxMode: e.SANDFLOW_SANDBOX_MODE,
    languages: e.SANDFLOW_LANGUAGES && knownLanguageIds(e.SANDFLOW_LANGUAGES),
    baseImage: e.SANDFLOW_BASE_IMAGE,
    clients,
    maxLimits: {
      cpuTimeMs: e.SANDFLOW_MAX_CPU_TIME_MS,
      wallTimeMs: e.SANDFLOW_MAX_WALL_TIME_MS,
      memoryMb: e.SANDFLOW_MAX_MEMORY_MB,
      processes: e.SANDFLOW_MAX_PROCESSES,
      outputKb: e.SANDFLOW_MAX_OUTPUT_KB,
    },
    maxInput: {
      sourceKb: e.SANDFLOW_MAX_SOURCE_KB,
      stdinKb: e.SANDFLOW_MAX_STDIN_KB,
      files: e.SANDFLOW_MAX_FILES,
      fileKb: e.SANDFLOW_MAX_FILE_KB,
      testCases: e.SANDFLOW_MAX_TEST_CASES,
      requestKb: e.SANDFLOW_MAX_REQUEST_KB,
    },
    submitRateLimit,
    maxSubmissionWallMs: e.SANDFLOW_MAX_SUBMISSION_WALL_MS,
    production: e.NODE_ENV === 'production',
    maxQuery: { depth: e.SANDFLOW_MAX_QUERY_DEPTH, fields: e.SANDFLOW_MAX_QUERY_FIELDS },
    corsOrigins: e.SANDFLOW_CORS_ORIGINS,
    subscriptionPollMs: e.SANDFLOW_SUBSCRIPTION_POLL_MS,
    databaseTimeoutMs: e.SANDFLOW_DB_TIMEOUT_MS,
    apiCosts: {
      maxQueryCost: e.SANDFLOW_MAX_QUERY_COST,
      maxResponseBytes: e.SANDFLOW_MAX_RESPONSE_KB * 1024,
      queueStatsCacheMs: e.SANDFLOW_QUEUE_STATS_CACHE_MS,
      maxSubscriptionsPerConnection: e.SANDFLOW_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxConnectionsPerClient: e.SANDFLOW_MAX_CONNECTIONS_PER_CLIENT,
    },
    metricsPort: e.SANDFLOW_METRICS_PORT,
    playground: e.SANDFLOW_PLAYGROUND === 'on',
    minFreeDiskBytes: e.SANDFLOW_MIN_FREE_DISK_MB * 1024 * 1024,
  };
}
