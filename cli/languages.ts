import { Command } from 'commander';
import { z } from 'zod';
import { languageShape } from '../common/api-shapes';
import { request } from './api';
import { endpointOf, type Endpoint, type GlobalOptions } from './endpoint';

const Languages = z.object({ languages: z.array(languageShape.extend({ aliases: z.array(z.string()) })) });
export type Language = z.infer<typeof Languages>['languages'][number];

export async function fetchLanguages(endpoint: Endpoint): Promise<Language[]> {
  const data = await request(endpoint, '{ languages { id name version compiled extensions family aliases } }', {}, Languages);
  return data.languages;
}

/** `sandflow languages`: what the deployment runs, with the versions its workers built. */
export function languagesCommand(): Command {
  return new Command('languages')
    .description('list the languages the API serves, their versions and file extensions')
    .option('--json', 'print them as JSON')
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const languages = await fetchLanguages(endpointOf(options));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(languages, null, 2)}\n`);
        return;
      }
      // The plain id beside the version it names, e.g. "go@1.27 (go)".
      const rows = languages.map((l) => [
        l.aliases.length > 0 ? `${l.id} (${l.aliases.join(', ')})` : l.id,
        l.extensions.join(' '),
        l.compiled ? 'compiled' : 'interpreted',
        l.version,
      ]);
      const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
      for (const row of rows)
        process.stdout.write(
          `${row
            .map((c, i) => c.padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd()}\n`,
        );
    });
}
