// Throughput of the built-in comparisons on 64 MiB of tokens (ints and floats), streamed from files
// as judging would stream them. Run: npx tsx scripts/bench-compare.ts
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { compareOutput } from '../judge/compare/compare-output';
import type { ComparisonSettings } from '../judge/compare/settings';
import { parseValidatorFlags } from '../judge/compare/validator-flags';

const TARGET_BYTES = 64 * 1024 * 1024;
const MiB = 1024 * 1024;

/**
 * Writes the answer, the same text with "\r\n" line ends, and an output whose floats are written
 * differently (12 significant digits, off by 1e-8) with "\r\n" line ends.
 */
async function generate(answerPath: string, crlfPath: string, loosePath: string): Promise<number> {
  const answer = createWriteStream(answerPath);
  const crlfOut = createWriteStream(crlfPath);
  const output = createWriteStream(loosePath);
  let seed = 20;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  let written = 0;
  while (written < TARGET_BYTES) {
    const a: string[] = [];
    const o: string[] = [];
    for (let line = 0; line < 1000; line++) {
      const ta: string[] = [];
      const to: string[] = [];
      for (let t = 0; t < 8; t++) {
        if (next() < 0.5) {
          const n = String(Math.floor(next() * 2e9) - 1e9);
          ta.push(n);
          to.push(n);
        } else {
          const x = (next() - 0.5) * 1e4;
          ta.push(x.toFixed(6));
          to.push((x + 1e-8).toPrecision(12));
        }
      }
      a.push(ta.join(' '));
      o.push(to.join(' '));
    }
    const aText = a.join('\n') + '\n';
    const oText = o.join('\r\n') + '\r\n';
    written += aText.length;
    if (!crlfOut.write(a.join('\r\n') + '\r\n')) await once(crlfOut, 'drain');
    if (!answer.write(aText)) await once(answer, 'drain');
    if (!output.write(oText)) await once(output, 'drain');
  }
  answer.end();
  crlfOut.end();
  output.end();
  await Promise.all([once(answer, 'finish'), once(crlfOut, 'finish'), once(output, 'finish')]);
  return written;
}

async function run(
  name: string,
  settings: ComparisonSettings,
  answerPath: string,
  outputPath: string,
  bytes: number,
): Promise<void> {
  // The process's own high-water mark (maxRSS) was set by generating the files: sample RSS instead.
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 2);
  const started = process.hrtime.bigint();
  const result = await compareOutput(settings, createReadStream(answerPath), createReadStream(outputPath));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  if (!result.accepted) throw new Error(`${name}: expected acceptance, got ${result.difference.message}`);
  const growthMiB = (rssPeak - rssBefore) / MiB;
  console.log(
    `${name.padEnd(44)} ${(seconds * 1000).toFixed(0).padStart(6)} ms  ${(bytes / MiB / seconds).toFixed(0).padStart(5)} MiB/s  peak RSS +${growthMiB.toFixed(1)} MiB`,
  );
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-compare-'));
  try {
    const answer = join(dir, 'answer');
    const same = [answer, answer] as const;
    const crlf = [answer, join(dir, 'crlf')] as const;
    const loose = [answer, join(dir, 'loose')] as const;
    const bytes = await generate(answer, crlf[1], loose[1]);
    console.log(`answer: ${(bytes / MiB).toFixed(1)} MiB of tokens per side, streamed from files in 64 KiB chunks`);
    // One unmeasured pass first, so the first mode's figures do not carry the read streams' and the JIT's warm-up (~20 MiB).
    await compareOutput({ mode: 'lines' }, createReadStream(answer), createReadStream(answer));
    console.log(
      `RSS before comparing: ${(process.memoryUsage.rss() / MiB).toFixed(0)} MiB (peak RSS growth below: sampled every 2 ms)`,
    );
    await run('exact (identical)', { mode: 'exact' }, ...same, bytes);
    await run('lines (identical)', { mode: 'lines' }, ...same, bytes);
    await run('lines (output has \\r\\n line ends)', { mode: 'lines' }, ...crlf, bytes);
    await run(
      'tokens (output has \\r\\n line ends)',
      { mode: 'tokens', caseInsensitive: false, spaceChangeSensitive: false, float: null },
      ...crlf,
      bytes,
    );
    await run('tokens', { mode: 'tokens', caseInsensitive: false, spaceChangeSensitive: false, float: null }, ...same, bytes);
    await run(
      'tokens caseInsensitive',
      { mode: 'tokens', caseInsensitive: true, spaceChangeSensitive: false, float: null },
      ...same,
      bytes,
    );
    await run('kattis space_change_sensitive', parseValidatorFlags('space_change_sensitive'), ...same, bytes);
    await run('kattis float_tolerance 1e-6 (identical)', parseValidatorFlags('float_tolerance 1e-6'), ...same, bytes);
    await run('kattis float_tolerance 1e-6 (reformatted, \\r\\n)', parseValidatorFlags('float_tolerance 1e-6'), ...loose, bytes);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
