import { CreateSubmissions1763900000000 } from './1763900000000-CreateSubmissions';
import { CreateWorkers1763910000000 } from './1763910000000-CreateWorkers';
import { AddSubmissionListIndexes1763920000000 } from './1763920000000-AddSubmissionListIndexes';
import { AddClientOwnership1763930000000 } from './1763930000000-AddClientOwnership';
import { AddDispatchedAt1763940000000 } from './1763940000000-AddDispatchedAt';
import { AddLanguageVersion1763950000000 } from './1763950000000-AddLanguageVersion';
import { AddAttempts1763960000000 } from './1763960000000-AddAttempts';
import { CreateProblems1763980000000 } from './1763980000000-CreateProblems';

/** Every migration, oldest first. Listed explicitly so bundlers and tsx need no glob loading. */
export const migrations = [
  CreateSubmissions1763900000000,
  CreateWorkers1763910000000,
  AddSubmissionListIndexes1763920000000,
  AddClientOwnership1763930000000,
  AddDispatchedAt1763940000000,
  AddLanguageVersion1763950000000,
  AddAttempts1763960000000,
  CreateProblems1763980000000,
];
