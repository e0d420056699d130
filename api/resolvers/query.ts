import { RuntimeEntity } from '../../db/runtime-entity';
import { readerOf } from '../problem-reader';
import { decodeCursor, encodeCursor } from '../../db/submission-cursor';
import type { QueryResolvers } from '../generated/resolvers-types';
import { submissionColumns } from '../submission-columns';
import { aliasesOf, familyOf } from '../../runtimes/language-ids';
import { servedLanguage, servedLanguages } from '../../runtimes/served-languages';
import { badInput } from '../validation/submit-input';

const MAX_PAGE = 100;

export const Query: QueryResolvers = {
  async languages(_parent, _args, { config, dataSource }) {
    const runtimes = await dataSource.getRepository(RuntimeEntity).find();
    const versions = new Map(runtimes.map((r) => [r.language, r.version]));
    const served = servedLanguages(config);
    return served.map((l) => ({
      id: l.id,
      name: l.name,
      version: versions.get(l.id) ?? 'unknown (no worker has built it yet)',
      compiled: l.compile !== undefined,
      defaultLimits: l.defaultLimits,
      extensions: [...l.extensions],
      family: familyOf(l),
      aliases: aliasesOf(served, l),
    }));
  },

  // Another client's submission is null, exactly like one that does not exist.
  submission: (_parent, { id }, { store, client }, info) => store.getOwned(id, client.name, submissionColumns(info)),

  async submissions(_parent, { first, after, status, language }, { store, client, config }, info) {
    const size = first ?? 20;
    if (size < 1 || size > MAX_PAGE) throw badInput('first', `must be between 1 and ${MAX_PAGE} (got ${size})`);
    // A cursor that does not decode would otherwise silently restart from the newest.
    if (after != null && !decodeCursor(after))
      throw badInput('after', 'must be an endCursor or edge cursor returned by an earlier submissions query');
    const page = await store.list({
      clientName: client.name,
      first: size,
      after: after ?? undefined,
      status: status ?? undefined,
      // Submissions store the version a plain family id named when they were made.
      language: language == null ? undefined : (servedLanguage(servedLanguages(config), language)?.id ?? language),
      columns: submissionColumns(info, ['edges', 'node']),
    });
    const edges = page.records.map((node) => ({ cursor: encodeCursor(node), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  },

  // Cached and shared by every caller of the process (api/queue-stats-cache.ts).
  queueStats: (_parent, _args, { queueStats }) => queueStats(),

  // Another client's private problem is null, exactly like one that does not exist.
  problem: (_parent, { id }, { problems, client }) => problems.visible(id, readerOf(client)),

  problems: (_parent, _args, { problems, client }) => problems.list(readerOf(client)),

  async problemVersion(_parent, { problemId, version }, { problems, client }) {
    const problem = await problems.visible(problemId, readerOf(client));
    if (!problem) return null;
    return problems.getVersion(problemId, version ?? problem.latestVersion);
  },
};
