import type { Logger } from '../common/logger';

/** What the watcher needs of a Docker engine (dockerode's Docker has it). */
export interface Pingable {
  ping(): Promise<unknown>;
}

export interface EngineHealthOptions {
  /**
   * How long the engine may not answer before claimed work stops waiting for it and ends FAILED
   * (config.engineOutageBudgetMs), counted from the first unanswered ping.
   */
  budgetMs: number;
  /** How often the engine is pinged. Default 1000 ms. */
  everyMs?: number;
  /** A ping unanswered this long counts as a failure. Default 5000 ms. */
  timeoutMs?: number;
  logger: Logger;
}

/** What the worker does when the engine goes away and when it answers again. */
export interface EngineHooks {
  /** The engine stopped answering: forget everything that lived in it. */
  lost?(): void;
  /**
   * The engine answers again; runs before anyone waiting is released, so leftovers of its
   * previous life are gone before new containers appear.
   */
  back?(downSince: number): Promise<void>;
  /** Whether this host takes sandbox work changed (see {@link EngineHealth.takesWork}). */
  changed?(): void;
}

const DEFAULT_EVERY_MS = 1000;
const DEFAULT_TIMEOUT_MS = 5000;
/**
 * Answers in a row before the engine counts as back: a stopping dockerd was seen to answer once
 * between refusals, and work resumed on it would only fail again.
 */
const ANSWERS_TO_COME_BACK = 2;

/**
 * Watches one worker's Docker engine by pinging it about every second. While it does not answer
 * the worker takes no sandbox work, and claimed work waits here for it, up to the outage budget.
 */
export class EngineHealth {
  private down: number | null = null;
  private spent = false;
  private answersInARow = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<boolean> | undefined;
  private readonly hooks: EngineHooks[] = [];
  private waiters: Array<() => void> = [];
  private readonly log: Logger;

  constructor(
    private readonly docker: Pingable,
    private readonly options: EngineHealthOptions,
  ) {
    this.log = options.logger.child({ component: 'engine-health' });
  }

  /** Whether the engine answered the last ping. */
  get up(): boolean {
    return this.down === null;
  }

  /** When the engine stopped answering (ms since the epoch), or null while it answers. */
  get downSince(): number | null {
    return this.down;
  }

  get budgetMs(): number {
    return this.options.budgetMs;
  }

  /** The engine has not answered for longer than the budget: claimed work stops waiting. */
  get budgetSpent(): boolean {
    return this.spent;
  }

  /**
   * Whether this host should take sandbox work: while the engine answers, and again once the
   * budget is spent (the work then fails at once with a plain reason instead of waiting unseen).
   */
  get takesWork(): boolean {
    return this.up || this.spent;
  }

  watch(hooks: EngineHooks): void {
    this.hooks.push(hooks);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.options.everyMs ?? DEFAULT_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
    this.release();
  }

  /** Pings the engine now (one ping shared by concurrent callers); whether it answered. */
  check(): Promise<boolean> {
    this.checking ??= this.ping().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /**
   * Resolves true once the engine answers again (and its leftovers are swept), false when
   * `deadline` (ms since the epoch) passes or `signal` aborts first.
   */
  async waitUntilUp(deadline: number, signal?: AbortSignal): Promise<boolean> {
    if (this.up) return true;
    let timer: NodeJS.Timeout | undefined;
    let wake = (): void => {};
    try {
      await new Promise<void>((resolve) => {
        wake = resolve;
        this.waiters.push(resolve);
        timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    } finally {
      clearTimeout(timer);
      this.waiters = this.waiters.filter((w) => w !== wake);
    }
    return this.up;
  }

  private async ping(): Promise<boolean> {
    let answered: boolean;
    try {
      await pingWithin(this.docker, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      answered = true;
    } catch (error) {
      answered = false;
      if (this.down === null) this.lost(error);
    }
    this.answersInARow = answered ? this.answersInARow + 1 : 0;
    if (answered && this.down !== null && this.answersInARow >= ANSWERS_TO_COME_BACK) await this.back(this.down);
    if (!answered && !this.spent && this.down !== null && Date.now() - this.down >= this.options.budgetMs) {
      this.spent = true;
      this.log.error(
        { downForMs: Date.now() - this.down, budgetMs: this.options.budgetMs },
        'sandbox engine outage outlasted its budget: failing claimed sandbox work',
      );
      this.notify('changed');
    }
    return answered;
  }

  private lost(error: unknown): void {
    this.down = Date.now();
    this.log.error(
      { err: error instanceof Error ? error.message : String(error), budgetMs: this.options.budgetMs },
      'sandbox engine does not answer: this worker takes no sandbox work until it does; claimed work waits',
    );
    this.notify('lost');
    this.notify('changed');
  }

  private async back(downSince: number): Promise<void> {
    for (const hooks of this.hooks) {
      await hooks
        .back?.(downSince)
        .catch((error: unknown) => this.log.warn({ err: error }, 'cleaning up after the engine outage failed'));
    }
    this.down = null;
    this.spent = false;
    this.log.warn({ downForMs: Date.now() - downSince }, 'sandbox engine answers again: taking sandbox work');
    this.release();
    this.notify('changed');
  }

  private notify(event: 'lost' | 'changed'): void {
    for (const hooks of this.hooks) {
      try {
        hooks[event]?.();
      } catch (error) {
        this.log.warn({ err: error, event }, 'engine health listener failed');
      }
    }
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** One ping that counts as unanswered after `timeoutMs` (a hung engine must not hang the watcher). */
async function pingWithin(docker: Pingable, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      docker.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
