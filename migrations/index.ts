import { CreateSubmissions1763900000000 } from './1763900000000-CreateSubmissions';

/** Every migration, oldest first. Listed explicitly so bundlers and tsx need no glob loading. */
export const migrations = [CreateSubmissions1763900000000];
