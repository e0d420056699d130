/**
 * The `sandflow` command-line client: run a file in the sandbox, list languages, follow,
 * inspect and cancel submissions, all through the GraphQL API.
 */
import { Command, CommanderError, Option } from 'commander';
import { cancelCommand } from './cancel';
import { retryCommand } from './retry';
import { DEFAULT_URL, parseUrl } from './endpoint';
import { CliError, EXIT } from './exit-codes';
import { languagesCommand } from './languages';
import { runCommand } from './run';
import { statusCommand } from './status';
import { watchCommand } from './watch';

const HELP_HINT = '(run "sandflow help" or "sandflow help <command>" for the options)';

const program = new Command('sandflow')
  .description("Run code in sandflow's sandboxes from the command line.")
  .addOption(new Option('--url <url>', "the API's GraphQL URL").env('SANDFLOW_URL').default(DEFAULT_URL).argParser(parseUrl))
  .addOption(new Option('--token <token>', 'API bearer token, when the deployment has API clients').env('SANDFLOW_TOKEN'))
  .showHelpAfterError(HELP_HINT)
  .exitOverride()
  .addCommand(runCommand())
  .addCommand(languagesCommand())
  .addCommand(statusCommand())
  .addCommand(watchCommand())
  .addCommand(cancelCommand())
  .addCommand(retryCommand());

// addCommand() copies no settings: each subcommand gets the hint and the override, so bad usage ends in main()'s catch.
for (const command of program.commands) command.showHelpAfterError(HELP_HINT).exitOverride();

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message already; help and --version are successes.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT.USAGE;
      return;
    }
    if (error instanceof CliError) {
      process.stderr.write(`sandflow: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sandflow: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
