import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { EMPTY_ALLOWLIST, type WebhookAllowlist } from './allowlist';
import { parseCallbackUrl, type CallbackUrlPolicy } from './callback-url';
import { AddressRefusedError, addressRefusal, guardedLookup, systemResolver, type Resolver } from './guarded-lookup';
import { SIGNATURE_HEADER, WEBHOOK_ID_HEADER, signatureHeader } from './signature';

/** One webhook attempt. */
export interface WebhookAttempt {
  /** The callback URL as the client gave it; parsed and checked here. */
  url: string;
  /** The JSON payload; serialised once, and those exact bytes are signed and sent. */
  payload: unknown;
  /** The client's webhook secret. */
  secret: string;
  /** Stable id of the logical delivery (the same on every retry), for receivers' de-duplication. */
  deliveryId: string;
}

/** How an attempt is made; every field has a safe default. */
export interface DeliveryOptions extends CallbackUrlPolicy {
  /** Exceptions to the address policy; empty by default, so no internal address is reachable. */
  allow?: WebhookAllowlist;
  /** Host name resolution (default: the system resolver); tests inject one so no real DNS is used. */
  resolve?: Resolver;
  /** Time to get a TCP (and TLS) connection, in milliseconds (default 3000). */
  connectTimeoutMs?: number;
  /** Time for the whole attempt, response headers included, in milliseconds (default 10000). */
  totalTimeoutMs?: number;
  /** Response body bytes read before the connection is dropped (default 4096); the body is never used. */
  maxResponseBytes?: number;
  /** Signing time in unix seconds (default: the clock). */
  nowSeconds?: number;
}

/** What one attempt came to. Remote failures are results, never exceptions. */
export interface DeliveryResult {
  /** A 2xx answer. */
  ok: boolean;
  /** Whether trying again later may succeed (timeouts, connection errors, 5xx, 429). */
  retryable: boolean;
  /** The HTTP status, when the receiver answered. */
  status?: number;
  /** What went wrong, for the submission's record and logs. */
  error?: string;
  /** Milliseconds from start to outcome. */
  durationMs: number;
}

function classifyStatus(status: number): Pick<DeliveryResult, 'ok' | 'retryable' | 'error'> {
  if (status >= 200 && status < 300) return { ok: true, retryable: false };
  if (status >= 300 && status < 400)
    return { ok: false, retryable: false, error: `receiver answered ${status}; redirects are not followed` };
  if (status === 429 || status === 408 || status >= 500)
    return { ok: false, retryable: true, error: `receiver answered ${status}` };
  return { ok: false, retryable: false, error: `receiver answered ${status}` };
}

/** Makes one signed POST of `attempt.payload` to its URL under the SSRF policy. */
export async function deliverWebhook(attempt: WebhookAttempt, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const refuse = (error: string): DeliveryResult => ({ ok: false, retryable: false, error, durationMs: elapsed() });

  let url: URL;
  try {
    url = parseCallbackUrl(attempt.url, options);
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(attempt.deliveryId)) {
    return refuse(
      `deliveryId must be 1..200 printable ASCII characters without spaces, got ${JSON.stringify(attempt.deliveryId)}`,
    );
  }
  const allow = options.allow ?? EMPTY_ALLOWLIST;
  const port = url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node connects to an IP literal without calling `lookup`, so literals are checked here; they
  // cannot rebind, so checking before connecting is as good as checking at connect time.
  if (isIP(host) !== 0) {
    const refusal = addressRefusal(host, port, host, allow);
    if (refusal !== undefined) return refuse(`refused by webhook policy: ${refusal}`);
  }

  const body = JSON.stringify(attempt.payload) ?? 'null';
  const timestamp = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': 'sandflow-webhooks',
    [SIGNATURE_HEADER]: signatureHeader(body, attempt.secret, timestamp),
    [WEBHOOK_ID_HEADER]: attempt.deliveryId,
  };
  const connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 10_000;
  const maxResponseBytes = options.maxResponseBytes ?? 4_096;
  const transport = url.protocol === 'https:' ? https : http;

  return new Promise<DeliveryResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<DeliveryResult, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      request.destroy();
      resolve({ ...result, durationMs: elapsed() });
    };
    const request = transport.request(url, {
      method: 'POST',
      headers,
      // A fresh connection per attempt: a pooled socket was checked for another request's host.
      agent: false,
      lookup: guardedLookup(port, allow, options.resolve ?? systemResolver),
    });
    const totalTimer = setTimeout(
      () => finish({ ok: false, retryable: true, error: `no answer within ${totalTimeoutMs} ms` }),
      totalTimeoutMs,
    );
    const connectTimer = setTimeout(
      () => finish({ ok: false, retryable: true, error: `no connection within ${connectTimeoutMs} ms` }),
      connectTimeoutMs,
    );
    request.on('socket', (socket) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof AddressRefusedError)
        finish({ ok: false, retryable: false, error: `refused by webhook policy: ${error.message}` });
      else finish({ ok: false, retryable: true, error: `${error.code ?? error.name}: ${error.message}` });
    });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      let read = 0;
      // Read a little so small answers end cleanly, then drop the connection whatever is left.
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= maxResponseBytes) finish({ status, ...classifyStatus(status) });
      });
      response.on('end', () => finish({ status, ...classifyStatus(status) }));
      response.on('error', () => finish({ status, ...classifyStatus(status) }));
    });
    request.end(body);
  });
}
