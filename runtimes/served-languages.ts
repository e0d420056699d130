import type { Config } from '../common/config';
import { languages } from './languages';
import type { LanguageDefinition } from './language';
import { aliasesOf, expandLanguageIds, resolveLanguage } from './language-ids';

/**
 * The languages this deployment accepts: all known ones, or those SANDFLOW_LANGUAGES names, a
 * family's plain id standing for all its versions. An unknown id is a configuration error that
 * lists the known ones (bin/sandflow.ts asks once at start, so a typo stops every role).
 */
export function servedLanguages(config: Pick<Config, 'languages'>): LanguageDefinition[] {
  if (!config.languages) return [...languages];
  const only = expandLanguageIds(config.languages, languages);
  const unknown = only.filter((id) => !languages.some((l) => l.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `invalid configuration: SANDFLOW_LANGUAGES names unknown languages: ${unknown.join(', ')}; known: ${languages.map((l) => l.id).join(', ')}`,
    );
  }
  return languages.filter((l) => only.includes(l.id));
}

/** The served language an id names: exactly, or a family's plain id naming its default (newest served) version. */
export function servedLanguage(served: readonly LanguageDefinition[], id: string): LanguageDefinition | undefined {
  return resolveLanguage(served, id);
}

/** Every id submit accepts, each language's aliases before its id (e.g. `go, go@1.27, go@1.19`): for error messages. */
export function acceptedIds(served: readonly LanguageDefinition[]): string[] {
  return served.flatMap((l) => [...aliasesOf(served, l), l.id]);
}
