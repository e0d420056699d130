import { BlockList, isIP } from 'node:net';

/**
 * The operator's exceptions to the address policy (`SANDFLOW_WEBHOOK_ALLOW`-style): a comma- or
 * space-separated list whose entries are
 * - a CIDR (`10.0.0.0/8`, `fd00::/8`) or a bare IP (`127.0.0.1`, `::1`): any port at those addresses;
 * - `host:port` (`hooks.internal:8443`, `127.0.0.1:9000`, `[::1]:9000`): only that URL host and port,
 *   whatever internal address the host resolves to.
 */
export interface WebhookAllowlist {
  /** Addresses allowed on any port. */
  readonly networks: BlockList;
  /** `host:port` pairs (host lowercased, IPv6 without brackets) allowed whatever they resolve to. */
  readonly hostPorts: ReadonlySet<string>;
  /** The entries as given, for logs. */
  readonly entries: readonly string[];
}

export const EMPTY_ALLOWLIST: WebhookAllowlist = { networks: new BlockList(), hostPorts: new Set(), entries: [] };

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function parsePort(text: string, entry: string, field: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535))
    throw new Error(`${field}: entry "${entry}" has port "${text}"; a port is an integer in 1..65535`);
  return port;
}

/** Parses the allowlist; `field` names the setting in errors (e.g. `SANDFLOW_WEBHOOK_ALLOW`). */
export function parseWebhookAllowlist(text: string, field = 'SANDFLOW_WEBHOOK_ALLOW'): WebhookAllowlist {
  const entries = text.split(/[\s,]+/).filter((e) => e !== '');
  const networks = new BlockList();
  const hostPorts = new Set<string>();
  for (const entry of entries) {
    const slash = entry.indexOf('/');
    if (slash >= 0) {
      const address = entry.slice(0, slash);
      const family = isIP(address);
      const max = family === 6 ? 128 : 32;
      const prefixText = entry.slice(slash + 1);
      const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
      if (family === 0)
        throw new Error(`${field}: entry "${entry}" is not a CIDR; its network "${address}" is not an IP address`);
      if (!(prefix >= 0 && prefix <= max))
        throw new Error(`${field}: entry "${entry}" has prefix "${prefixText}"; allowed 0..${max} for IPv${family}`);
      networks.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
      continue;
    }
    const family = isIP(entry);
    if (family !== 0) {
      networks.addAddress(entry, family === 6 ? 'ipv6' : 'ipv4');
      continue;
    }
    const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(entry);
    if (bracketed) {
      const [, host = '', port = ''] = bracketed;
      if (isIP(host) !== 6) throw new Error(`${field}: entry "${entry}" has "[${host}]", which is not an IPv6 address`);
      hostPorts.add(`${host.toLowerCase()}:${parsePort(port, entry, field)}`);
      continue;
    }
    const colon = entry.lastIndexOf(':');
    if (colon < 0) throw new Error(`${field}: entry "${entry}" is neither an IP, a CIDR (a.b.c.d/n) nor host:port`);
    const host = entry.slice(0, colon).toLowerCase();
    if (isIP(host) !== 4 && !HOSTNAME.test(host))
      throw new Error(
        `${field}: entry "${entry}" has host "${host}", which is neither an IPv4 address nor a DNS name (IPv6 goes in brackets)`,
      );
    hostPorts.add(`${host}:${parsePort(entry.slice(colon + 1), entry, field)}`);
  }
  return { networks, hostPorts, entries };
}

/** Whether the allowlist lets a connection for URL host `host`:`port` reach `address`. */
export function allowlisted(allow: WebhookAllowlist, host: string, port: number, address: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (allow.hostPorts.has(`${bare}:${port}`)) return true;
  const family = isIP(address);
  return family !== 0 && allow.networks.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
