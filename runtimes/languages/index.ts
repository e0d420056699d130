import type { LanguageDefinition } from '../language';
import { resolveLanguage } from '../language-ids';
import { bash } from './bash';
import { c } from './c';
import { cpp } from './cpp';
import { go } from './go';
import { go119 } from './go-1.19';
import { java } from './java';
import { javascript } from './javascript';
import { php } from './php';
import { python } from './python';
import { ruby } from './ruby';
import { rust } from './rust';
import { typescript } from './typescript';

/**
 * Every language this code base knows, in the order the `languages` query lists them; the
 * versions of a family newest first, the first being its default (runtimes/language-ids.ts).
 */
export const languages: readonly LanguageDefinition[] = [
  python,
  c,
  cpp,
  java,
  javascript,
  typescript,
  go,
  go119,
  rust,
  ruby,
  php,
  bash,
];

/** The language with this id (a family's plain id: its default version), or undefined. */
export function languageById(id: string): LanguageDefinition | undefined {
  return resolveLanguage(languages, id);
}
