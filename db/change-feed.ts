import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import type { Logger } from '../common/logger';

/**
 * Tells subscribers that a submission changed. Carries only the id: subscribers re-read
 * the row, so a notification can never disagree with the database (and PostgreSQL's
 * 8000-byte NOTIFY limit never matters).
 */
export interface ChangeFeed {
  publish(submissionId: string): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(submissionId: string, listener: () => void): () => void;
  close(): Promise<void>;
}

/** For a single process (SQLite deployments and tests): an in-memory emitter. */
export class InProcessChangeFeed implements ChangeFeed {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(submissionId: string): Promise<void> {
    this.emitter.emit(submissionId);
  }

  subscribe(submissionId: string, listener: () => void): () => void {
    this.emitter.on(submissionId, listener);
    return () => this.emitter.off(submissionId, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const CHANNEL = 'sandflow_submission_changed';

/**
 * Across processes on PostgreSQL: NOTIFY on publish, one LISTEN connection per process
 * fanning out locally. Reconnects after a dropped connection; subscribers also re-read
 * the row periodically, so a notification lost during a reconnect only delays an update.
 */
export class PostgresChangeFeed implements ChangeFeed {
  private readonly local = new InProcessChangeFeed();
  private listener: Client | undefined;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly notify: (submissionId: string) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /**
   * @param url PostgreSQL URL for the dedicated LISTEN connection.
   * @param notify Sends the NOTIFY, normally through the application's pool.
   */
  static async connect(
    url: string,
    notify: (submissionId: string) => Promise<void>,
    logger: Logger,
  ): Promise<PostgresChangeFeed> {
    const feed = new PostgresChangeFeed(url, notify, logger);
    await feed.listen();
    return feed;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) void this.local.publish(message.payload);
    });
    // A restarting server may end the connection with an error or just close it: either way, listen again.
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.logger.warn({ err: error }, 'change feed connection lost; reconnecting');
      void client.end().catch(() => undefined);
      this.reconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private reconnect(): void {
    if (this.closed) return;
    setTimeout(() => {
      if (this.closed) return;
      this.listen().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'change feed reconnect failed');
        this.reconnect();
      });
    }, 1000).unref();
  }

  async publish(submissionId: string): Promise<void> {
    await this.notify(submissionId);
  }

  subscribe(submissionId: string, listener: () => void): () => void {
    return this.local.subscribe(submissionId, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.local.close();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }
}

export const POSTGRES_CHANGE_CHANNEL = CHANNEL;
