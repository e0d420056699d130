import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EMPTY_ALLOWLIST, parseWebhookAllowlist } from '../../webhooks/allowlist';
import { deliverWebhook, type DeliveryOptions, type WebhookAttempt } from '../../webhooks/deliver';
import { AddressRefusedError, guardedLookup, type Resolver } from '../../webhooks/guarded-lookup';
import { SIGNATURE_HEADER, WEBHOOK_ID_HEADER, verifyWebhook } from '../../webhooks/signature';

const SECRET = 'whsec-delivery';

/** A receiver on 127.0.0.1 (the only address these tests ever connect to) that counts what reaches it. */
interface Receiver {
  server: http.Server;
  port: number;
  connections: number;
  requests: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }>;
  /** Bytes the handler managed to write before the client went away. */
  bytesWritten: number;
}

async function startReceiver(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, receiver: Receiver) => void,
): Promise<Receiver> {
  const receiver: Receiver = { server: http.createServer(), port: 0, connections: 0, requests: [], bytesWritten: 0 };
  receiver.server.on('connection', () => receiver.connections++);
  receiver.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.requests.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(req, res, receiver);
    });
  });
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.port = (receiver.server.address() as AddressInfo).port;
  return receiver;
}

const receivers: Receiver[] = [];
async function receiver(handler: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(handler);
  receivers.push(started);
  return started;
}
afterAll(async () => {
  for (const r of receivers) {
    r.server.closeAllConnections();
    await new Promise<void>((resolve) => r.server.close(() => resolve()));
  }
});
afterEach(() => vi.restoreAllMocks());

const attempt = (url: string): WebhookAttempt => ({
  url,
  payload: { id: 'sub-1', status: 'ACCEPTED' },
  secret: SECRET,
  deliveryId: 'sub-1:finished',
});
/** A resolver that must never be asked: the guard has no business resolving IP literals. */
const noDns: Resolver = () => Promise.reject(new Error('test resolver: no DNS expected'));
const fixed =
  (address: string, family: 4 | 6 = 4): Resolver =>
  () =>
    Promise.resolve([{ address, family }]);

interface SocketRecord {
  /** The error the socket failed with (a refused lookup fails the socket before it connects). */
  error?: Error;
  /** Whether a TCP connection was ever made. */
  connected: boolean;
}

/** Records every http.request deliverWebhook makes, and for each socket how it failed and whether it connected. */
function watchRequests(): { requests: number; sockets: SocketRecord[] } {
  const seen = { requests: 0, sockets: [] as SocketRecord[] };
  const original = http.request.bind(http);
  vi.spyOn(http, 'request').mockImplementation(((...args: Parameters<typeof http.request>) => {
    seen.requests++;
    const request = original(...args);
    request.on('socket', (socket: Socket) => {
      const record: SocketRecord = { connected: false };
      seen.sockets.push(record);
      socket.on('error', (error: Error) => (record.error = error));
      socket.on('connect', () => (record.connected = true));
    });
    return request;
  }) as typeof http.request);
  return seen;
}

describe('webhook delivery', () => {
  let ok: Receiver;
  let allowOk: DeliveryOptions;
  beforeAll(async () => {
    ok = await receiver((_req, res) => res.writeHead(200).end('thanks'));
    allowOk = { allowHttp: true, resolve: noDns, allow: parseWebhookAllowlist(`127.0.0.1:${ok.port}`) };
  });

  it('POSTs the signed JSON to a loopback receiver reached through the allowlist', async () => {
    const result = await deliverWebhook(attempt(`http://127.0.0.1:${ok.port}/hook`), { ...allowOk, nowSeconds: 1_800_000_000 });
    expect(result).toMatchObject({ ok: true, status: 200, retryable: false });
    const got = ok.requests.at(-1);
    expect(got?.url).toBe('/hook');
    expect(JSON.parse(got?.body ?? '')).toEqual({ id: 'sub-1', status: 'ACCEPTED' });
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers[WEBHOOK_ID_HEADER.toLowerCase()]).toBe('sub-1:finished');
    const signature = got?.headers[SIGNATURE_HEADER.toLowerCase()];
    expect(typeof signature).toBe('string');
    expect(verifyWebhook(got?.body ?? '', String(signature), SECRET, { nowSeconds: 1_800_000_000 })).toEqual({
      ok: true,
      timestamp: 1_800_000_000,
    });
  });

  it('reaches the same receiver through a name only when the allowlist names that host:port', async () => {
    const before = ok.connections;
    const url = `http://hooks.test:${ok.port}/`;
    const refused = await deliverWebhook(attempt(url), { allowHttp: true, resolve: fixed('127.0.0.1') });
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.error).toMatch(/refused by webhook policy: hooks\.test -> 127\.0\.0\.1 is a loopback address/);
    expect(ok.connections).toBe(before);
    const allowed = await deliverWebhook(attempt(url), {
      allowHttp: true,
      resolve: fixed('127.0.0.1'),
      allow: parseWebhookAllowlist(`hooks.test:${ok.port}`),
    });
    expect(allowed).toMatchObject({ ok: true, status: 200 });
    expect(ok.connections).toBe(before + 1);
  });

  it('refuses plain http unless the operator allows it', async () => {
    const result = await deliverWebhook(attempt(`http://127.0.0.1:${ok.port}/`), { allow: allowOk.allow, resolve: noDns });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.error).toMatch(/scheme "http"; allowed: https/);
  });

  describe('SSRF probes without the allowlist are refused before any connection', () => {
    it.each([
      ['loopback', () => `http://127.0.0.1:${ok.port}/`, /loopback/],
      ['10/8', () => 'http://10.0.0.1/', /private/],
      ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', /link-local/],
      ['IPv6 loopback', () => `http://[::1]:${ok.port}/`, /loopback/],
      ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${ok.port}/`, /embeds 127\.0\.0\.1 is a loopback/],
      ['IPv4-mapped loopback, hex', () => `http://[::ffff:7f00:1]:${ok.port}/`, /loopback/],
      ['decimal loopback', () => `http://2130706433:${ok.port}/`, /loopback/],
      ['unspecified', () => `http://0.0.0.0:${ok.port}/`, /unspecified/],
    ])('%s', async (_label, url, reason) => {
      const seen = watchRequests();
      const before = ok.connections;
      const result = await deliverWebhook(attempt(url()), { allowHttp: true, resolve: noDns, allow: EMPTY_ALLOWLIST });
      expect(result).toMatchObject({ ok: false, retryable: false });
      expect(result.error).toMatch(/^refused by webhook policy/);
      expect(result.error).toMatch(reason);
      // IP literals are refused before a request (and so a socket) even exists.
      expect(seen.requests).toBe(0);
      expect(ok.connections).toBe(before);
    });

    it.each([
      ['10.0.0.1', 4],
      ['169.254.169.254', 4],
      ['192.168.1.10', 4],
      ['fd00::1', 6],
      ['::ffff:10.0.0.1', 6],
    ] as const)('a DNS name resolving to %s fails in the lookup, and the socket never connects', async (address, family) => {
      const seen = watchRequests();
      const resolve = vi.fn(fixed(address, family));
      const result = await deliverWebhook(attempt('http://internal.example.test/'), { allowHttp: true, resolve });
      expect(resolve).toHaveBeenCalledWith('internal.example.test');
      expect(result).toMatchObject({ ok: false, retryable: false });
      expect(result.error).toMatch(/^refused by webhook policy: internal\.example\.test -> /);
      expect(seen.sockets).toHaveLength(1);
      expect(seen.sockets[0]?.error).toBeInstanceOf(AddressRefusedError);
      expect(seen.sockets[0]?.connected).toBe(false);
    });

    it('the lookup itself refuses a name with one internal address among public ones', async () => {
      const lookup = guardedLookup(443, EMPTY_ALLOWLIST, () =>
        Promise.resolve([
          { address: '8.8.8.8', family: 4 },
          { address: '10.0.0.1', family: 4 },
        ]),
      );
      const error = await new Promise<Error | null>((resolve) => lookup('mixed.test', { all: true }, (err) => resolve(err)));
      expect(error).toBeInstanceOf(AddressRefusedError);
      expect(error?.message).toMatch(/10\.0\.0\.1 is a private address/);
    });
  });

  it('does not follow a redirect, even to a receiver the allowlist would let it reach', async () => {
    const target = await receiver((_req, res) => res.writeHead(200).end());
    const redirecting = await receiver((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${target.port}/` }).end());
    const result = await deliverWebhook(attempt(`http://127.0.0.1:${redirecting.port}/`), {
      allowHttp: true,
      resolve: noDns,
      allow: parseWebhookAllowlist('127.0.0.1/32'),
    });
    expect(result).toMatchObject({ ok: false, retryable: false, status: 302 });
    expect(result.error).toMatch(/redirects are not followed/);
    expect(redirecting.requests).toHaveLength(1);
    expect(target.connections).toBe(0);
  });

  it.each([
    [204, true, false],
    [404, false, false],
    [410, false, false],
    [429, false, true],
    [500, false, true],
    [503, false, true],
  ])('classifies status %i (ok %s, retryable %s)', async (status, okay, retryable) => {
    const r = await receiver((_req, res) => res.writeHead(status).end());
    const result = await deliverWebhook(attempt(`http://127.0.0.1:${r.port}/`), {
      allowHttp: true,
      resolve: noDns,
      allow: parseWebhookAllowlist('127.0.0.1'),
    });
    expect(result).toMatchObject({ ok: okay, retryable, status });
  });

  it('reports a refused connection as retryable, without throwing', async () => {
    const closed = await startReceiver(() => undefined);
    const port = closed.port;
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const result = await deliverWebhook(attempt(`http://127.0.0.1:${port}/`), {
      allowHttp: true,
      resolve: noDns,
      allow: parseWebhookAllowlist('127.0.0.1'),
    });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.error).toMatch(/ECONNREFUSED/);
  });

  it('reads at most a few KiB of a 100 MiB answer, then drops the connection', async () => {
    const total = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const closed = new Promise<void>((resolve) => {
      void receiver((_req, res, self) => {
        res.writeHead(200, { 'content-length': String(total) });
        const pump = (): void => {
          while (self.bytesWritten < total) {
            self.bytesWritten += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => resolve());
        pump();
      }).then((r) => {
        big = r;
      });
    });
    let big: Receiver | undefined;
    while (big === undefined) await new Promise((resolve) => setImmediate(resolve));
    const rssBefore = process.memoryUsage().rss;
    const result = await deliverWebhook(attempt(`http://127.0.0.1:${big.port}/`), {
      allowHttp: true,
      resolve: noDns,
      allow: parseWebhookAllowlist('127.0.0.1'),
      maxResponseBytes: 4096,
    });
    await closed;
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.durationMs).toBeLessThan(3000);
    // Only what the socket buffers held before the client hung up was written, not 100 MiB.
    expect(big.bytesWritten).toBeLessThan(16 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('gives up on a receiver that never answers at the total timeout', async () => {
    const silent = await receiver(() => undefined);
    const result = await deliverWebhook(attempt(`http://127.0.0.1:${silent.port}/`), {
      allowHttp: true,
      resolve: noDns,
      allow: parseWebhookAllowlist('127.0.0.1'),
      totalTimeoutMs: 300,
    });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.error).toBe('no answer within 300 ms');
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
    expect(result.durationMs).toBeLessThan(2000);
    expect(silent.requests).toHaveLength(1);
  });

  it('refuses a delivery id that cannot be a header, without throwing', async () => {
    const result = await deliverWebhook({ ...attempt(`http://127.0.0.1:${ok.port}/`), deliveryId: 'a b\r\n' }, allowOk);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.error).toMatch(/deliveryId must be 1\.\.200 printable ASCII/);
  });
});
