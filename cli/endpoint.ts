import { InvalidArgumentError } from 'commander';
import type { Endpoint } from '../client';

export type { Endpoint };

/** Where the CLI goes when neither `--url` nor SANDFLOW_URL says otherwise: `scripts/start.sh`'s API. */
export const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';

/**
 * `--url`: an http(s) URL of the API. A bare origin (`http://host:4000`) means its `/graphql`,
 * so users can paste what start.sh prints either way.
 */
export function parseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`must be an http:// or https:// URL such as ${DEFAULT_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`must be an http:// or https:// URL such as ${DEFAULT_URL} (got ${url.protocol})`);
  }
  if (url.pathname === '/') url.pathname = '/graphql';
  return url.toString();
}

/** The global options every command gets. */
export interface GlobalOptions {
  url: string;
  token?: string | undefined;
}

export function endpointOf(options: GlobalOptions): Endpoint {
  return { url: options.url, token: options.token };
}
