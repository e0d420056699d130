import { Command } from 'commander';
import { z } from 'zod';
import { SUBMISSION_STATUSES } from '../common/submission';
import { request } from './api';
import { endpointOf, type GlobalOptions } from './endpoint';

const Retried = z.object({ retrySubmission: z.object({ id: z.string(), status: z.enum(SUBMISSION_STATUSES) }) });

/** `sandflow retry ID`: judges again a submission that ended FAILED; prints its new status (QUEUED). */
export function retryCommand(): Command {
  return new Command('retry')
    .description('judge again a submission that ended FAILED (internal error)')
    .argument('<id>', 'submission id')
    .action(async (id: string, _options, command: Command) => {
      const data = await request(
        endpointOf(command.optsWithGlobals<GlobalOptions>()),
        'mutation($id: ID!) { retrySubmission(id: $id) { id status } }',
        { id },
        Retried,
      );
      process.stdout.write(`${id} ${data.retrySubmission.status}\n`);
    });
}
