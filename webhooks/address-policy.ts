import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Which IP addresses a webhook may connect to: public unicast only. Everything below is refused unless
 * the operator's allowlist names it (see webhook-allowlist.ts).
 */
const BLOCKED_V4: ReadonlyArray<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified/this-network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved/broadcast'],
];

const BLOCKED_V6: ReadonlyArray<[string, number, string]> = [
  // Also covers :: (unspecified), ::1 (loopback) and the deprecated IPv4-compatible ::a.b.c.d.
  ['::', 96, 'unspecified/loopback/IPv4-compatible'],
  ['100::', 64, 'discard'],
  ['2001::', 32, 'Teredo'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique-local (private)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

/** One BlockList per range, so a refusal can say which range the address is in. */
function compile(
  ranges: ReadonlyArray<[string, number, string]>,
  family: 'ipv4' | 'ipv6',
): Array<{ list: BlockList; label: string }> {
  return ranges.map(([network, prefix, label]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, label };
  });
}

const V4 = compile(BLOCKED_V4, 'ipv4');
const V6 = compile(BLOCKED_V6, 'ipv6');

/** The 8 hextets of an IPv6 address (a trailing dotted IPv4 part included); undefined if not IPv6. */
export function ipv6Hextets(address: string): number[] | undefined {
  if (!isIPv6(address) || address.includes('%')) return undefined;
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const [head = '', rest] = text.split('::');
  const left = parse(head);
  if (rest === undefined) return left.length === 8 ? left : undefined;
  const right = parse(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function v4FromHextets(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/**
 * The IPv4 address an IPv6 address stands for when it embeds one: IPv4-mapped (::ffff:a.b.c.d),
 * NAT64 well-known and local-use prefixes (64:ff9b::/96, 64:ff9b:1::/48 with the address in the last
 * 32 bits) and 6to4 (2002:AABB:CCDD::/48). Those reach the embedded IPv4 host, so it is what is checked.
 */
export function embeddedIPv4(hextets: readonly number[]): string | undefined {
  const h = (i: number): number => hextets[i] ?? 0;
  const zeros = (from: number, to: number): boolean => hextets.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && h(5) === 0xffff) return v4FromHextets(h(6), h(7));
  if (h(0) === 0x64 && h(1) === 0xff9b && (zeros(2, 6) || h(2) === 1)) return v4FromHextets(h(6), h(7));
  if (h(0) === 0x2002) return v4FromHextets(h(1), h(2));
  return undefined;
}

/** Why `address` is not a public unicast address, or undefined when it is. Non-IP input is refused. */
export function forbiddenAddressReason(address: string): string | undefined {
  if (isIPv4(address)) {
    const hit = V4.find(({ list }) => list.check(address, 'ipv4'));
    return hit === undefined ? undefined : `${address} is a ${hit.label} address`;
  }
  const hextets = ipv6Hextets(address.replace(/^\[|\]$/g, ''));
  if (hextets === undefined) return `"${address}" is not an IP address (zone ids are refused)`;
  const v4 = embeddedIPv4(hextets);
  if (v4 !== undefined) {
    const inner = forbiddenAddressReason(v4);
    return inner === undefined ? undefined : `${address} embeds ${inner}`;
  }
  const canonical = hextets.map((x) => x.toString(16)).join(':');
  const hit = V6.find(({ list }) => list.check(canonical, 'ipv6'));
  return hit === undefined ? undefined : `${address} is a ${hit.label} address`;
}
