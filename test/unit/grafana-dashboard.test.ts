import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import '../../api/metrics';
import { metricsRegistry } from '../../common/metrics';
import '../../worker/metrics';

const Dashboard = z.object({
  panels: z.array(z.object({ title: z.string(), targets: z.array(z.object({ expr: z.string() })) })),
});
const dashboard = Dashboard.parse(
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../ops/grafana-dashboard.json'), 'utf8')),
);

describe('ops/grafana-dashboard.json', () => {
  it('queries only metrics this code base exports (a renamed metric would leave a panel empty)', async () => {
    const exported = new Set((await metricsRegistry.getMetricsAsJSON()).map((m) => m.name));
    const used = dashboard.panels.flatMap((p) =>
      p.targets.flatMap((t) => [...t.expr.matchAll(/\b((?:sandflow|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1] ?? '')),
    );
    expect(used.length).toBeGreaterThan(10);
    for (const name of used) expect(exported, name).toContain(name.replace(/_(bucket|sum|count)$/, ''));
  });
});
