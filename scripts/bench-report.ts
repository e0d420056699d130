/** What `npm run bench` measured, and its readable form: one table per section. */
import type { LanguageRow } from './bench-sandbox';
import type { BurstResult } from './burst';
import type { CpuRow } from './cpu-usage';
import type { Summary } from './stats';

export interface BenchResult {
  machine: { cores: number; memoryGiB: number; loadAverage: string; loadAverageAtEnd?: string; date: string; runtime: string };
  mode: 'warm' | 'fresh';
  e2e?: { runs: number; warmups: number; sandflowMs: Summary; coldMs: Summary; ratio: number; coldImage: string };
  historyEvents?: number;
  /** cpu: ms per submission per process group; utilization: the machine's busy share during the burst, 0 to 1. */
  burst?: BurstResult & { cpu: CpuRow[]; utilization: number };
  languages?: LanguageRow[];
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function e2eSection(r: NonNullable<BenchResult['e2e']>, mode: string): string {
  const row = (name: string, s: Summary) => [name, ms(s.p50), ms(s.p95), ms(s.max)];
  return [
    `End-to-end latency, one submission at a time (python hello; mutation sent -> terminal event on the subscription), ${r.runs} runs after ${r.warmups} warm-ups, interleaved`,
    table(
      ['', 'p50', 'p95', 'max'],
      [row(`sandflow (${mode})`, r.sandflowMs), row('cold hardened container (create+start+wait+remove)', r.coldMs)],
    ),
    `ratio e2e p50 / cold p50: ${r.ratio.toFixed(2)}   (cold image ${r.coldImage})`,
  ].join('\n');
}

function burstSection(b: NonNullable<BenchResult['burst']>): string {
  const cpu = table(
    ['CPU per submission during the burst', 'ms'],
    b.cpu.map((c) => [c.name, c.msPerSubmission.toFixed(1)]),
  );
  return [
    `Burst: ${b.total} python submissions from ${b.clients} concurrent clients`,
    table(
      ['throughput', 'p50', 'p95', 'max', 'completed', 'errors', 'lost', 'duplicated'],
      [
        [
          `${b.throughput.toFixed(1)}/s in ${b.elapsedS.toFixed(1)} s`,
          ms(b.latencyMs.p50),
          ms(b.latencyMs.p95),
          ms(b.latencyMs.max),
          String(b.completed),
          String(b.errors),
          String(b.lost),
          String(b.duplicated),
        ],
      ],
    ),
    ...b.problems.map((p) => `problem: ${p}`),
    '',
    cpu,
    `(the machine's cores were ${(b.utilization * 100).toFixed(0)} % busy during the burst; other work on the machine counts in 'rest of the machine' and in the shared services)`,
  ].join('\n');
}

function languagesSection(rows: readonly LanguageRow[]): string {
  return [
    'Per language: DockerSandbox directly (no API, no Temporal), hello world; sandbox round trips, then what the program itself used',
    table(
      ['language', 'mode', 'compile p50', 'run p50', 'run p95', 'program wall p50', 'cpu p50', 'peak KiB'],
      rows.map((r) => [
        r.language,
        r.mode,
        r.compileMs ? ms(r.compileMs.p50) : '-',
        ms(r.runMs.p50),
        ms(r.runMs.p95),
        ms(r.programWallMs),
        ms(r.programCpuMs),
        String(r.programMemoryKb),
      ]),
    ),
  ].join('\n');
}

export function formatReport(r: BenchResult): string {
  const m = r.machine;
  const sections = [
    `sandflow benchmark, sandbox mode ${r.mode}, runtime ${m.runtime}; ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB; ${m.date}; load average at start ${m.loadAverage}`,
    ...(r.e2e ? [e2eSection(r.e2e, r.mode)] : []),
    ...(r.historyEvents !== undefined ? [`Temporal history of a one-run python submission: ${r.historyEvents} events`] : []),
    ...(r.burst ? [burstSection(r.burst)] : []),
    ...(r.languages ? [languagesSection(r.languages)] : []),
    ...(m.loadAverageAtEnd ? [`load average at the end ${m.loadAverageAtEnd}`] : []),
  ];
  return `${sections.join('\n\n')}\n`;
}
