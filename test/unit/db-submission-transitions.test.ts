import { describe, expect, it } from 'vitest';
import { SUBMISSION_STATUSES, TERMINAL_STATUSES, type SubmissionStatus } from '../../common/submission';
import { applyMove, canReopen, checkMove, STATUS_MOVES, type Move, type Standing } from '../../db/submission-transitions';

/*
 * Every (from, to) pair, written out by hand rather than derived from the table: a change to
 * the table must change this too. a advance, n new attempt, u unchanged, b behind, e ended,
 * r refused. Columns in SUBMISSION_STATUSES order: QUEUED PREPARING COMPILING RUNNING
 * COMPLETED FAILED CANCELLED.
 */
const EXPECTED: Record<SubmissionStatus, string> = {
  QUEUED: 'u a r r r a a',
  PREPARING: 'b n a a r a a',
  COMPILING: 'b n u a a a a',
  RUNNING: 'b n b u a a a',
  COMPLETED: 'e e e e e e e',
  FAILED: 'e e e e e e e',
  CANCELLED: 'e e e e e e e',
};
const CODES: Record<string, Move> = { a: 'advance', n: 'new-attempt', u: 'unchanged', b: 'behind', e: 'ended', r: 'refused' };

/** How far along a status is, as a subscriber sees it: every end is further than every open status. */
const RANK: Record<SubmissionStatus, number> = {
  QUEUED: 0,
  PREPARING: 1,
  COMPILING: 2,
  RUNNING: 3,
  COMPLETED: 4,
  FAILED: 4,
  CANCELLED: 4,
};

const pairs = SUBMISSION_STATUSES.flatMap((from) => SUBMISSION_STATUSES.map((to, column) => ({ from, to, column })));

describe('the submission transition table', () => {
  it.each(pairs)('$from → $to is what the table says', ({ from, to, column }) => {
    const code = EXPECTED[from].split(' ')[column] ?? '';
    expect(checkMove(from, to)).toBe(CODES[code]);
  });

  it('advances exactly along the table, and nowhere else', () => {
    for (const { from, to } of pairs) expect(checkMove(from, to) === 'advance').toBe(STATUS_MOVES[from].includes(to));
  });

  it('has no way out of an end: the statuses without moves are exactly the terminal ones', () => {
    const ends = SUBMISSION_STATUSES.filter((s) => STATUS_MOVES[s].length === 0);
    expect(new Set(ends)).toEqual(TERMINAL_STATUSES);
    for (const end of ends)
      for (const to of SUBMISSION_STATUSES)
        expect(applyMove({ status: end, attempt: 3 }, to)).toEqual({ move: 'ended', after: { status: end, attempt: 3 } });
  });

  it('never moves a status back: every allowed move goes further along', () => {
    for (const { from, to } of pairs) if (STATUS_MOVES[from].includes(to)) expect(RANK[to]).toBeGreaterThan(RANK[from]);
  });

  it('records a retried claim as the next attempt at the status reached', () => {
    expect(applyMove({ status: 'RUNNING', attempt: 1 }, 'PREPARING')).toEqual({
      move: 'new-attempt',
      after: { status: 'RUNNING', attempt: 2 },
    });
    expect(applyMove({ status: 'PREPARING', attempt: 2 }, 'PREPARING')).toEqual({
      move: 'new-attempt',
      after: { status: 'PREPARING', attempt: 3 },
    });
    // The first claim of an attempt is a move, not a new attempt.
    expect(applyMove({ status: 'QUEUED', attempt: 2 }, 'PREPARING')).toEqual({
      move: 'advance',
      after: { status: 'PREPARING', attempt: 2 },
    });
  });

  it('shows a crashed and retried judging as RUNNING (attempt 1), RUNNING (attempt 2), then the end', () => {
    let at: Standing = { status: 'QUEUED', attempt: 1 };
    const seen: string[] = [];
    for (const to of ['PREPARING', 'COMPILING', 'RUNNING', 'PREPARING', 'COMPILING', 'RUNNING', 'COMPLETED', 'FAILED'] as const) {
      const { move, after } = applyMove(at, to);
      if (move === 'advance' || move === 'new-attempt') seen.push(`${after.status}#${after.attempt}`);
      at = after;
    }
    expect(seen).toEqual(['PREPARING#1', 'COMPILING#1', 'RUNNING#1', 'RUNNING#2', 'COMPLETED#2']);
  });

  it('never goes back in status or attempt, whatever sequence of moves is asked, retries included', () => {
    // Every sequence of five requested statuses (7^5), from a fresh submission.
    const sequences: SubmissionStatus[][] = [[]];
    for (let length = 0; length < 5; length++) {
      const longer = sequences.splice(0).flatMap((seq) => SUBMISSION_STATUSES.map((s) => [...seq, s]));
      sequences.push(...longer);
    }
    expect(sequences).toHaveLength(7 ** 5);
    const violations: string[] = [];
    for (const sequence of sequences) {
      let at: Standing = { status: 'QUEUED', attempt: 1 };
      for (const to of sequence) {
        const { move, after } = applyMove(at, to);
        const ended = TERMINAL_STATUSES.has(at.status);
        // Only a new attempt raises the attempt, and by one; an end changes nothing any more.
        const attempt = move === 'new-attempt' ? at.attempt + 1 : at.attempt;
        if (
          RANK[after.status] < RANK[at.status] ||
          after.attempt !== attempt ||
          (ended && (after.status !== at.status || after.attempt !== at.attempt))
        ) {
          violations.push(`${sequence.join(' → ')}: ${at.status}#${at.attempt} → ${to} gave ${after.status}#${after.attempt}`);
        }
        at = after;
      }
    }
    expect(violations).toEqual([]);
  });

  it('reopens only a submission that ended FAILED with INTERNAL_ERROR', () => {
    expect(canReopen('FAILED', 'INTERNAL_ERROR')).toBe(true);
    expect(canReopen('FAILED', null)).toBe(false);
    expect(canReopen('COMPLETED', 'INTERNAL_ERROR')).toBe(false);
    expect(canReopen('RUNNING', null)).toBe(false);
  });
});
