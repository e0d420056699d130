import type { Config } from '../common/config';
import { languages } from '../runtimes/languages';
import type { LanguageDefinition } from '../runtimes/language';

/** The languages this deployment accepts: all known ones, or those SANDFLOW_LANGUAGES names. */
export function servedLanguages(config: Pick<Config, 'languages'>): LanguageDefinition[] {
  const only = config.languages;
  return only ? languages.filter((l) => only.includes(l.id)) : [...languages];
}
