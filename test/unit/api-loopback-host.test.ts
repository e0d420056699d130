import { describe, expect, it } from 'vitest';
import { hostAllowed, hostRefusal } from '../../api/loopback-host';

describe('hostAllowed', () => {
  it('in the open mode, accepts loopback names only, with or without a port', () => {
    for (const host of [
      'localhost',
      'localhost:4000',
      'LocalHost:1',
      '127.0.0.1',
      '127.0.0.1:4000',
      '127.255.1.9:80',
      '[::1]',
      '[::1]:4000',
    ]) {
      expect(hostAllowed(host, true), host).toBe(true);
    }
    for (const host of [
      undefined,
      '',
      'evil.example',
      'evil.example:4000',
      'localhost.',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      '127.0.0.256',
      '0.0.0.0:4000',
      '::1',
      '[::ffff:127.0.0.1]',
      'localhost:4000:1',
      '10.0.0.1',
    ]) {
      expect(hostAllowed(host, true), String(host)).toBe(false);
    }
  });

  it('with API clients, leaves the Host alone: the token decides', () => {
    expect(hostAllowed('sandflow.example.com', false)).toBe(true);
    expect(hostAllowed(undefined, false)).toBe(true);
  });

  it('says why, quoting at most 100 characters of the Host', () => {
    expect(hostRefusal('evil.example')).toMatch(
      /^host: "evil\.example" is not a loopback name; .*localhost, 127\.x\.y\.z or \[::1\]/,
    );
    expect(hostRefusal('x'.repeat(5000)).length).toBeLessThan(400);
    expect(hostRefusal(undefined)).toMatch(/^host: none is not/);
  });
});
