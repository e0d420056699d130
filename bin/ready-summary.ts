import type { Config } from '../common/config';
import { RuntimeEntity } from '../db/runtime-entity';
import { servedLanguages } from '../runtimes/served-languages';
import type { Sandflow } from './start-sandflow';

/** What a person needs once sandflow is up: where everything is and which languages can run. */
export interface ReadySummary {
  api: string | undefined;
  /** The browser playground's page, unless SANDFLOW_PLAYGROUND=off. */
  playground: string | undefined;
  metrics: string[];
  temporalUi: string;
  /** Served languages whose runtime image a worker has built, with the toolchain version. */
  ready: Array<{ id: string; version: string }>;
  /** Served languages no worker has built yet (they are refused until one does). */
  notReady: string[];
}

export async function readySummary(sandflow: Sandflow, config: Config): Promise<ReadySummary> {
  const runtimes = await sandflow.persistence.dataSource.getRepository(RuntimeEntity).find();
  const versions = new Map(runtimes.map((r) => [r.language, r.version]));
  const served = servedLanguages(config);
  const api = sandflow.app?.url;
  return {
    api,
    playground: api && config.playground ? new URL('/', api).toString() : undefined,
    metrics: [...(api ? [new URL('/metrics', api).toString()] : []), ...(sandflow.metrics ? [sandflow.metrics.url] : [])],
    temporalUi: config.temporal.uiUrl,
    ready: served.flatMap((l) => {
      const version = versions.get(l.id);
      return version ? [{ id: l.id, version }] : [];
    }),
    notReady: served.filter((l) => !versions.has(l.id)).map((l) => l.id),
  };
}

/** The summary as a few aligned lines for a terminal. */
export function formatReadySummary(summary: ReadySummary): string {
  const rows: Array<[string, string]> = [];
  if (summary.api) {
    if (summary.playground) rows.push(['playground', summary.playground]);
    rows.push(['API', `${summary.api}  (graphql-ws on the same path)`]);
    rows.push([
      'CLI',
      `npx sandflow run hello.py${summary.api === 'http://127.0.0.1:4000/graphql' ? '' : `  --url ${summary.api}`}`,
    ]);
  }
  for (const url of summary.metrics) rows.push(['metrics', url]);
  rows.push(['Temporal UI', summary.temporalUi]);
  rows.push(['languages', summary.ready.map((l) => `${l.id} (${l.version})`).join(', ') || 'none built yet']);
  if (summary.notReady.length > 0) rows.push(['not built', summary.notReady.join(', ')]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    '',
    'sandflow is up',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
    'Ctrl-C stops it.',
    '',
  ].join('\n');
}
