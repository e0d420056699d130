import { CreateSubmissions1763900000000 } from './1763900000000-CreateSubmissions';
import { CreateWorkers1763910000000 } from './1763910000000-CreateWorkers';

/** Every migration, oldest first. Listed explicitly so bundlers and tsx need no glob loading. */
export const migrations = [CreateSubmissions1763900000000, CreateWorkers1763910000000];
