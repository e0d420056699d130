import { describe, expect, it } from 'vitest';
import { comparisonSettingsSchema } from '../../judge/compare/settings-schema';
import { parseValidatorFlags, ValidatorFlagsError } from '../../judge/compare/validator-flags';

describe("parseValidatorFlags: a package's flags for the default output validator", () => {
  it('is case-insensitive tokens with no flags, as Kattis is', () => {
    expect(parseValidatorFlags('')).toEqual({ mode: 'tokens', caseInsensitive: true, spaceChangeSensitive: false, float: null });
    expect(parseValidatorFlags([])).toEqual(parseValidatorFlags('  \n'));
  });

  it('maps every flag', () => {
    expect(parseValidatorFlags('case_sensitive space_change_sensitive')).toEqual({
      mode: 'tokens',
      caseInsensitive: false,
      spaceChangeSensitive: true,
      float: null,
    });
    expect(parseValidatorFlags('float_tolerance 1e-6').float).toEqual({ absolute: 1e-6, relative: 1e-6 });
    expect(parseValidatorFlags('float_absolute_tolerance 0.5').float).toEqual({ absolute: 0.5, relative: null });
    expect(parseValidatorFlags(['float_relative_tolerance', '.01']).float).toEqual({ absolute: null, relative: 0.01 });
    expect(parseValidatorFlags('float_relative_tolerance 1e-3\tfloat_absolute_tolerance 0').float).toEqual({
      absolute: 0,
      relative: 1e-3,
    });
  });

  it('names the flag and what is allowed when it is wrong', () => {
    const error = (flags: string | string[]): string => {
      try {
        parseValidatorFlags(flags, 'problem.yaml: validator_flags');
      } catch (e) {
        expect(e).toBeInstanceOf(ValidatorFlagsError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(error('case_insensitive')).toBe(
      'problem.yaml: validator_flags: unknown flag "case_insensitive"; the default output validator takes case_sensitive, ' +
        'space_change_sensitive, float_tolerance ε, float_absolute_tolerance ε and float_relative_tolerance ε',
    );
    expect(error('float_tolerance')).toBe(
      'problem.yaml: validator_flags: float_tolerance needs a value after it; ε must be a non-negative decimal number such as 1e-6',
    );
    expect(error('float_tolerance abc')).toMatch(
      /^problem\.yaml: validator_flags: float_tolerance "abc" is not a number; ε must be/,
    );
    expect(error('float_tolerance inf')).toMatch(/float_tolerance "inf" is not a number/);
    expect(error('float_absolute_tolerance -1')).toMatch(/float_absolute_tolerance -1 is negative; ε must be a non-negative/);
    expect(error('float_relative_tolerance 1 float_relative_tolerance 2')).toMatch(/float_relative_tolerance is given twice/);
    expect(error('float_tolerance 1 float_absolute_tolerance 2')).toMatch(
      /float_absolute_tolerance cannot be combined with float_tolerance/,
    );
    expect(error('float_absolute_tolerance 1 float_tolerance 2')).toMatch(
      /float_tolerance cannot be combined with float_absolute_tolerance/,
    );
    expect(error(['case_sensitive', 'float_tolerance 1e-6'])).toMatch(
      /^problem\.yaml: validator_flags\[1\]: unknown flag "float_tolerance 1e-6";.* \(each element is one argument: write "float_tolerance", "1e-6"\)$/,
    );
    expect(error(['float_tolerance', 'x'])).toMatch(/^problem\.yaml: validator_flags\[1\]: float_tolerance "x"/);
  });
});

describe('comparisonSettingsSchema: the settings an API accepts', () => {
  it("turns each mode into the comparator's settings, with explicit defaults", () => {
    expect(comparisonSettingsSchema.parse({ mode: 'exact' })).toEqual({ mode: 'exact' });
    expect(comparisonSettingsSchema.parse({ mode: 'lines' })).toEqual({ mode: 'lines' });
    expect(comparisonSettingsSchema.parse({ mode: 'tokens' })).toEqual({
      mode: 'tokens',
      caseInsensitive: false,
      spaceChangeSensitive: false,
      float: null,
    });
    expect(comparisonSettingsSchema.parse({ mode: 'tokens', caseInsensitive: true })).toMatchObject({ caseInsensitive: true });
    expect(comparisonSettingsSchema.parse({ mode: 'float', relativeTolerance: 1e-9 })).toEqual({
      mode: 'tokens',
      caseInsensitive: false,
      spaceChangeSensitive: false,
      float: { absolute: null, relative: 1e-9 },
    });
  });

  it('says precisely what is wrong', () => {
    const messages = (input: unknown): string[] => {
      const result = comparisonSettingsSchema.safeParse(input);
      if (result.success) throw new Error('accepted');
      return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(messages({ mode: 'diff' })).toEqual(['mode: mode must be one of exact, lines, tokens, float']);
    expect(messages({})).toEqual(['mode: mode must be one of exact, lines, tokens, float']);
    expect(messages({ mode: 'float' })).toEqual([
      'absoluteTolerance: mode float needs absoluteTolerance, relativeTolerance or both (e.g. absoluteTolerance: 1e-6)',
    ]);
    expect(messages({ mode: 'float', absoluteTolerance: -1 })).toEqual(['absoluteTolerance: absoluteTolerance must be ≥ 0']);
    expect(messages({ mode: 'float', relativeTolerance: '1e-6' })).toEqual([
      'relativeTolerance: relativeTolerance must be a finite number, e.g. 1e-6',
    ]);
    expect(messages({ mode: 'float', absoluteTolerance: Infinity })).toEqual([
      'absoluteTolerance: absoluteTolerance must be a finite number, e.g. 1e-6',
    ]);
    expect(messages({ mode: 'tokens', caseInsensitive: 'yes' })).toEqual([
      'caseInsensitive: caseInsensitive must be true or false',
    ]);
    expect(messages({ mode: 'lines', caseInsensitive: true })).toEqual([
      ': mode lines takes no other fields; unknown: caseInsensitive',
    ]);
    expect(messages({ mode: 'tokens', tolerance: 1 })).toEqual([
      ': mode tokens takes caseInsensitive, spaceChangeSensitive; unknown: tolerance',
    ]);
  });
});
