import { parseFloatToken } from './float-token';
import type { TokensComparison } from './settings';

/** A package's validator flags that the default output validator does not take. */
export class ValidatorFlagsError extends Error {
  override name = 'ValidatorFlagsError';
}

const ALLOWED =
  'the default output validator takes case_sensitive, space_change_sensitive, float_tolerance ε, ' +
  'float_absolute_tolerance ε and float_relative_tolerance ε';

type ToleranceFlag = 'float_tolerance' | 'float_absolute_tolerance' | 'float_relative_tolerance';

/**
 * The comparison the ICPC / Kattis default output validator makes with these flags: a legacy
 * `problem.yaml` `validator_flags` string (split at whitespace), or a list of arguments as in
 * `output_validator_args` (each element one argument). As in the Kattis validator, comparison is
 * case-insensitive unless `case_sensitive`. As the Problem Package Format (2025-09) requires, each
 * tolerance may be given once, and `float_tolerance` not together with the other two; ε is a
 * non-negative decimal number.
 *
 * @param field how errors name the setting, e.g. `problem.yaml: validator_flags`
 * @throws ValidatorFlagsError naming the flag, and what is allowed
 */
export function parseValidatorFlags(flags: string | readonly string[], field = 'validator_flags'): TokensComparison {
  const args = typeof flags === 'string' ? flags.split(/[ \t\n\v\f\r]+/).filter((arg) => arg !== '') : flags;
  const at = (i: number): string => (typeof flags === 'string' ? field : `${field}[${i}]`);
  let caseSensitive = false;
  let spaceChangeSensitive = false;
  const given = new Map<ToleranceFlag, number>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    switch (arg) {
      case 'case_sensitive':
        caseSensitive = true;
        continue;
      case 'space_change_sensitive':
        spaceChangeSensitive = true;
        continue;
      case 'float_tolerance':
      case 'float_absolute_tolerance':
      case 'float_relative_tolerance': {
        if (given.has(arg)) throw new ValidatorFlagsError(`${at(i)}: ${arg} is given twice; give each tolerance once`);
        const other =
          arg === 'float_tolerance' ? [...given.keys()][0] : given.has('float_tolerance') ? 'float_tolerance' : undefined;
        if (other !== undefined) {
          throw new ValidatorFlagsError(
            `${at(i)}: ${arg} cannot be combined with ${other} (float_tolerance ε sets both the absolute and the relative tolerance)`,
          );
        }
        given.set(arg, toleranceValue(arg, args[i + 1], at(i + 1)));
        i++;
        continue;
      }
      default:
        throw new ValidatorFlagsError(`${at(i)}: unknown flag ${JSON.stringify(arg)}; ${ALLOWED}${splitHint(flags, arg)}`);
    }
  }
  const both = given.get('float_tolerance');
  const absolute = both ?? given.get('float_absolute_tolerance') ?? null;
  const relative = both ?? given.get('float_relative_tolerance') ?? null;
  return {
    mode: 'tokens',
    caseInsensitive: !caseSensitive,
    spaceChangeSensitive,
    float: absolute === null && relative === null ? null : { absolute, relative },
  };
}

function toleranceValue(flag: ToleranceFlag, value: string | undefined, where: string): number {
  const wanted = 'ε must be a non-negative decimal number such as 1e-6';
  if (value === undefined) throw new ValidatorFlagsError(`${where}: ${flag} needs a value after it; ${wanted}`);
  const bytes = Buffer.from(value, 'latin1');
  const parsed = /^[\x20-\x7e]*$/.test(value) ? parseFloatToken(bytes, 0, bytes.length) : NaN;
  if (Number.isNaN(parsed))
    throw new ValidatorFlagsError(`${where}: ${flag} ${JSON.stringify(value)} is not a number; ${wanted}`);
  if (parsed < 0) throw new ValidatorFlagsError(`${where}: ${flag} ${value} is negative; ${wanted}`);
  return parsed;
}

/** An argument list with a flag and its value in one element most likely meant two elements. */
function splitHint(flags: string | readonly string[], arg: string): string {
  if (typeof flags === 'string' || !/\s/.test(arg)) return '';
  const parts = arg.split(/\s+/).filter((p) => p !== '');
  return ` (each element is one argument: write ${parts.map((p) => JSON.stringify(p)).join(', ')})`;
}
