import { describe, expect, it } from 'vitest';
import { assertSafeToListen, authenticate } from '../../api/auth';
import { sha256Hex } from '../../common/api-clients';
import { corsHeaders, webSocketOriginAllowed } from '../../api/cors';

const RATE = { perMinute: 60, burst: 30 };
const client = (name: string, token: string, submitRate = RATE) => ({ name, tokenSha256: sha256Hex(token), submitRate });

describe('authenticate', () => {
  const config = {
    clients: [client('alpha', 'alpha-token'), client('beta', 'beta-token', { perMinute: 600, burst: 100 })],
    submitRateLimit: RATE,
  };

  it('finds the client of a configured token given as "Bearer <token>", case-insensitively on the scheme', () => {
    expect(authenticate(config, 'Bearer alpha-token')).toEqual({ name: 'alpha', submitRate: RATE, operator: false });
    expect(authenticate(config, 'bearer beta-token')).toEqual({
      name: 'beta',
      submitRate: { perMinute: 600, burst: 100 },
      operator: false,
    });
  });

  it('compares hashes only: the stored hash itself is not a token', () => {
    expect(authenticate(config, `Bearer ${sha256Hex('alpha-token')}`)).toBeUndefined();
  });

  it('rejects anything else', () => {
    for (const header of [
      undefined,
      '',
      'alpha-token',
      'Bearer',
      'Bearer alpha',
      'Bearer alpha-token2',
      'Basic YWxwaGE=',
      'Bearer alpha-token extra',
    ]) {
      expect(authenticate(config, header)).toBeUndefined();
    }
  });

  it('lets everyone in as the one local client when no clients are configured', () => {
    expect(authenticate({ clients: [], submitRateLimit: RATE }, undefined)).toEqual({
      name: 'local',
      submitRate: RATE,
      operator: false,
    });
    expect(authenticate({ clients: [], submitRateLimit: RATE }, 'Bearer whatever')).toEqual({
      name: 'local',
      submitRate: RATE,
      operator: false,
    });
  });
});

describe('assertSafeToListen', () => {
  it('refuses a non-loopback address without tokens, naming the setting', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) {
      expect(() => assertSafeToListen({ clients: [], host })).toThrow(
        /without API clients \(SANDFLOW_CLIENTS, SANDFLOW_CLIENTS_FILE or SANDFLOW_API_TOKENS\) the API listens only on loopback/,
      );
    }
  });

  it('allows loopback without tokens, and anything with tokens', () => {
    for (const host of ['127.0.0.1', '127.3.2.1', '::1', 'localhost'])
      expect(() => assertSafeToListen({ clients: [], host })).not.toThrow();
    expect(() => assertSafeToListen({ clients: [client('t', 't')], host: '0.0.0.0' })).not.toThrow();
  });
});

describe('corsHeaders', () => {
  const allowed = ['https://app.example.com', 'http://localhost:5173'];

  it('adds nothing without an allowlist', () => {
    expect(corsHeaders('https://app.example.com', [], true)).toEqual({});
  });

  it('allows exactly the listed origins, with preflight details on OPTIONS', () => {
    expect(corsHeaders('https://app.example.com', allowed, false)).toEqual({
      vary: 'Origin',
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-expose-headers': 'retry-after',
    });
    expect(corsHeaders('http://localhost:5173', allowed, true)).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': expect.stringContaining('authorization'),
    });
  });

  it('gives other origins no CORS headers (but still Vary)', () => {
    for (const origin of ['https://evil.example.com', 'http://app.example.com', 'https://app.example.com:444', undefined]) {
      expect(corsHeaders(origin, allowed, true)).toEqual({ vary: 'Origin' });
    }
  });
});

describe('webSocketOriginAllowed', () => {
  it('admits clients without Origin (not browsers) and listed origins only', () => {
    expect(webSocketOriginAllowed(undefined, [])).toBe(true);
    expect(webSocketOriginAllowed('https://evil.example.com', [])).toBe(false);
    expect(webSocketOriginAllowed('https://app.example.com', ['https://app.example.com'])).toBe(true);
  });

  it('admits a page of the API own origin (the playground) and no other host', () => {
    expect(webSocketOriginAllowed('http://127.0.0.1:4000', [], '127.0.0.1:4000')).toBe(true);
    expect(webSocketOriginAllowed('http://LOCALHOST:4000', [], 'localhost:4000')).toBe(true);
    expect(webSocketOriginAllowed('http://127.0.0.1:4001', [], '127.0.0.1:4000')).toBe(false);
    expect(webSocketOriginAllowed('https://evil.example.com', [], '127.0.0.1:4000')).toBe(false);
    expect(webSocketOriginAllowed('null', [], 'null')).toBe(false);
  });
});
