import fs from 'node:fs/promises';
import path from 'node:path';
import { CliError, EXIT } from './exit-codes';

/** Reads a file named on the command line; a failure names the option it came from. */
export async function readOption(option: string, file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new CliError(`${option}: cannot read ${file} (${reason})`, EXIT.USAGE);
  }
}

/** Standard input when it is piped or redirected; undefined on a terminal, so a person is never left waiting. */
export async function pipedStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length > 0 ? text : undefined;
}

/** One `N.in` of a `--tests` folder and its `N.out`, when there is one. */
export interface TestPair {
  stdin: string;
  expectedOutput?: string;
}

/**
 * `--tests DIR`: the pairs `1.in`/`1.out`, `2.in`/`2.out`, … in numeric order. A case
 * without `.out` runs unjudged against output (only its exit and limits count).
 */
export async function readTestDir(dir: string): Promise<TestPair[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new CliError(`--tests: cannot read the folder ${dir} (${reason})`, EXIT.USAGE);
  }
  const numbers = names
    .flatMap((name) => /^(\d+)\.in$/.exec(name)?.[1] ?? [])
    .map(Number)
    .sort((a, b) => a - b);
  if (numbers.length === 0)
    throw new CliError(`--tests: ${dir} holds no test cases; expected pairs named 1.in/1.out, 2.in/2.out, …`, EXIT.USAGE);
  return Promise.all(
    numbers.map(async (n) => {
      const stdin = await readOption('--tests', path.join(dir, `${n}.in`));
      const out = path.join(dir, `${n}.out`);
      return names.includes(`${n}.out`) ? { stdin, expectedOutput: await readOption('--tests', out) } : { stdin };
    }),
  );
}
