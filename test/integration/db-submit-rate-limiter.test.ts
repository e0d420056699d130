import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/data-source';
import { SubmitRateLimiter } from '../../db/submit-rate-limiter';
import { createDeployment, DATABASES, type Deployment } from '../support/deployment';

describe.each(DATABASES)('submit rate buckets in the database on %s', (kind) => {
  let deployment: Deployment;
  /** Two connections to one database: two API replicas. */
  const replicas: DataSource[] = [];
  let now = 1_000_000;
  const clock = () => now;

  beforeAll(async () => {
    deployment = await createDeployment(kind);
    const options = { databaseUrl: deployment.config.databaseUrl, dataDir: deployment.config.dataDir };
    replicas.push(await openDatabase(options), await openDatabase(options));
  });

  afterAll(async () => {
    for (const dataSource of replicas) await dataSource.destroy();
    await deployment?.dispose();
  });

  const limiterOn = (replica: number) => new SubmitRateLimiter(replicas[replica] as DataSource, clock);

  it('allows a burst, then refuses with the wait until the next token', async () => {
    const limiter = limiterOn(0);
    const rate = { perMinute: 60, burst: 3 };
    for (let i = 0; i < 3; i++) expect(await limiter.take('burst', rate)).toEqual({ allowed: true });
    expect(await limiter.take('burst', rate)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the sustained rate, never above the burst', async () => {
    const limiter = limiterOn(0);
    const rate = { perMinute: 6, burst: 2 };
    await limiter.take('refill', rate);
    await limiter.take('refill', rate);
    expect(await limiter.take('refill', rate)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(await limiter.take('refill', rate)).toEqual({ allowed: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect((await limiter.take('refill', rate)).allowed).toBe(true);
    now += 3_600_000;
    const after = [await limiter.take('refill', rate), await limiter.take('refill', rate), await limiter.take('refill', rate)];
    expect(after.map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('keeps one bucket per client, and a replica whose clock lags mints nothing', async () => {
    const rate = { perMinute: 60, burst: 1 };
    expect((await limiterOn(0).take('a', rate)).allowed).toBe(true);
    expect((await limiterOn(1).take('a', rate)).allowed).toBe(false);
    expect((await limiterOn(1).take('b', rate)).allowed).toBe(true);
    const lagging = new SubmitRateLimiter(replicas[1] as DataSource, () => now - 3_600_000);
    expect((await lagging.take('a', rate)).allowed).toBe(false);
  });

  it('spends one budget across replicas under concurrent submits: exactly the burst is allowed', async () => {
    const rate = { perMinute: 1, burst: 5 };
    const takes = Array.from({ length: 24 }, (_, i) => limiterOn(i % 2).take('shared', rate));
    const decisions = await Promise.all(takes);
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });
});
