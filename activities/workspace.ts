import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { limitsColumn } from '../db/json-columns';
import type { SubmissionRecord } from '../db/submission-entity';

/** plan.json: what the host activities need, so they never read the database. */
const workspacePlanSchema = z.object({
  submissionId: z.string(),
  language: z.string(),
  limits: limitsColumn,
  compilerOptions: z.array(z.string()),
  args: z.array(z.string()),
  /** Number of test cases; 0 means a single run with the submission's stdin. */
  testCount: z.number().int().min(0),
});
export type WorkspacePlan = z.infer<typeof workspacePlanSchema>;

/**
 * A submission's files on the worker host that prepared it:
 *   box/          the source and extra files, then the compiled artifact (what the sandbox sees)
 *   stdin/<i>     standard input of run i (mounted read-only, one file per run)
 *   expected/<i>  expected output of test i (never visible to the program)
 *   plan.json     the plan (workspacePlanSchema)
 */
export class Workspace {
  constructor(readonly dir: string) {}

  static of(root: string, submissionId: string): Workspace {
    return new Workspace(path.join(root, submissionId));
  }

  get boxDir(): string {
    return path.join(this.dir, 'box');
  }

  stdinFile(index: number): string {
    return path.join(this.dir, 'stdin', String(index));
  }

  expectedFile(index: number): string {
    return path.join(this.dir, 'expected', String(index));
  }

  async exists(): Promise<boolean> {
    return fs.access(path.join(this.dir, 'plan.json')).then(
      () => true,
      () => false,
    );
  }

  async readPlan(): Promise<WorkspacePlan> {
    return workspacePlanSchema.parse(JSON.parse(await fs.readFile(path.join(this.dir, 'plan.json'), 'utf8')));
  }

  async readExpected(index: number): Promise<string | null> {
    return fs.readFile(this.expectedFile(index), 'utf8').catch(() => null);
  }

  /** Writes every file from scratch; a retried prepare starts clean. */
  async write(record: SubmissionRecord, sourceFile: string): Promise<WorkspacePlan> {
    await this.remove();
    await fs.mkdir(this.boxDir, { recursive: true });
    await fs.mkdir(path.join(this.dir, 'stdin'));
    await fs.mkdir(path.join(this.dir, 'expected'));
    for (const file of record.files) {
      const target = path.join(this.boxDir, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.content);
    }
    await fs.writeFile(path.join(this.boxDir, sourceFile), record.source);
    if (record.testCases.length === 0) {
      await fs.writeFile(this.stdinFile(0), record.stdin ?? '');
    }
    for (const [i, testCase] of record.testCases.entries()) {
      await fs.writeFile(this.stdinFile(i), testCase.stdin ?? '');
      if (testCase.expectedOutput !== null) await fs.writeFile(this.expectedFile(i), testCase.expectedOutput);
    }
    const plan: WorkspacePlan = {
      submissionId: record.id,
      language: record.language,
      limits: record.limits,
      compilerOptions: record.compilerOptions,
      args: record.args,
      testCount: record.testCases.length,
    };
    await fs.writeFile(path.join(this.dir, 'plan.json'), JSON.stringify(plan));
    return plan;
  }

  async remove(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
