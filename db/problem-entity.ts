import { EntitySchema } from 'typeorm';
import { epochMs } from './column-transformers';

/** A problem: named test data and settings that submissions are judged against, in numbered versions. */
export interface ProblemRecord {
  /** Chosen by its owner or generated; unique across clients (an id says which problem, not whose). */
  id: string;
  /** The API client that created it: it alone may change it, add versions, and see its secret data. */
  clientName: string;
  /** A display name (the package's name in English, else its first), null when none was given. */
  title: string | null;
  /** Marked by an operator: every client may read its public parts and submit to it. */
  isPublic: boolean;
  /** The newest version, 0 before any was uploaded. */
  latestVersion: number;
  createdAt: Date;
}

export const ProblemEntity = new EntitySchema<ProblemRecord>({
  name: 'Problem',
  tableName: 'problems',
  columns: {
    id: { type: 'varchar', length: 64, primary: true },
    clientName: { name: 'client_name', type: 'varchar', length: 64 },
    title: { type: 'text', nullable: true },
    isPublic: { name: 'is_public', type: 'boolean', default: false },
    latestVersion: { name: 'latest_version', type: 'integer', default: 0 },
    createdAt: { name: 'created_at', type: 'bigint', transformer: epochMs },
  },
  indices: [{ name: 'idx_problems_client', columns: ['clientName', 'id'] }],
});
