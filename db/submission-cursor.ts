import type { SubmissionRecord } from './submission-entity';

/** Opaque to clients: the sort key of the last row they saw. */
export function encodeCursor(record: Pick<SubmissionRecord, 'queuedAt' | 'id'>): string {
  return Buffer.from(`${record.queuedAt.getTime()}:${record.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { queuedAtMs: number; id: string } | null {
  const match = /^(\d+):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match?.[1] && match[2] ? { queuedAtMs: Number(match[1]), id: match[2] } : null;
}
