/** What a preflight may ask for: the headers our clients send. */
const ALLOWED_HEADERS = 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name';

/**
 * CORS headers for a request from `origin`: none unless the origin is on the allowlist, so a
 * deployment without SANDFLOW_CORS_ORIGINS answers browsers exactly as before (they refuse).
 * Origins compare exactly, scheme and port included; there is no wildcard, because a page
 * that can call the API can spend its users' tokens.
 */
export function corsHeaders(origin: string | undefined, allowed: readonly string[], preflight: boolean): Record<string, string> {
  if (allowed.length === 0) return {};
  // Whether the answer carries CORS headers depends on Origin: caches must key on it.
  const headers: Record<string, string> = { vary: 'Origin' };
  if (!origin || !allowed.includes(origin)) return headers;
  headers['access-control-allow-origin'] = origin;
  headers['access-control-expose-headers'] = 'retry-after';
  if (preflight) {
    headers['access-control-allow-methods'] = 'GET, POST, OPTIONS';
    headers['access-control-allow-headers'] = ALLOWED_HEADERS;
    headers['access-control-max-age'] = '600';
  }
  return headers;
}

/**
 * Whether a WebSocket upgrade may proceed. Browsers send Origin and apply no CORS to
 * WebSockets, so without this any page a user visits could drive a loopback API; other
 * clients send no Origin and are judged by their token alone. A page of the API's own origin
 * (the playground: Origin's host equals the Host the upgrade was sent to) may connect; the
 * loopback Host check before this one keeps DNS-rebound pages out in the open mode.
 */
export function webSocketOriginAllowed(origin: string | undefined, allowed: readonly string[], host?: string): boolean {
  return origin === undefined || allowed.includes(origin) || (host !== undefined && originHost(origin) === host.toLowerCase());
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined; // "null" and other opaque origins
  }
}
