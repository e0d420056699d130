import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const perl: LanguageDefinition = {
  id: 'perl',
  name: 'Perl 5',
  // perl-base (in the base image) lacks most of the standard library; perl brings it.
  packages: ['perl'],
  sourceFile: 'main.pl',
  extensions: ['.pl', '.pm'],
  run: ['perl', 'main.pl', '$ARGS'],
  // `perl -v` starts with an empty line.
  version: ['perl', '-e', 'print "perl $^V\\n"'],
  defaultLimits: BASE_LIMITS,
};
