import type { ProblemReader } from '../db/problem-store';
import type { CallingClient } from './auth';

/** The calling client as the problem store judges what it may see. */
export function readerOf(client: CallingClient): ProblemReader {
  return { clientName: client.name, operator: client.operator };
}
