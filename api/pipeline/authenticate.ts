import type { GraphQLError } from 'graphql';
import type { Config } from '../../common/config';
import { authenticate, type CallingClient } from '../auth';
import { apiError } from '../execution/error-codes';

/** Where a transport carries the token; the refusal tells the caller where to put it. */
export type CredentialSource = 'header' | 'connectionParams';

const WHERE: Record<CredentialSource, string> = {
  header: 'authorization: a valid API token is required; send "Authorization: Bearer <token>"',
  connectionParams: 'connectionParams.authorization: a valid API token is required; send "Bearer <token>"',
};

/** Who is asking, or the UNAUTHENTICATED refusal both transports give. */
export type Authentication = { client: CallingClient; refusal?: undefined } | { client?: undefined; refusal: GraphQLError };

/**
 * The authentication stage of every operation, HTTP or WebSocket: the client the bearer token
 * names (everyone is the local client in the open mode), or the refusal.
 */
export function authenticateRequest(
  config: Pick<Config, 'clients' | 'submitRateLimit'>,
  authorization: unknown,
  source: CredentialSource,
): Authentication {
  const client = authenticate(config, typeof authorization === 'string' ? authorization : undefined);
  if (client) return { client };
  return { refusal: apiError('UNAUTHENTICATED', WHERE[source]) };
}
