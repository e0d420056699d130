import { describe, expect, it } from 'vitest';
import { assertSafeToListen, authenticate } from '../../api/auth';
import { corsHeaders, webSocketOriginAllowed } from '../../api/cors';

describe('authenticate', () => {
  const config = { apiTokens: ['alpha-token', 'beta-token'] };

  it('accepts a configured token as "Bearer <token>", case-insensitively on the scheme', () => {
    expect(authenticate(config, 'Bearer alpha-token')).toBe('alpha-token');
    expect(authenticate(config, 'bearer beta-token')).toBe('beta-token');
  });

  it('rejects anything else', () => {
    for (const header of [undefined, '', 'alpha-token', 'Bearer', 'Bearer alpha', 'Bearer alpha-token2', 'Basic YWxwaGE=', 'Bearer alpha-token extra']) {
      expect(authenticate(config, header)).toBeUndefined();
    }
  });

  it('lets everyone in when no tokens are configured', () => {
    expect(authenticate({ apiTokens: [] }, undefined)).toBeNull();
    expect(authenticate({ apiTokens: [] }, 'Bearer whatever')).toBeNull();
  });
});

describe('assertSafeToListen', () => {
  it('refuses a non-loopback address without tokens, naming the setting', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) {
      expect(() => assertSafeToListen({ apiTokens: [], host })).toThrow(/without SANDFLOW_API_TOKENS the API listens only on loopback/);
    }
  });

  it('allows loopback without tokens, and anything with tokens', () => {
    for (const host of ['127.0.0.1', '127.3.2.1', '::1', 'localhost']) expect(() => assertSafeToListen({ apiTokens: [], host })).not.toThrow();
    expect(() => assertSafeToListen({ apiTokens: ['t'], host: '0.0.0.0' })).not.toThrow();
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
});
