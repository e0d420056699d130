/**
 * A typed client of sandflow's GraphQL API, over HTTP and graphql-ws: what the command-line
 * client, the load tests and the benchmarks share. It knows the public API only, none of the
 * server's internals.
 */
export { authHeaders, type Endpoint } from './endpoint';
export { follow, type Followed } from './follow';
export { submit, type SubmitInput } from './submit';
export { connected, connectWs, type WsClient } from './websocket';
