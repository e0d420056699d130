import { describe, expect, it } from 'vitest';
import { forbiddenAddressReason, ipv6Hextets } from '../../webhooks/address-policy';
import { allowlisted, parseWebhookAllowlist } from '../../webhooks/allowlist';
import { parseCallbackUrl } from '../../webhooks/callback-url';

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['0:0:0:0:0:ffff:10.0.0.1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe::1', 'link-local'],
    ['[::1]', 'loopback'],
  ])('refuses %s (%s)', (address, label) => {
    expect(forbiddenAddressReason(address)).toContain(label);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('accepts the public address %s', (address) => {
    expect(forbiddenAddressReason(address)).toBeUndefined();
  });

  it('refuses what is not an IP address, and zone ids', () => {
    expect(forbiddenAddressReason('example.com')).toMatch(/not an IP address/);
    expect(forbiddenAddressReason('fe80::1%eth0')).toMatch(/not an IP address/);
  });

  it('expands IPv6 forms to hextets', () => {
    expect(ipv6Hextets('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(ipv6Hextets('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ipv6Hextets('1::8')).toEqual([1, 0, 0, 0, 0, 0, 0, 8]);
  });
});

describe('webhook allowlist', () => {
  it('parses CIDRs, bare IPs and host:port', () => {
    const allow = parseWebhookAllowlist('10.1.0.0/16, 127.0.0.1 fd00::/8,hooks.internal:8443 [::1]:9000');
    expect(allowlisted(allow, 'x.example', 443, '10.1.2.3')).toBe(true);
    expect(allowlisted(allow, 'x.example', 443, '10.2.0.1')).toBe(false);
    expect(allowlisted(allow, 'x.example', 1, '127.0.0.1')).toBe(true);
    expect(allowlisted(allow, 'x.example', 1, 'fd00::5')).toBe(true);
    expect(allowlisted(allow, 'HOOKS.internal', 8443, '192.168.0.9')).toBe(true);
    expect(allowlisted(allow, 'hooks.internal', 8444, '192.168.0.9')).toBe(false);
    expect(allowlisted(allow, '[::1]', 9000, '::1')).toBe(true);
    expect(allow.entries).toHaveLength(5);
  });

  it.each([
    ['10.0.0.0/33', /prefix "33"; allowed 0\.\.32 for IPv4/],
    ['fd00::/129', /allowed 0\.\.128 for IPv6/],
    ['foo/8', /network "foo" is not an IP address/],
    ['hooks.internal', /neither an IP, a CIDR/],
    ['hooks.internal:0', /port "0"; a port is an integer in 1\.\.65535/],
    ['hooks.internal:99999', /1\.\.65535/],
    ['bad_host!:80', /host "bad_host!"/],
    ['[nope]:80', /not an IPv6 address/],
  ])('rejects %s precisely', (text, message) => {
    expect(() => parseWebhookAllowlist(text)).toThrow(/^SANDFLOW_WEBHOOK_ALLOW: entry/);
    expect(() => parseWebhookAllowlist(text)).toThrow(message);
  });

  it('is empty for an empty string', () => {
    expect(parseWebhookAllowlist('  ').entries).toEqual([]);
  });
});

describe('callback URL', () => {
  it('accepts https, and http only when allowed', () => {
    expect(parseCallbackUrl('https://hooks.example.com/x?y=1').hostname).toBe('hooks.example.com');
    expect(() => parseCallbackUrl('http://hooks.example.com/')).toThrow('callbackUrl has scheme "http"; allowed: https');
    expect(parseCallbackUrl('http://hooks.example.com/', { allowHttp: true }).protocol).toBe('http:');
    expect(() => parseCallbackUrl('ftp://hooks.example.com/', { allowHttp: true })).toThrow('allowed: https or http');
    expect(() => parseCallbackUrl('file:///etc/passwd')).toThrow(/scheme "file"/);
  });

  it('refuses credentials, fragments, non-URLs, over-long URLs and disallowed ports', () => {
    expect(() => parseCallbackUrl('https://user:pw@hooks.example.com/')).toThrow(/credentials/);
    expect(() => parseCallbackUrl('https://hooks.example.com/#x')).toThrow(/fragment/);
    expect(() => parseCallbackUrl('not a url')).toThrow('callbackUrl is not an absolute URL');
    expect(() => parseCallbackUrl(42)).toThrow(/callbackUrl/);
    expect(() => parseCallbackUrl(`https://a.example/${'x'.repeat(2100)}`)).toThrow(
      'callbackUrl must be at most 2048 characters',
    );
    expect(() => parseCallbackUrl('https://hooks.example.com:22/')).toThrow('has port 22; allowed: 443 or 1024..65535');
    expect(parseCallbackUrl('https://hooks.example.com:8443/').port).toBe('8443');
    expect(() => parseCallbackUrl('https://hooks.example.com:8443/', { allowedPorts: [443] })).toThrow(
      'has port 8443; allowed: 443',
    );
  });
});
