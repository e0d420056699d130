import { Command } from 'commander';
import { endpointOf, type GlobalOptions } from './endpoint';
import { summaryLine } from './report';
import { fetchSubmission } from './submission';

/** `sandflow status ID`: where a submission is now, without waiting. */
export function statusCommand(): Command {
  return new Command('status')
    .description("show a submission's status and verdict now")
    .argument('<id>', 'submission id')
    .option('--json', 'print the whole submission as JSON')
    .action(async (id: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const submission = await fetchSubmission(endpointOf(options), id);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(submission, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${submission.id} ${submission.language} ${summaryLine(submission)}\n`);
      if (submission.error) process.stdout.write(`error: ${submission.error}\n`);
    });
}
