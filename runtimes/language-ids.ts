import type { LanguageDefinition } from './language';

/**
 * Language ids and their versions. A language offered in several versions has one definition
 * per version, id `<family>@<version>`, listed newest first; the plain family id is an alias
 * of the first of them in whatever list is asked (the deployment's default).
 */

type Def = Pick<LanguageDefinition, 'id' | 'family'>;

/** The plain id a definition is a version of; its own id when it has no versions. */
export function familyOf(def: Def): string {
  return def.family ?? def.id;
}

/** The definition with this id, or the default version of the family it names; undefined for neither. */
export function resolveLanguage<T extends Def>(defs: readonly T[], id: string): T | undefined {
  return defs.find((d) => d.id === id) ?? defs.find((d) => familyOf(d) === id);
}

/** Other ids that name `def` among `defs`: its family's plain id when it is that family's default there. */
export function aliasesOf(defs: readonly Def[], def: Def): string[] {
  const family = familyOf(def);
  return family !== def.id && resolveLanguage(defs, family) === def ? [family] : [];
}

/**
 * The ids a list such as SANDFLOW_LANGUAGES selects: a family id stands for every version of
 * it, a versioned id for that one. Ids naming nothing are kept as given, for the caller to refuse.
 */
export function expandLanguageIds(ids: readonly string[], defs: readonly Def[]): string[] {
  const expanded = ids.flatMap((id) => {
    if (defs.some((d) => d.id === id)) return [id];
    const versions = defs.filter((d) => familyOf(d) === id).map((d) => d.id);
    return versions.length > 0 ? versions : [id];
  });
  return [...new Set(expanded)];
}
