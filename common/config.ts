import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseClients } from './api-clients';
import { DEFAULT_BASE_IMAGE } from './base-image';
import { envInputOf, envVariablesOf, fromEnv, type EnvVariable } from './env-setting';
import { logEnvSchema } from './log-settings';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = () =>
  z.string().transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  );

const ROOT = path.resolve(__dirname, '..');

/** Derives the sandbox slot count from the machine: one per core, bounded by memory at 512 MiB a slot. */
export function defaultSandboxSlots(): number {
  const byMemory = Math.floor(os.totalmem() / (512 * 1024 * 1024));
  return Math.max(1, Math.min(os.availableParallelism(), byMemory));
}

/*
 * Every setting comes from the environment (docs/configuration.md lists them). Each is declared
 * once below: its place in Config, its variable, its range and its default; the types are
 * inferred. Parsed once at the edge so the rest of the code trusts a typed object. One process
 * may run both roles, so every process reads all three parts.
 */

/** What every process reads, whichever role (API, worker or both) it runs. */
const sharedSettings = z.object({
  /** Listen address of the API, and of the separate /metrics listener (metricsPort). */
  host: fromEnv('HOST', z.string(), '127.0.0.1'),
  dataDir: fromEnv(
    'SANDFLOW_DATA_DIR',
    z.string().transform((dir) => path.resolve(dir)),
    { compute: () => path.join(ROOT, '.sandflow'), shown: '`.sandflow` in the checkout' },
  ),
  /** PostgreSQL when set; an SQLite file under dataDir otherwise. */
  databaseUrl: fromEnv('DATABASE_URL', z.string().optional()),
  /**
   * Longest a database connection attempt or statement may take (PostgreSQL pool connection
   * and statement timeouts, SQLite busy_timeout); past it the request gets UNAVAILABLE.
   */
  databaseTimeoutMs: fromEnv('SANDFLOW_DB_TIMEOUT_MS', int(100, 600_000), '10000'),
  temporal: z.object({
    address: fromEnv('TEMPORAL_ADDRESS', z.string(), '127.0.0.1:7233'),
    namespace: fromEnv('TEMPORAL_NAMESPACE', z.string(), 'default'),
    uiUrl: fromEnv('TEMPORAL_UI_URL', z.string(), 'http://127.0.0.1:8233'),
    taskQueue: fromEnv('SANDFLOW_TASK_QUEUE', z.string(), 'sandflow-submissions'),
  }),
  /**
   * How long a worker's claimed submissions wait for its Docker engine to answer again before
   * they end FAILED ("sandbox engine unavailable"), counted from when the engine stopped answering.
   */
  engineOutageBudgetMs: fromEnv('SANDFLOW_ENGINE_OUTAGE_BUDGET_MS', int(1000, 86_400_000), '600000'),
  /**
   * Language ids to serve as SANDFLOW_LANGUAGES lists them; all known languages when unset.
   * servedLanguages, beside the language recipes, expands a family's plain id (`go`) and refuses unknown ids.
   */
  languages: fromEnv('SANDFLOW_LANGUAGES', list().optional()),
  /** Largest limits a caller may ask for. */
  maxLimits: z.object({
    cpuTimeMs: fromEnv('SANDFLOW_MAX_CPU_TIME_MS', int(100, 600_000), '20000'),
    wallTimeMs: fromEnv('SANDFLOW_MAX_WALL_TIME_MS', int(100, 600_000), '60000'),
    memoryMb: fromEnv('SANDFLOW_MAX_MEMORY_MB', int(16, 65_536), '2048'),
    processes: fromEnv('SANDFLOW_MAX_PROCESSES', int(1, 4096), '256'),
    outputKb: fromEnv('SANDFLOW_MAX_OUTPUT_KB', int(1, 1_048_576), '16384'),
  }),
  /** Where `clients` comes from (at most one is set): also the operators who may read a worker's /metrics. */
  clientSources: z.object({
    json: fromEnv('SANDFLOW_CLIENTS', z.string().optional()),
    file: fromEnv('SANDFLOW_CLIENTS_FILE', z.string().optional()),
    tokens: fromEnv('SANDFLOW_API_TOKENS', list(), { compute: () => '', shown: '(none)' }),
  }),
  /**
   * Port of a separate `/metrics` listener on HOST, for processes without the API (workers);
   * 0 (default) opens none. The API serves `/metrics` on its own port either way.
   */
  metricsPort: fromEnv('SANDFLOW_METRICS_PORT', int(0, 65535), '0'),
  /**
   * NODE_ENV=production: GraphQL introspection is refused and error responses carry no stack
   * traces. Any other NODE_ENV (development, test, unset) turns both on for developers.
   */
  production: fromEnv(
    'NODE_ENV',
    z
      .string()
      .optional()
      .transform((env) => env === 'production'),
  ),
  /** Read by common/logger.ts before any config exists; here so a typo stops the process with a clear message. */
  log: z.object({
    level: fromEnv('LOG_LEVEL', logEnvSchema.LOG_LEVEL),
    format: fromEnv('SANDFLOW_LOG_FORMAT', logEnvSchema.SANDFLOW_LOG_FORMAT),
  }),
});

/** What only the API uses. */
const apiSettings = z.object({
  port: fromEnv('PORT', int(0, 65535), '4000'),
  /** The submit rate of clients that set none, of SANDFLOW_API_TOKENS clients and of the open mode; shared by all API replicas. */
  submitRateLimit: z.object({
    perMinute: fromEnv('SANDFLOW_SUBMIT_RATE_PER_MINUTE', int(1, 1_000_000), '60'),
    burst: fromEnv('SANDFLOW_SUBMIT_BURST', int(1, 1_000_000), '30'),
  }),
  /** Largest inputs a caller may send. */
  maxInput: z.object({
    sourceKb: fromEnv('SANDFLOW_MAX_SOURCE_KB', int(1, 65_536), '512'),
    stdinKb: fromEnv('SANDFLOW_MAX_STDIN_KB', int(1, 262_144), '16384'),
    files: fromEnv('SANDFLOW_MAX_FILES', int(0, 1000), '32'),
    fileKb: fromEnv('SANDFLOW_MAX_FILE_KB', int(1, 65_536), '1024'),
    testCases: fromEnv('SANDFLOW_MAX_TEST_CASES', int(1, 10_000), '100'),
    /** Whole HTTP request body. */
    requestKb: fromEnv('SANDFLOW_MAX_REQUEST_KB', int(16, 1_048_576), '65536'),
  }),
  /**
   * Most wall time one submission may ask for: runs (test cases, at least one) × its wall
   * limit. The default, 10 minutes, fits 100 test cases at the languages' default 5 s, or
   * 10 at the largest wall limit, so one request cannot buy a sandbox-hour or more.
   */
  maxSubmissionWallMs: fromEnv('SANDFLOW_MAX_SUBMISSION_WALL_MS', int(100, 86_400_000), '600000'),
  /** Largest GraphQL operation a caller may send. */
  maxQuery: z.object({
    depth: fromEnv('SANDFLOW_MAX_QUERY_DEPTH', int(2, 100), '10'),
    fields: fromEnv('SANDFLOW_MAX_QUERY_FIELDS', int(10, 100_000), '300'),
  }),
  /** Browser origins allowed to call the API (CORS, and WebSocket upgrades that carry an Origin). */
  corsOrigins: fromEnv('SANDFLOW_CORS_ORIGINS', list(), { compute: () => '', shown: '(none)' }),
  /** How often a subscription re-reads the event log when no change notification arrives. */
  subscriptionPollMs: fromEnv('SANDFLOW_SUBSCRIPTION_POLL_MS', int(50, 3_600_000), '1000'),
  /** What one operation, response or client may cost one API process. */
  apiCosts: z.object({
    /** Largest cost (api/query-cost.ts) of one operation. */
    maxQueryCost: fromEnv('SANDFLOW_MAX_QUERY_COST', int(100, 100_000_000), '5000'),
    /** Largest serialized response: an HTTP body, or one graphql-ws message. */
    maxResponseBytes: fromEnv(
      'SANDFLOW_MAX_RESPONSE_KB',
      int(16, 1_048_576).transform((kb) => kb * 1024),
      '32768',
    ),
    /** How long one queueStats answer serves every caller of the process. */
    queueStatsCacheMs: fromEnv('SANDFLOW_QUEUE_STATS_CACHE_MS', int(0, 60_000), '1000'),
    /** Most operations active at once on one WebSocket connection. */
    maxSubscriptionsPerConnection: fromEnv('SANDFLOW_MAX_SUBSCRIPTIONS_PER_CONNECTION', int(1, 10_000), '50'),
    /** Most WebSocket connections one client (token, or address without tokens) holds at once. */
    maxConnectionsPerClient: fromEnv('SANDFLOW_MAX_CONNECTIONS_PER_CLIENT', int(1, 100_000), '20'),
  }),
  /** Serve the browser playground at `/` (SANDFLOW_PLAYGROUND=on, the default); off: `/` is 404 and no asset is built or served. */
  playground: fromEnv(
    'SANDFLOW_PLAYGROUND',
    z.enum(['on', 'off']).transform((value) => value === 'on'),
    'on',
  ),
  /** With SQLite: submissions are refused (UNAVAILABLE, reason DISK_FULL) while the data dir's disk has less free; 0 turns the check off. */
  minFreeDiskBytes: fromEnv(
    'SANDFLOW_MIN_FREE_DISK_MB',
    int(0, 1_048_576).transform((mb) => mb * 1024 * 1024),
    '64',
  ),
  /** Largest problem package an upload may bring: the archive as sent, and its entries once unpacked. */
  maxPackage: z.object({
    /** The archive (zip or tar.gz) as uploaded, in bytes. */
    uploadBytes: fromEnv(
      'SANDFLOW_MAX_PACKAGE_MB',
      int(1, 1_048_576).transform((mb) => mb * 1024 * 1024),
      '4096',
    ),
    /** Its contents once inflated, in bytes (zip bombs stop here, or at the ratio below). */
    unpackedBytes: fromEnv(
      'SANDFLOW_MAX_PACKAGE_UNPACKED_MB',
      int(1, 1_048_576).transform((mb) => mb * 1024 * 1024),
      '8192',
    ),
    /** Entries (files, directories, links) in it. */
    files: fromEnv('SANDFLOW_MAX_PACKAGE_FILES', int(1, 1_000_000), '10000'),
    /** Inflated bytes per compressed byte, over the archive, once more than 64 MiB are inflated. */
    compressionRatio: fromEnv('SANDFLOW_MAX_PACKAGE_COMPRESSION_RATIO', int(2, 100_000), '200'),
  }),
});

/** What only a worker uses. */
const workerSettings = z.object({
  /** Unique per worker process; names its host-local task queue. */
  workerId: fromEnv('SANDFLOW_WORKER_ID', z.string(), {
    compute: () => `${os.hostname()}-${process.pid}`,
    shown: '`<hostname>-<pid>`',
  }),
  /** Sandboxes one worker runs at once; derived from cores and memory when unset. */
  sandboxSlots: fromEnv('SANDFLOW_SANDBOX_SLOTS', int(1, 1024), {
    compute: () => String(defaultSandboxSlots()),
    shown: 'min(cores, memory / 512 MiB)',
  }),
  /** How often a worker removes containers that crashed runs left behind. */
  sweepIntervalMs: fromEnv('SANDFLOW_SWEEP_INTERVAL_MS', int(500, 86_400_000), '30000'),
  dockerRuntime: fromEnv('SANDFLOW_DOCKER_RUNTIME', z.string(), 'runc'),
  /** 'warm': containers are wiped and reused between runs; 'fresh': one container per run. */
  sandboxMode: fromEnv('SANDFLOW_SANDBOX_MODE', z.enum(['warm', 'fresh']), 'warm'),
  /** The image every runtime image is built `FROM`. */
  baseImage: fromEnv('SANDFLOW_BASE_IMAGE', z.string().min(1), DEFAULT_BASE_IMAGE),
  /**
   * Local disk a worker keeps problems' test files on, least recently used evicted past it (files
   * in use stay). Each file comes from the test data store once per worker.
   */
  testDataCacheBytes: fromEnv(
    'SANDFLOW_TESTDATA_CACHE_MB',
    int(16, 16_777_216).transform((mb) => mb * 1024 * 1024),
    '4096',
  ),
});

/** The settings of each role, as docs/configuration.md groups them. */
export const CONFIG_ROLES = { shared: sharedSettings.shape, api: apiSettings.shape, worker: workerSettings.shape } as const;
export type ConfigRole = keyof typeof CONFIG_ROLES;

const settings = z.object({ ...sharedSettings.shape, ...apiSettings.shape, ...workerSettings.shape });

const ConfigSchema = settings.transform(({ clientSources, ...rest }, ctx) => {
  try {
    return {
      ...rest,
      /**
       * Who may call the API, each with its own submissions and submit rate. Empty: the open,
       * loopback-only mode with one implicit client (LOCAL_CLIENT_NAME).
       */
      clients: parseClients(clientSources, rest.submitRateLimit),
    };
  } catch (error) {
    // parseClients names the variable and the field itself.
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error), path: [] });
    return z.NEVER;
  }
});

/** The whole configuration of a process. */
export type Config = z.output<typeof ConfigSchema>;

const VARIABLES: readonly EnvVariable[] = envVariablesOf(settings.shape);
const variableAt = new Map(VARIABLES.map((v) => [v.path.join('.'), v.variable]));

/** Reads the configuration; an invalid value throws `invalid configuration: NAME: what is wrong`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(envInputOf(settings.shape, env));
  if (!parsed.success) {
    // A setting's issue sits at its place in Config; the person setting it knows it by its variable.
    const issues = parsed.error.issues.map((issue) =>
      issue.path.length === 0
        ? issue.message
        : `${variableAt.get(issue.path.join('.')) ?? issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`invalid configuration: ${issues.join('; ')}`);
  }
  return parsed.data;
}
