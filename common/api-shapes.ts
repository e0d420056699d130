import { z } from 'zod';

/*
 * Shapes that the database, the CLI and the browser playground all read back from JSON. This
 * module imports nothing but zod, so the playground's bundle can take it too.
 */

/** One compile or run: as the API answers it and as the database keeps it. */
export const runResultShape = z.object({
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  cpuTimeMs: z.number(),
  wallTimeMs: z.number(),
  memoryKb: z.number(),
  truncated: z.boolean(),
});

/** The fields of `languages` every client reads; each adds what it shows besides. */
export const languageShape = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  compiled: z.boolean(),
  extensions: z.array(z.string()),
  family: z.string(),
});
