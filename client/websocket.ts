import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { authHeaders, type Endpoint } from './endpoint';

export type { WsClient };

/** A graphql-ws client on the endpoint's WebSocket (same path as HTTP), authenticated like HTTP requests. */
export function connectWs(endpoint: Endpoint, options: { lazy?: boolean } = {}): WsClient {
  return createClient({
    url: endpoint.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: options.lazy ?? true,
    connectionParams: authHeaders(endpoint),
  });
}

/** Resolves once the client's socket is open and acknowledged, so a caller's timing can exclude the handshake. */
export function connected(ws: WsClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const offConnected = ws.on('connected', () => {
      offConnected();
      offClosed();
      resolve();
    });
    const offClosed = ws.on('closed', (event) => {
      offConnected();
      offClosed();
      reject(new Error(`the WebSocket closed before connecting: ${JSON.stringify(event)}`));
    });
  });
}
