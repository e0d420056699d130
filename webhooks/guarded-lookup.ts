import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { forbiddenAddressReason } from './address-policy';
import { allowlisted, type WebhookAllowlist } from './allowlist';

/** One resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses; injectable so tests use no real DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** The error a refused address fails a connection with; delivery classifies it as permanent. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED';
}

/** Why a connection for URL host `host`:`port` may not go to `address`, or undefined if it may. */
export function addressRefusal(host: string, port: number, address: string, allow: WebhookAllowlist): string | undefined {
  if (allowlisted(allow, host, port, address)) return undefined;
  const reason = forbiddenAddressReason(address);
  return reason === undefined ? undefined : `${host} -> ${reason}, and not in the webhook allowlist`;
}

/**
 * A `lookup` for http(s).request: the socket connects to the address this function returns, so
 * checking here (not before the request) leaves no window for DNS rebinding. If any resolved address
 * is refused the whole lookup fails: a name that mixes public and internal addresses is suspect.
 */
export function guardedLookup(port: number, allow: WebhookAllowlist, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted =
          options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
          return;
        }
        for (const { address } of wanted) {
          const refusal =
            isIP(address) === 0
              ? `${hostname} resolved to "${address}", not an IP address`
              : addressRefusal(hostname, port, address, allow);
          if (refusal !== undefined) {
            callback(new AddressRefusedError(refusal), '', 4);
            return;
          }
        }
        if (options.all) {
          callback(null, wanted);
        } else {
          const first = wanted[0] as ResolvedAddress;
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), '', 4),
    );
  };
}
