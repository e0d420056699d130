import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';

/** A submit allowance: a token bucket refilled at `perMinute`, holding at most `burst`. */
export interface SubmitRate {
  perMinute: number;
  burst: number;
}

/** A named API client: who owns submissions, and whose budget a submit is charged to. */
export interface ApiClient {
  /** Owner of its submissions and key of its rate bucket; stable across restarts. */
  name: string;
  /**
   * sha-256 of the bearer token, lower-case hex. A plain fast hash is enough because tokens
   * are long random secrets (see README): with 128+ bits of entropy there is no dictionary to
   * try, so a slow password hash (bcrypt, argon2) would only cost CPU on every request while
   * adding nothing. What hashing buys is that a leaked config file or environment dump does
   * not hand out working tokens.
   */
  tokenSha256: string;
  submitRate: SubmitRate;
  /** May read the operator endpoints (`/metrics`); a plain client may not. */
  operator?: boolean;
}

/** The owner of everything in the tokenless loopback mode, and of rows from before clients existed. */
export const LOCAL_CLIENT_NAME = 'local';

/** The name SANDFLOW_API_TOKENS gives its n-th (1-based) token. */
export const shorthandClientName = (n: number): string => `token-${n}`;

export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const RATE_MAX = 1_000_000;

const ClientSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'must be 1 to 64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit',
    ),
  tokenSha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be the sha-256 of the token as 64 hex digits (e.g. printf %s "$TOKEN" | sha256sum)')
    .transform((hash) => hash.toLowerCase()),
  submitRatePerMinute: z.number().int().min(1).max(RATE_MAX).optional(),
  submitBurst: z.number().int().min(1).max(RATE_MAX).optional(),
  operator: z.boolean().optional(),
});

const ClientsSchema = z
  .array(ClientSchema)
  .min(1, 'must list at least one client (leave the variable unset for the open loopback mode)')
  .superRefine((clients, ctx) => {
    const names = new Set<string>();
    const hashes = new Set<string>();
    clients.forEach((client, index) => {
      if (names.has(client.name))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `"${client.name}" is used by an earlier client; names must be unique`,
        });
      // Two clients with one token would make ownership depend on list order.
      if (hashes.has(client.tokenSha256))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'tokenSha256'],
          message: "is the same as an earlier client's; each client needs its own token",
        });
      names.add(client.name);
      hashes.add(client.tokenSha256);
    });
  });

/** Where the client list comes from; at most one may be set. */
export interface ClientSources {
  /** SANDFLOW_CLIENTS: the JSON list itself. */
  json?: string | undefined;
  /** SANDFLOW_CLIENTS_FILE: a file holding the JSON list. */
  file?: string | undefined;
  /** SANDFLOW_API_TOKENS: plain tokens, the shorthand. */
  tokens: string[];
}

/**
 * The configured API clients, parsed and checked; an empty list means the open loopback
 * mode. Throws an Error naming the variable and the offending field.
 */
export function parseClients(sources: ClientSources, defaultRate: SubmitRate): ApiClient[] {
  const given = [
    sources.json !== undefined && 'SANDFLOW_CLIENTS',
    sources.file !== undefined && 'SANDFLOW_CLIENTS_FILE',
    sources.tokens.length > 0 && 'SANDFLOW_API_TOKENS',
  ].filter((name): name is string => typeof name === 'string');
  if (given.length > 1) throw new Error(`${given.join(' and ')}: set only one of them`);

  if (sources.tokens.length > 0) {
    return sources.tokens.map((token, i) => ({
      name: shorthandClientName(i + 1),
      tokenSha256: sha256Hex(token),
      submitRate: defaultRate,
    }));
  }
  let variable: string;
  let text: string;
  if (sources.file !== undefined) {
    variable = `SANDFLOW_CLIENTS_FILE (${sources.file})`;
    try {
      text = fs.readFileSync(sources.file, 'utf8');
    } catch (error) {
      throw new Error(`${variable}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  } else if (sources.json !== undefined) {
    variable = 'SANDFLOW_CLIENTS';
    text = sources.json;
  } else {
    return [];
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${variable}: must be JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = ClientsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${variable}${fieldPath(issue.path)}: ${issue.message}`);
    throw new Error(issues.join('; '));
  }
  return parsed.data.map((c) => ({
    name: c.name,
    tokenSha256: c.tokenSha256,
    submitRate: { perMinute: c.submitRatePerMinute ?? defaultRate.perMinute, burst: c.submitBurst ?? defaultRate.burst },
    ...(c.operator ? { operator: true } : {}),
  }));
}

/** `[1].submitBurst` for path [1, 'submitBurst']. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
}
