import { EntitySchema } from 'typeorm';

/**
 * One API client's submit token bucket. It lives in the database, not in a process, so every
 * API replica spends from the same bucket and N replicas still allow only the client's rate.
 */
export interface SubmitRateBucketRecord {
  clientName: string;
  /** Tokens left as of updatedAtMs (fractional: refilling is continuous). */
  tokens: number;
  /** Epoch milliseconds of the last refill; never moves backwards. */
  updatedAtMs: number;
}

export const SubmitRateBucketEntity = new EntitySchema<SubmitRateBucketRecord>({
  name: 'SubmitRateBucket',
  tableName: 'submit_rate_buckets',
  columns: {
    clientName: { name: 'client_name', type: 'varchar', length: 64, primary: true },
    tokens: { type: 'double precision' },
    // bigint arrives as a string from pg; epoch milliseconds fit a double exactly.
    updatedAtMs: {
      name: 'updated_at',
      type: 'bigint',
      transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
    },
  },
});
