import { Readable } from 'node:stream';
import { ownsProblem } from '../../db/problem-store';
import { topGroups } from '../../problems/judging-plan';
import type { TestGroup } from '../../problems/problem-model';
import type { BlobStore } from '../../storage/blob-store';
import { readerOf } from '../problem-reader';
import type { ProblemGroup, ProblemResolvers, ProblemVersionResolvers } from '../generated/resolvers-types';

/** Samples longer than this are cut in the API (they are meant for a statement, not for bulk reading). */
const SAMPLE_MAX_BYTES = 64 * 1024;

async function sampleText(blobs: BlobStore, sha256: string): Promise<string> {
  const stream: Readable = await blobs.get(sha256);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(bytes);
    size += bytes.length;
    if (size >= SAMPLE_MAX_BYTES) break;
  }
  stream.destroy();
  const text = Buffer.concat(chunks).subarray(0, SAMPLE_MAX_BYTES).toString('utf8');
  return size > SAMPLE_MAX_BYTES ? `${text}…` : text;
}

function groupsOf(group: TestGroup): ProblemGroup[] {
  return [
    { name: group.name, cases: group.cases.length, maxScore: group.maxScore, stopOnFirstFailure: group.stopOnFirstFailure },
    ...group.groups.flatMap(groupsOf),
  ];
}

export const Problem: ProblemResolvers = {
  public: (parent) => parent.isPublic,
  owned: (parent, _args, { client }) => ownsProblem(parent, readerOf(client)),
  versions: (parent, _args, { problems }) => problems.listVersions(parent.id),
};

export const ProblemVersion: ProblemVersionResolvers = {
  type: (parent) => (parent.definition.type === 'scoring' ? 'SCORING' : 'PASS_FAIL'),
  timeLimitMs: (parent) => parent.definition.limits.timeLimitMs,
  memoryMb: (parent) => parent.definition.limits.memoryMb ?? null,
  maxScore: (parent) => (parent.definition.type === 'scoring' ? parent.definition.secret.maxScore : null),
  groups: (parent) => topGroups(parent.definition).flatMap(groupsOf),
  samples: (parent, _args, { blobs }) => {
    const cases: TestGroup['cases'] = [];
    const walk = (group: TestGroup): void => {
      cases.push(...group.cases);
      group.groups.forEach(walk);
    };
    walk(parent.definition.sample);
    return Promise.all(
      cases.map(async (testCase) => ({
        name: testCase.name,
        input: await sampleText(blobs, testCase.input.sha256),
        answer: await sampleText(blobs, testCase.answer.sha256),
      })),
    );
  },
};
