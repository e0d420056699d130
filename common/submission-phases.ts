import type { SubmissionStatus } from './submission';

/** A phase the metrics time, named as operators think of it. */
export type Phase = 'queued' | 'preparing' | 'compile' | 'run';

const PHASE_OF: Partial<Record<SubmissionStatus, Phase>> = {
  QUEUED: 'queued',
  PREPARING: 'preparing',
  COMPILING: 'compile',
  RUNNING: 'run',
};

/** How long a finished submission spent in each phase and in all, in seconds. */
export interface PhaseDurations {
  /** From the first event (accepted) to the last (terminal). */
  totalSeconds: number;
  /** Only the phases it went through; a phase entered twice (requeued after a host died) counts both stays. */
  phases: Partial<Record<Phase, number>>;
}

/**
 * Durations from a submission's status events, oldest first: each status lasts until the
 * next event. Undefined for fewer than two events (nothing was measured).
 */
export function phaseDurations(events: ReadonlyArray<{ status: SubmissionStatus; at: Date }>): PhaseDurations | undefined {
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last || events.length < 2) return undefined;
  const phases: Partial<Record<Phase, number>> = {};
  for (let i = 0; i + 1 < events.length; i++) {
    const [from, to] = [events[i], events[i + 1]];
    const phase = from && PHASE_OF[from.status];
    if (!from || !to || !phase) continue;
    phases[phase] = (phases[phase] ?? 0) + Math.max(0, to.at.getTime() - from.at.getTime()) / 1000;
  }
  return { totalSeconds: Math.max(0, last.at.getTime() - first.at.getTime()) / 1000, phases };
}
