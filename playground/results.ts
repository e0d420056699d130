import type { Submission } from './schemas';

function byId(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} missing from the page`);
  return found;
}

export function showTimeline(statuses: string[]): void {
  byId('timeline').replaceChildren(
    ...statuses.map((status) => {
      const item = document.createElement('li');
      item.textContent = status;
      return item;
    }),
  );
}

const memory = (kb: number) => (kb >= 10_240 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`);

/** Shows a finished submission, or clears the results for undefined. */
export function render(submission: Submission | undefined): void {
  const badge = byId('verdict');
  const label = submission?.verdict ?? (submission?.status === 'CANCELLED' ? 'CANCELLED' : undefined);
  badge.hidden = label === undefined;
  badge.textContent = label ?? '';
  badge.className = `badge ${label ?? ''}`;

  const run = submission?.run ?? undefined;
  byId('metrics').hidden = !run;
  byId('cpu').textContent = run ? `${run.cpuTimeMs} ms` : '';
  byId('wall').textContent = run ? `${run.wallTimeMs} ms` : '';
  byId('peak-memory').textContent = run ? memory(run.memoryKb) : '';
  byId('exit').textContent = run ? (run.signal ?? String(run.exitCode ?? '')) : '';
  byId('stdout').textContent = run ? run.stdout + (run.truncated ? '\n… (truncated)' : '') : '';
  byId('stderr').textContent = run?.stderr ?? '';

  const compile = submission?.compile;
  const compilerOutput = compile ? `${compile.stderr}${compile.stdout}`.trim() : '';
  byId('compile-pane').hidden = compilerOutput === '';
  byId('compile-output').textContent = compilerOutput;

  const table = byId('test-results');
  const results = submission?.testResults ?? [];
  table.hidden = results.length === 0;
  // A judged submission has no single run: its outputs are in the table.
  for (const pane of document.querySelectorAll<HTMLElement>('.run-pane')) pane.hidden = results.length > 0;
  table.querySelector('tbody')?.replaceChildren(
    ...results.map(({ index, verdict, result }) => {
      const row = document.createElement('tr');
      const output = document.createElement('pre');
      output.textContent = result.stdout;
      const badgeCell = document.createElement('span');
      badgeCell.className = `badge ${verdict}`;
      badgeCell.textContent = verdict;
      for (const content of [
        String(index + 1),
        badgeCell,
        `${result.cpuTimeMs} ms`,
        `${result.wallTimeMs} ms`,
        memory(result.memoryKb),
        output,
      ]) {
        const cell = document.createElement('td');
        cell.append(content);
        row.append(cell);
      }
      return row;
    }),
  );
}
