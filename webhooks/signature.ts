import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How sandflow signs a webhook, and how a receiver checks it.
 *
 * Scheme (version `v1`): the signed payload is `<unix seconds> + "." + <raw request body>`; the
 * signature is its HMAC-SHA256 under the client's webhook secret, as lowercase hex. The request carries
 * - `Sandflow-Signature: t=<unix seconds>,v1=<hex>`: the timestamp is inside the MAC, so a captured
 *   request cannot be replayed with a fresh timestamp, and receivers refuse timestamps outside a tolerance;
 *   several `v1=` entries may appear (e.g. while a secret is rotated) and any one matching suffices;
 * - `Sandflow-Webhook-Id: <id>`: stable across every retry of the same logical delivery, so a receiver
 *   that stores ids it has handled can drop duplicates (delivery is at least once).
 * Receivers must verify over the exact bytes received, before parsing the JSON.
 */
export const SIGNATURE_HEADER = 'Sandflow-Signature';
export const WEBHOOK_ID_HEADER = 'Sandflow-Webhook-Id';

/** Default window, in seconds, in which a signed timestamp is accepted (either side of now). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function mac(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The `Sandflow-Signature` header value for `body` signed at `timestamp` (unix seconds). */
export function signatureHeader(body: string | Buffer, secret: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new Error(`timestamp must be a non-negative integer of unix seconds, got ${timestamp}`);
  }
  if (secret.length === 0) throw new Error('webhook secret must not be empty');
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyOptions {
  /** Largest accepted distance, in seconds, between the signed timestamp and now (default 300). */
  toleranceSeconds?: number;
  /** The current time in unix seconds (default: the clock); tests pin it. */
  nowSeconds?: number;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * Checks a received webhook: the header parses, its timestamp is within the tolerance, and one of its
 * `v1` signatures equals the HMAC of `timestamp.body` under `secret` (compared in constant time).
 */
export function verifyWebhook(
  body: string | Buffer,
  header: string | undefined,
  secret: string,
  options: VerifyOptions = {},
): VerifyResult {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new Error(`toleranceSeconds must be >= 0, got ${tolerance}`);
  if (header === undefined || header === '') return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq < 0) return { ok: false, reason: `malformed ${SIGNATURE_HEADER} element "${part}"` };
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return { ok: false, reason: `timestamp t must be unix seconds, got "${value}"` };
      timestamp = Number(value);
    } else if (key === 'v1') {
      signatures.push(value);
    }
  }
  if (timestamp === undefined) return { ok: false, reason: `${SIGNATURE_HEADER} has no t= timestamp` };
  if (signatures.length === 0) return { ok: false, reason: `${SIGNATURE_HEADER} has no v1= signature` };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > tolerance) {
    return { ok: false, reason: `timestamp ${timestamp} is ${now - timestamp} s from now, outside the ${tolerance} s tolerance` };
  }
  const expected = Buffer.from(mac(secret, timestamp, body), 'hex');
  const matched = signatures.some((candidate) => {
    if (!/^[0-9a-f]{64}$/.test(candidate)) return false;
    return timingSafeEqual(Buffer.from(candidate, 'hex'), expected);
  });
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'no v1 signature matches the body' };
}
