import { EntitySchema } from 'typeorm';

/**
 * A language's runtime image as a worker last registered it. The API reads versions from
 * here, so it needs no Docker access of its own.
 */
export interface RuntimeRecord {
  language: string;
  version: string;
  image: string;
  updatedAt: string;
}

export const RuntimeEntity = new EntitySchema<RuntimeRecord>({
  name: 'Runtime',
  tableName: 'runtimes',
  columns: {
    language: { type: 'varchar', length: 32, primary: true },
    version: { type: 'varchar', length: 255 },
    image: { type: 'varchar', length: 255 },
    updatedAt: { name: 'updated_at', type: 'varchar', length: 32 },
  },
});
