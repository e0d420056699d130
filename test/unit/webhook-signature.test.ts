import { describe, expect, it } from 'vitest';
import { retryDelays, DEFAULT_RETRY_POLICY } from '../../webhooks/retry-schedule';
import { signatureHeader, verifyWebhook } from '../../webhooks/signature';

const SECRET = 'whsec-test';
const BODY = '{"id":"s1","status":"ACCEPTED"}';
const NOW = 1_800_000_000;

describe('webhook signature', () => {
  it('round-trips', () => {
    const header = signatureHeader(BODY, SECRET, NOW);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(BODY, header, SECRET, { nowSeconds: NOW + 10 })).toEqual({ ok: true, timestamp: NOW });
  });

  it('refuses a tampered body, a wrong secret and a moved timestamp', () => {
    const header = signatureHeader(BODY, SECRET, NOW);
    expect(verifyWebhook(BODY.replace('ACCEPTED', 'WRONG_ANSWER'), header, SECRET, { nowSeconds: NOW }).ok).toBe(false);
    expect(verifyWebhook(BODY, header, 'other-secret', { nowSeconds: NOW }).ok).toBe(false);
    // The timestamp is inside the MAC: a replay with a fresh t= fails.
    const replay = header.replace(`t=${NOW}`, `t=${NOW + 1000}`);
    expect(verifyWebhook(BODY, replay, SECRET, { nowSeconds: NOW + 1000 })).toEqual({
      ok: false,
      reason: 'no v1 signature matches the body',
    });
  });

  it('refuses stale and future timestamps outside the tolerance', () => {
    const header = signatureHeader(BODY, SECRET, NOW);
    expect(verifyWebhook(BODY, header, SECRET, { nowSeconds: NOW + 301 }).ok).toBe(false);
    expect(verifyWebhook(BODY, header, SECRET, { nowSeconds: NOW - 301 }).ok).toBe(false);
    expect(verifyWebhook(BODY, header, SECRET, { nowSeconds: NOW + 300 }).ok).toBe(true);
    expect(verifyWebhook(BODY, header, SECRET, { nowSeconds: NOW + 61, toleranceSeconds: 60 }).ok).toBe(false);
  });

  it('accepts any matching v1 (secret rotation) and refuses malformed headers', () => {
    const good = signatureHeader(BODY, SECRET, NOW).split(',')[1] ?? '';
    expect(verifyWebhook(BODY, `t=${NOW},v1=${'0'.repeat(64)},${good}`, SECRET, { nowSeconds: NOW }).ok).toBe(true);
    for (const bad of [undefined, '', 'garbage', `v1=${'0'.repeat(64)}`, `t=${NOW}`, `t=abc,${good}`, `t=${NOW},v1=short`]) {
      expect(verifyWebhook(BODY, bad, SECRET, { nowSeconds: NOW }).ok).toBe(false);
    }
  });
});

describe('retry schedule', () => {
  it('backs off within [base/2, base], capped, deterministic for a given random', () => {
    const policy = { maxAttempts: 5, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 5000 };
    expect(retryDelays(policy, () => 0)).toEqual([500, 1000, 2000, 2500]);
    expect(retryDelays(policy, () => 0.999999)).toEqual([1000, 2000, 4000, 5000]);
    expect(retryDelays(DEFAULT_RETRY_POLICY, () => 0.5)).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts - 1);
  });

  it('rejects bad policies with the field named', () => {
    expect(() => retryDelays({ ...DEFAULT_RETRY_POLICY, maxAttempts: 0 }, () => 0)).toThrow(
      /maxAttempts must be an integer in 1\.\.20/,
    );
    expect(() => retryDelays({ ...DEFAULT_RETRY_POLICY, multiplier: 0.5 }, () => 0)).toThrow(/multiplier/);
    expect(() => retryDelays(DEFAULT_RETRY_POLICY, () => 1)).toThrow(/random/);
  });
});
