import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Names of the fields selected below the current field, following `path` (field names, not
 * aliases) first: `['edges', 'node']` from `submissions` gives the fields of each node.
 * Fragments and inline fragments are expanded. `@skip`/`@include` are ignored, so the answer
 * may name a field execution then skips: loading a column too many is harmless, one too few is not.
 */
export function selectedFieldNames(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[] = [],
): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const step of path) {
    sets = fieldsOf(sets, info.fragments).flatMap((field) =>
      field.name.value === step && field.selectionSet ? [field.selectionSet] : [],
    );
  }
  return new Set(fieldsOf(sets, info.fragments).map((field) => field.name.value));
}

function fieldsOf(sets: readonly SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>) {
  const fields = [];
  // Validation already refused fragment cycles; the set only keeps a bad document from looping.
  const seen = new Set<string>();
  const pending = [...sets];
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) pending.push(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return fields;
}
