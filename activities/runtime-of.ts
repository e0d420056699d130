import { ApplicationFailure } from '@temporalio/activity';
import type { Config } from '../common/config';
import { FailureType } from '../common/failure-types';
import { languageById } from '../runtimes/languages';
import type { LanguageDefinition } from '../runtimes/language';
import type { ActivityDeps } from './deps';

/**
 * A language, its image on this host and that image's toolchain version; a business failure
 * (never retried) when this host has none. A plain family id (stored before languages had
 * versions) means the family's default version.
 */
export function runtimeOf(
  deps: Pick<ActivityDeps, 'images'> & { config: Pick<Config, 'workerId'> },
  languageId: string,
): { language: LanguageDefinition; image: string; version: string } {
  const language = languageById(languageId);
  const image = language && deps.images.get(language.id);
  if (!language || !image) {
    throw ApplicationFailure.nonRetryable(
      `language ${languageId} is not available on ${deps.config.workerId}`,
      FailureType.LanguageUnavailable,
    );
  }
  return { language, image: image.image, version: image.version };
}
