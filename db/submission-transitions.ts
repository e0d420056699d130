import { isTerminal, type SubmissionStatus, type Verdict } from '../common/submission';

/**
 * The status moves a submission may make within one judging attempt, as data: the only place
 * that says which status may follow which. Pure, so it is tested pair by pair without a database
 * (test/unit/db-submission-transitions.test.ts); db/submission-lifecycle.ts applies it.
 *
 * QUEUED → PREPARING (a worker claimed it) → COMPILING (languages that compile) → RUNNING, and
 * from any open status to an end. COMPLETED needs a judged program: after a compile (which may
 * end COMPILATION_ERROR) or a run. FAILED and CANCELLED may end any open status (a claim that
 * failed for good, a cancel before a worker took it). Terminal statuses have no moves.
 */
export const STATUS_MOVES: Readonly<Record<SubmissionStatus, readonly SubmissionStatus[]>> = {
  QUEUED: ['PREPARING', 'FAILED', 'CANCELLED'],
  PREPARING: ['COMPILING', 'RUNNING', 'FAILED', 'CANCELLED'],
  COMPILING: ['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'],
  RUNNING: ['COMPLETED', 'FAILED', 'CANCELLED'],
  COMPLETED: [],
  FAILED: [],
  CANCELLED: [],
};

/**
 * Statuses of an attempt a worker has claimed already. A claim (a move to PREPARING) that finds
 * one of them is a retried attempt (the judging activity was retried after its worker was lost):
 * it begins a new attempt where the status stands, instead of moving back.
 */
export const CLAIMED_STATUSES: ReadonlySet<SubmissionStatus> = new Set(['PREPARING', 'COMPILING', 'RUNNING']);

/** The one way out of a terminal status: retrySubmission reopens a submission sandflow could not judge. */
export const REOPENABLE = { status: 'FAILED', verdict: 'INTERNAL_ERROR' } as const satisfies {
  status: SubmissionStatus;
  verdict: Verdict;
};

/**
 * What a requested move does, decided by checkMove:
 * - `advance`: the table allows it; the status changes.
 * - `new-attempt`: a claim of an attempt already claimed; the attempt number goes up by one and
 *   the status stays where it is, so subscribers never see it go back. The new attempt's own
 *   later moves then follow the table from there (a move it already passed is `behind`).
 * - `unchanged`: already at that status (a repeated activity).
 * - `behind`: a status the current attempt has passed (a retried attempt redoing an earlier
 *   step); nothing changes.
 * - `ended`: the submission ended; a late or repeated activity must not revive it.
 * - `refused`: a move the table does not have and that no retry explains: a caller's bug.
 */
export type Move = 'advance' | 'new-attempt' | 'unchanged' | 'behind' | 'ended' | 'refused';

/** Open statuses in the order an attempt passes them, to tell a move back from a skip ahead. */
const PROGRESS: readonly SubmissionStatus[] = ['QUEUED', 'PREPARING', 'COMPILING', 'RUNNING'];

/** What moving a submission at `from` to `to` does (see Move). */
export function checkMove(from: SubmissionStatus, to: SubmissionStatus): Move {
  if (isTerminal(from)) return 'ended';
  if (to === 'PREPARING' && CLAIMED_STATUSES.has(from)) return 'new-attempt';
  if (from === to) return 'unchanged';
  if (STATUS_MOVES[from].includes(to)) return 'advance';
  const fromStep = PROGRESS.indexOf(from);
  const toStep = PROGRESS.indexOf(to);
  if (toStep !== -1 && toStep < fromStep) return 'behind';
  return 'refused';
}

/** Where a submission stands, as subscribers see it: its status and judging attempt. */
export interface Standing {
  status: SubmissionStatus;
  attempt: number;
}

/** What moving a submission standing at `at` to `to` does, and where it stands after. */
export function applyMove(at: Standing, to: SubmissionStatus): { move: Move; after: Standing } {
  const move = checkMove(at.status, to);
  if (move === 'advance') return { move, after: { status: to, attempt: at.attempt } };
  if (move === 'new-attempt') return { move, after: { status: at.status, attempt: at.attempt + 1 } };
  return { move, after: at };
}

/** Whether retrySubmission may reopen a submission that stands at `status` with `verdict`. */
export function canReopen(status: SubmissionStatus, verdict: Verdict | null): boolean {
  return status === REOPENABLE.status && verdict === REOPENABLE.verdict;
}
