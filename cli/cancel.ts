import { Command } from 'commander';
import { z } from 'zod';
import { SUBMISSION_STATUSES } from '../common/submission';
import { request } from './api';
import { endpointOf, type Endpoint, type GlobalOptions } from './endpoint';

const Cancelled = z.object({ cancelSubmission: z.object({ id: z.string(), status: z.enum(SUBMISSION_STATUSES) }) });

/** Asks the API to stop a submission; resolves with the status it answers (CANCELLED, or the terminal one it had). */
export async function cancelSubmission(endpoint: Endpoint, id: string): Promise<string> {
  const data = await request(endpoint, 'mutation($id: ID!) { cancelSubmission(id: $id) { id status } }', { id }, Cancelled);
  return data.cancelSubmission.status;
}

/** `sandflow cancel ID`. */
export function cancelCommand(): Command {
  return new Command('cancel')
    .description('stop a submission that has not finished')
    .argument('<id>', 'submission id')
    .action(async (id: string, _options, command: Command) => {
      const status = await cancelSubmission(endpointOf(command.optsWithGlobals<GlobalOptions>()), id);
      process.stdout.write(`${id} ${status}\n`);
    });
}
