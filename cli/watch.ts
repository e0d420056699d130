import { Command } from 'commander';
import { endpointOf, type Endpoint, type GlobalOptions } from './endpoint';
import { followStatuses } from './follow';
import { report } from './report';
import { fetchSubmission } from './submission';

/** What `run` and `watch` share: how the outcome is shown. */
export interface ShowOptions {
  json?: boolean;
  quiet?: boolean;
}

/**
 * Streams a submission's status transitions to stderr until it ends, then prints its outcome
 * and returns the exit code (cli/report.ts).
 */
export async function watchToEnd(endpoint: Endpoint, id: string, options: ShowOptions): Promise<number> {
  const quiet = Boolean(options.json || options.quiet);
  await followStatuses(endpoint, id, (update) => {
    if (!quiet) process.stderr.write(`sandflow: ${update.status}\n`);
  });
  const submission = await fetchSubmission(endpoint, id);
  return report(submission, { json: Boolean(options.json), quiet }, process);
}

/** `sandflow watch ID`: follow a submission made elsewhere, as `run` follows its own. */
export function watchCommand(): Command {
  return new Command('watch')
    .description('stream a submission\'s status transitions, then print its output as "run" does')
    .argument('<id>', 'submission id')
    .option('--json', 'print only the finished submission as JSON on stdout')
    .option('-q, --quiet', 'no status lines on stderr')
    .action(async (id: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & ShowOptions>();
      process.exitCode = await watchToEnd(endpointOf(options), id, options);
    });
}
