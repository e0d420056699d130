import type { LanguageDefinition } from '../language';
import { bash } from './bash';
import { c } from './c';
import { cpp } from './cpp';
import { go } from './go';
import { java } from './java';
import { javascript } from './javascript';
import { php } from './php';
import { python } from './python';
import { ruby } from './ruby';
import { rust } from './rust';
import { typescript } from './typescript';

/** Every language this code base knows, in the order the `languages` query lists them. */
export const languages: readonly LanguageDefinition[] = [
  python,
  c,
  cpp,
  java,
  javascript,
  typescript,
  go,
  rust,
  ruby,
  php,
  bash,
];

/** The language with this id, or undefined. */
export function languageById(id: string): LanguageDefinition | undefined {
  return languages.find((l) => l.id === id);
}
