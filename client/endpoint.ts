/** Where a sandflow API is, and how to authenticate to it. */
export interface Endpoint {
  /** The API's HTTP URL, e.g. http://127.0.0.1:4000/graphql; the WebSocket is on the same path. */
  url: string;
  /** Bearer token, when the deployment has API clients. */
  token?: string | undefined;
}

/** The Authorization header of an endpoint's token, for HTTP requests and graphql-ws connection params alike. */
export function authHeaders(endpoint: Endpoint): Record<string, string> {
  return endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {};
}
