/**
 * A Host header naming this machine's loopback: localhost, any 127.x.y.z or [::1], with or
 * without a port. Case-insensitive, as host names are; nothing else, not even `localhost.`.
 */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * Whether a request with this Host header may be served. Without API clients anyone who
 * reaches the API may run code, and "reaches" includes a web page the user visits: DNS
 * rebinding points the page's own host name at 127.0.0.1, so the browser calls the API as
 * same-origin and CORS never applies. The Host header still carries the page's name, so the
 * open mode answers only requests addressed to a loopback name. With clients, a token is
 * needed anyway and the API may sit behind any name.
 */
export function hostAllowed(host: string | undefined, openMode: boolean): boolean {
  return !openMode || (host !== undefined && LOOPBACK_HOST.test(host));
}

/** Why a request was refused by hostAllowed, for the 403 body and the refused WebSocket upgrade. */
export function hostRefusal(host: string | undefined): string {
  const shown = host === undefined ? 'none' : JSON.stringify(host.slice(0, 100));
  return `host: ${shown} is not a loopback name; without API clients (SANDFLOW_API_TOKENS) sandflow answers only requests to localhost, 127.x.y.z or [::1], so web pages cannot reach it by DNS rebinding`;
}
