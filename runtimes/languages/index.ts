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
import { haskell } from './haskell';
import { ocaml } from './ocaml';
import { lua } from './lua';
import { perl } from './perl';
import { r } from './r';
import { csharp } from './csharp';
import { pascal } from './pascal';
import { fortran } from './fortran';
import { d } from './d';
import { nim } from './nim';
import { elixir } from './elixir';
import { erlang } from './erlang';
import { clojure } from './clojure';
import { groovy } from './groovy';
import { kotlin } from './kotlin';
import { scala } from './scala';
import { prolog } from './prolog';
import { racket } from './racket';
import { scheme } from './scheme';
import { sql } from './sql';
import { assembly } from './assembly';
import { cobol } from './cobol';
import { tcl } from './tcl';

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
  haskell,
  ocaml,
  lua,
  perl,
  r,
  csharp,
  pascal,
  fortran,
  d,
  nim,
  elixir,
  erlang,
  clojure,
  groovy,
  kotlin,
  scala,
  prolog,
  racket,
  scheme,
  sql,
  assembly,
  cobol,
  tcl,
];

/** The language with this id (a family's plain id: its default version), or undefined. */
export function languageById(id: string): LanguageDefinition | undefined {
  return resolveLanguage(languages, id);
}
