import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../common/failure-types';
import { languageById } from '../runtimes/languages';
import type { LanguageDefinition } from '../runtimes/language';
import type { ActivityDeps } from './deps';

/** A language and its image on this host; a business failure (never retried) when this host has none. */
export function runtimeOf(deps: Pick<ActivityDeps, 'images' | 'config'>, languageId: string): { language: LanguageDefinition; image: string } {
  const language = languageById(languageId);
  const image = deps.images.get(languageId)?.image;
  if (!language || !image) {
    throw ApplicationFailure.nonRetryable(`language ${languageId} is not available on ${deps.config.workerId}`, FailureType.LanguageUnavailable);
  }
  return { language, image };
}
