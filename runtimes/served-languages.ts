import type { Config } from '../common/config';
import { languages } from './languages';
import type { LanguageDefinition } from './language';
import { aliasesOf, resolveLanguage } from './language-ids';

/**
 * The languages this deployment accepts: all known ones, or those SANDFLOW_LANGUAGES names
 * (config has expanded a family's plain id to its versions).
 */
export function servedLanguages(config: Pick<Config, 'languages'>): LanguageDefinition[] {
  const only = config.languages;
  return only ? languages.filter((l) => only.includes(l.id)) : [...languages];
}

/** The served language an id names: exactly, or a family's plain id naming its default (newest served) version. */
export function servedLanguage(served: readonly LanguageDefinition[], id: string): LanguageDefinition | undefined {
  return resolveLanguage(served, id);
}

/** Every id submit accepts, each language's aliases before its id (e.g. `go, go@1.27, go@1.19`): for error messages. */
export function acceptedIds(served: readonly LanguageDefinition[]): string[] {
  return served.flatMap((l) => [...aliasesOf(served, l), l.id]);
}
