import { z } from 'zod';
import type { ComparisonSettings } from './settings';

/**
 * The comparison settings an API accepts (per problem version or inline submission), as a mode and
 * its options, checked at the edge and turned into ComparisonSettings:
 * - `{ mode: 'exact' }`, `{ mode: 'lines' }`;
 * - `{ mode: 'tokens', caseInsensitive?, spaceChangeSensitive? }` (both default false);
 * - `{ mode: 'float', absoluteTolerance?, relativeTolerance?, caseInsensitive?, spaceChangeSensitive? }`:
 *   tokens, numbers within either tolerance given (at least one is).
 * Unlike a Kattis package's validator flags, nothing here is case-insensitive unless it says so.
 */
export const comparisonSettingsSchema = z
  .discriminatedUnion(
    'mode',
    [
      z.strictObject({ mode: z.literal('exact') }, { error: unknownKey('exact', []) }),
      z.strictObject({ mode: z.literal('lines') }, { error: unknownKey('lines', []) }),
      z.strictObject(
        {
          mode: z.literal('tokens'),
          caseInsensitive: flag('caseInsensitive'),
          spaceChangeSensitive: flag('spaceChangeSensitive'),
        },
        { error: unknownKey('tokens', ['caseInsensitive', 'spaceChangeSensitive']) },
      ),
      z
        .strictObject(
          {
            mode: z.literal('float'),
            absoluteTolerance: tolerance('absoluteTolerance').optional(),
            relativeTolerance: tolerance('relativeTolerance').optional(),
            caseInsensitive: flag('caseInsensitive'),
            spaceChangeSensitive: flag('spaceChangeSensitive'),
          },
          { error: unknownKey('float', ['absoluteTolerance', 'relativeTolerance', 'caseInsensitive', 'spaceChangeSensitive']) },
        )
        .refine((s) => s.absoluteTolerance !== undefined || s.relativeTolerance !== undefined, {
          error: 'mode float needs absoluteTolerance, relativeTolerance or both (e.g. absoluteTolerance: 1e-6)',
          path: ['absoluteTolerance'],
        }),
    ],
    { error: 'mode must be one of exact, lines, tokens, float' },
  )
  .transform((input): ComparisonSettings => {
    switch (input.mode) {
      case 'exact':
      case 'lines':
        return { mode: input.mode };
      case 'tokens':
        return {
          mode: 'tokens',
          caseInsensitive: input.caseInsensitive,
          spaceChangeSensitive: input.spaceChangeSensitive,
          float: null,
        };
      case 'float':
        return {
          mode: 'tokens',
          caseInsensitive: input.caseInsensitive,
          spaceChangeSensitive: input.spaceChangeSensitive,
          float: { absolute: input.absoluteTolerance ?? null, relative: input.relativeTolerance ?? null },
        };
    }
  });

/** What a client sends, before defaults. */
export type ComparisonSettingsInput = z.input<typeof comparisonSettingsSchema>;

/** Names the fields a mode does not take, and those it does. */
function unknownKey(mode: string, allowed: readonly string[]) {
  return (issue: { code?: string; keys?: readonly string[] }): string | undefined => {
    if (issue.code !== 'unrecognized_keys') return undefined;
    const takes = allowed.length === 0 ? 'takes no other fields' : `takes ${allowed.join(', ')}`;
    return `mode ${mode} ${takes}; unknown: ${(issue.keys ?? []).join(', ')}`;
  };
}

function flag(name: string) {
  return z.boolean({ error: `${name} must be true or false` }).default(false);
}

function tolerance(name: string) {
  return (
    z
      // z.number() itself refuses NaN and ±Infinity.
      .number({ error: `${name} must be a finite number, e.g. 1e-6` })
      .refine((x) => x >= 0, { error: `${name} must be ≥ 0` })
  );
}
