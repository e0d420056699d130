import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/** Custom search attributes the workflow sets, so operators can filter in the Web UI. */
export const SEARCH_ATTRIBUTES = ['SandflowLanguage', 'SandflowStatus', 'SandflowVerdict'] as const;

/**
 * Registers the search attributes on the namespace when missing. The dev server started by
 * the scripts has them already; a server given through TEMPORAL_ADDRESS may not.
 */
export async function ensureSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = SEARCH_ATTRIBUTES.filter((name) => !(name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((name) => [name, keyword])),
  });
}
