import path from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { request } from './api';
import { cancelSubmission } from './cancel';
import { endpointOf, type Endpoint, type GlobalOptions } from './endpoint';
import { CliError, EXIT } from './exit-codes';
import { pipedStdin, readOption, readTestDir } from './input-files';
import { fetchLanguages } from './languages';
import { parseDuration, parseMemory } from './option-values';
import { watchToEnd, type ShowOptions } from './watch';

/** `sandflow run`'s own options, as commander hands them over (parsers below give the types). */
interface RunOptions extends GlobalOptions, ShowOptions {
  lang?: string;
  stdin?: string;
  time?: number;
  wallTime?: number;
  memory?: number;
  files?: string[];
  tests?: string;
}

const Submitted = z.object({ submit: z.object({ id: z.string() }) });

/**
 * The language whose extensions include the file's, by its family's plain id so the API picks
 * the default version, never an older one beside it; a miss names the languages the API offers.
 */
async function languageOf(endpoint: Endpoint, file: string): Promise<string> {
  const extension = path.extname(file).toLowerCase();
  const languages = await fetchLanguages(endpoint);
  const match = languages.find((l) => l.extensions.includes(extension));
  if (match) return match.family;
  const known = languages.map((l) => `${l.id} (${l.extensions.join(' ')})`).join(', ');
  throw new CliError(
    `cannot tell the language of ${file} from its extension "${extension}"; pass --lang with one of: ${known}`,
    EXIT.USAGE,
  );
}

/** The submit input the options describe; files go beside the source under their base names. */
async function submitInput(endpoint: Endpoint, file: string, options: RunOptions): Promise<Record<string, unknown>> {
  const source = await readOption('FILE', file);
  const language = options.lang ?? (await languageOf(endpoint, file));
  const files = await Promise.all(
    (options.files ?? []).map(async (f) => ({ path: path.basename(f), content: await readOption('--files', f) })),
  );
  const testCases = options.tests === undefined ? undefined : await readTestDir(options.tests);
  // Test cases carry their own stdin; the program's stdin is only read for a single run.
  const stdin = testCases
    ? undefined
    : options.stdin !== undefined
      ? await readOption('--stdin', options.stdin)
      : await pipedStdin();
  const limits = { cpuTimeMs: options.time, wallTimeMs: options.wallTime, memoryMb: options.memory };
  return {
    language,
    source,
    ...(stdin !== undefined ? { stdin } : {}),
    ...(files.length > 0 ? { files } : {}),
    ...(testCases ? { testCases } : {}),
    ...(Object.values(limits).some((v) => v !== undefined) ? { limits } : {}),
  };
}

/** Ctrl-C while a submission runs cancels it rather than leaving it to use a sandbox nobody watches. */
function cancelOnInterrupt(endpoint: Endpoint, id: string): () => void {
  const onInterrupt = () => {
    process.stderr.write(`\nsandflow: cancelling ${id}\n`);
    cancelSubmission(endpoint, id).then(
      () => process.exit(130),
      () => process.exit(130),
    );
  };
  process.once('SIGINT', onInterrupt);
  return () => process.off('SIGINT', onInterrupt);
}

/** `sandflow run FILE`: submit, stream the statuses, print the program's output, exit as it did. */
export function runCommand(): Command {
  return new Command('run')
    .description(
      'run a source file in a sandbox and print what it printed; exits with its exit code (see README for the verdict codes)',
    )
    .argument('<file>', 'source file; its extension picks the language unless --lang is given')
    .option('-l, --lang <id>', 'language id (see "sandflow languages")')
    .option('--stdin <file>', "the program's standard input (default: sandflow's own stdin when it is piped)")
    .addOption(new Option('-t, --time <duration>', 'CPU time limit, e.g. 2s or 500ms').argParser(parseDuration))
    .addOption(new Option('--wall-time <duration>', 'wall-clock time limit, e.g. 10s').argParser(parseDuration))
    .addOption(new Option('-m, --memory <size>', 'memory limit, e.g. 256m or 1g').argParser(parseMemory))
    .option('--files <files...>', 'extra files placed beside the source under their base names')
    .option('--tests <dir>', 'run each DIR/N.in and compare with DIR/N.out; prints a table per case')
    .option('--json', 'print only the finished submission as JSON on stdout')
    .option('-q, --quiet', 'no status lines on stderr')
    .action(async (file: string, _options, command: Command) => {
      const options = command.optsWithGlobals<RunOptions>();
      const endpoint = endpointOf(options);
      const input = await submitInput(endpoint, file, options);
      const { submit } = await request(
        endpoint,
        'mutation($input: SubmitInput!) { submit(input: $input) { id } }',
        { input },
        Submitted,
      );
      if (!options.json && !options.quiet) process.stderr.write(`sandflow: submission ${submit.id}\n`);
      const stopCancelling = cancelOnInterrupt(endpoint, submit.id);
      try {
        process.exitCode = await watchToEnd(endpoint, submit.id, options);
      } finally {
        stopCancelling();
      }
    });
}
