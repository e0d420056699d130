import type { ApolloServerPlugin } from '@apollo/server';
import type { ApiContext } from '../context';
import { httpResponse } from './http-response';
import type { Executor } from '.';

/**
 * Hands every HTTP operation Apollo has parsed and validated (with the executor's parse options
 * and rules) to the executor: Apollo keeps the HTTP side (methods, CSRF, persisted queries, its
 * own refusals of malformed requests), the executor does the rest exactly as for WebSocket.
 */
export function executorPlugin(executor: Executor): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, request, contextValue }) {
          const prepared = executor.prepare(
            { document, operationName: request.operationName, variables: request.variables },
            contextValue,
          );
          if (prepared.errors) return httpResponse({ errors: executor.formatErrors(prepared.errors, 'http') }, true);
          return httpResponse(executor.formatResult(await executor.execute(prepared.args), 'http'), false);
        },
      };
    },
  };
}
