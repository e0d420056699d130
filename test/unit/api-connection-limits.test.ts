import { describe, expect, it } from 'vitest';
import { ConnectionCounter, connectionKey, tooManySubscriptions } from '../../api/connection-limits';

describe('ConnectionCounter', () => {
  it('admits up to the maximum per client, each client on its own, and frees a place on close', () => {
    const counter = new ConnectionCounter(2);
    expect([counter.tryOpen('a'), counter.tryOpen('a'), counter.tryOpen('a')]).toEqual([true, true, false]);
    expect(counter.tryOpen('b')).toBe(true);
    counter.close('a');
    expect(counter.tryOpen('a')).toBe(true);
    expect(counter.tryOpen('a')).toBe(false);
    expect(counter.refusal()).toBe('too many connections for this client (at most 2)');
    // A WebSocket close reason must fit in 123 bytes.
    expect(Buffer.byteLength(new ConnectionCounter(100_000).refusal())).toBeLessThanOrEqual(123);
  });
});

describe('connectionKey', () => {
  it('counts by client name with tokens, by remote address without (everyone is the local client there)', () => {
    expect(connectionKey(false, 'judge', '10.0.0.1')).toBe(connectionKey(false, 'judge', '10.0.0.2'));
    expect(connectionKey(false, 'judge', '10.0.0.1')).not.toBe(connectionKey(false, 'playground', '10.0.0.1'));
    expect(connectionKey(true, 'local', '127.0.0.1')).not.toBe(connectionKey(true, 'local', '127.0.0.2'));
  });
});

describe('tooManySubscriptions', () => {
  it('names the limit and its variable', () => {
    const error = tooManySubscriptions(50);
    expect(error.message).toMatch(
      /^subscriptions: at most 50 operations may be active on one connection \(SANDFLOW_MAX_SUBSCRIPTIONS_PER_CONNECTION\)/,
    );
    expect(error.extensions).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', maximum: 50 });
  });
});
