import YAML from 'yaml';
import type { z } from 'zod';
import { PackageError } from './package-error';

/**
 * Parses a YAML file of the package and validates it with `schema`; any failure names the file and,
 * for a schema failure, the key (`limits.time_multiplierz`) and what is wrong with it.
 */
export function parseYamlFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    // Duplicate keys are an error (which one would win is tool-specific); aliases are capped (a billion laughs).
    data = YAML.parse(text, { uniqueKeys: true, maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new PackageError(file, `not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new PackageError(file, 'invalid');
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => (where ? `${where}.${key}` : key));
    throw new PackageError(file, `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}`);
  }
  throw new PackageError(file, `${where ? `'${where}': ` : ''}${issue.message}`);
}
