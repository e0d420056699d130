import { z } from 'zod';

/** What a callback URL may look like; the addresses it resolves to are checked later, at connect time. */
export interface CallbackUrlPolicy {
  /** Accept `http:` as well as `https:` (operators' internal receivers, tests). Default false. */
  allowHttp?: boolean;
  /** Longest accepted URL, in characters (default 2048). */
  maxLength?: number;
  /** Ports an explicit `:port` may name; default 443, 80 (with http) and 1024..65535. */
  allowedPorts?: readonly number[];
}

export const DEFAULT_MAX_URL_LENGTH = 2048;

function portAllowed(port: number, protocol: string, policy: CallbackUrlPolicy): boolean {
  if (policy.allowedPorts) return policy.allowedPorts.includes(port);
  return port === 443 || (protocol === 'http:' && port === 80) || port >= 1024;
}

/** A zod schema for a callback URL under `policy`; it outputs the parsed URL. */
export function callbackUrlSchema(policy: CallbackUrlPolicy = {}) {
  const maxLength = policy.maxLength ?? DEFAULT_MAX_URL_LENGTH;
  return z
    .string()
    .max(maxLength, { error: `must be at most ${maxLength} characters` })
    .transform((text, ctx) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not an absolute URL' });
        return z.NEVER;
      }
      const schemes = policy.allowHttp ? 'https or http' : 'https';
      if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) {
        ctx.addIssue({ code: 'custom', message: `has scheme "${url.protocol.replace(/:$/, '')}"; allowed: ${schemes}` });
      }
      if (url.username !== '' || url.password !== '')
        ctx.addIssue({ code: 'custom', message: 'must not contain credentials (user:password@)' });
      if (url.hash !== '') ctx.addIssue({ code: 'custom', message: 'must not contain a #fragment' });
      const port = url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port);
      if (!portAllowed(port, url.protocol, policy)) {
        const allowed = policy.allowedPorts
          ? policy.allowedPorts.join(', ')
          : `443${policy.allowHttp ? ', 80' : ''} or 1024..65535`;
        ctx.addIssue({ code: 'custom', message: `has port ${port}; allowed: ${allowed}` });
      }
      return url;
    });
}

/** Parses `text` as a callback URL; throws an Error naming `field` and every rule it breaks. */
export function parseCallbackUrl(text: unknown, policy: CallbackUrlPolicy = {}, field = 'callbackUrl'): URL {
  const parsed = callbackUrlSchema(policy).safeParse(text);
  if (parsed.success) return parsed.data;
  throw new Error(`${field} ${parsed.error.issues.map((i) => i.message).join('; ')}`);
}
