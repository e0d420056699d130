import type { DataSource } from 'typeorm';
import type { ProblemPackage } from '../problems/problem-model';
import { ProblemEntity, type ProblemRecord } from './problem-entity';
import { ProblemVersionEntity, type ProblemVersionRecord } from './problem-version-entity';
import { SubmissionEntity } from './submission-entity';
import { writeTransaction } from './write-transaction';

/** Who asks: a client sees its own problems and public ones; an operator sees every problem. */
export interface ProblemReader {
  clientName: string;
  operator: boolean;
}

/** A problem id taken by another client, or a change to a problem the caller does not own. */
export class ProblemOwnershipError extends Error {
  constructor(readonly problemId: string) {
    super(`problem ${problemId} belongs to another client`);
    this.name = 'ProblemOwnershipError';
  }
}

/** deleteProblem of a problem that submissions still refer to, without force. */
export class ProblemInUseError extends Error {
  constructor(
    readonly problemId: string,
    readonly submissions: number,
  ) {
    super(`problem ${problemId} is referenced by ${submissions} submission(s); an operator may delete it with force: true`);
    this.name = 'ProblemInUseError';
  }
}

/** What a new version adds: the package's model and the sizes counted while storing it. */
export interface NewProblemVersion {
  problemId: string;
  clientName: string;
  /** Used when the version creates the problem (its first upload) and no title was set before. */
  title: string | null;
  definition: ProblemPackage;
  caseCount: number;
  dataBytes: number;
}

const MAX_RACES = 8;

/** Problems and their immutable versions: the only writer of both tables. */
export class ProblemStore {
  constructor(private readonly dataSource: DataSource) {}

  private get problems() {
    return this.dataSource.getRepository(ProblemEntity);
  }

  private get versions() {
    return this.dataSource.getRepository(ProblemVersionEntity);
  }

  /** Creates an empty problem (no version yet) of `clientName`; refused when the id exists. */
  async create(problem: Pick<ProblemRecord, 'id' | 'clientName' | 'title' | 'isPublic'>): Promise<ProblemRecord> {
    const record: ProblemRecord = { ...problem, latestVersion: 0, createdAt: new Date() };
    try {
      await this.problems.insert(record);
    } catch (error) {
      const existing = await this.problems.findOneBy({ id: problem.id });
      if (existing) throw new ProblemOwnershipError(problem.id);
      throw error;
    }
    return record;
  }

  /** Any problem by id: for the workers and internal bookkeeping, never for answering a client. */
  get(id: string): Promise<ProblemRecord | null> {
    return this.problems.findOneBy({ id });
  }

  /** The problem if `reader` may see it (its own, public, or any for an operator); null otherwise, as for a missing one. */
  async visible(id: string, reader: ProblemReader): Promise<ProblemRecord | null> {
    const problem = await this.get(id);
    return problem && mayRead(problem, reader) ? problem : null;
  }

  /** The problems `reader` may see, by id. */
  async list(reader: ProblemReader): Promise<ProblemRecord[]> {
    if (reader.operator) return this.problems.find({ order: { id: 'ASC' } });
    return this.problems.find({ where: [{ clientName: reader.clientName }, { isPublic: true }], order: { id: 'ASC' } });
  }

  getVersion(problemId: string, version: number): Promise<ProblemVersionRecord | null> {
    return this.versions.findOneBy({ problemId, version });
  }

  /** Every version of a problem, oldest first (a definition is a few KiB: the test data is not in it). */
  listVersions(problemId: string): Promise<ProblemVersionRecord[]> {
    return this.versions.find({ where: { problemId }, order: { version: 'ASC' } });
  }

  /**
   * Stores a new version (the problem's latest + 1), creating the problem when it does not exist.
   * Its blobs must be stored already: the row is the last thing written, in one transaction with
   * the problem's latest version, so an upload cut off at any point leaves no version.
   */
  async addVersion(added: NewProblemVersion): Promise<ProblemVersionRecord> {
    for (let race = 0; race < MAX_RACES; race++) {
      const problem = await this.get(added.problemId);
      if (problem && problem.clientName !== added.clientName) throw new ProblemOwnershipError(added.problemId);
      const version = (problem?.latestVersion ?? 0) + 1;
      const record: ProblemVersionRecord = {
        problemId: added.problemId,
        version,
        definition: added.definition,
        caseCount: added.caseCount,
        dataBytes: added.dataBytes,
        createdAt: new Date(),
      };
      const stored = await writeTransaction(this.dataSource, async (tx) => {
        if (problem) {
          // Only if no concurrent upload took this version number first.
          const moved = await tx
            .getRepository(ProblemEntity)
            .createQueryBuilder()
            .update()
            .set({ latestVersion: version, ...(problem.title === null && added.title ? { title: added.title } : {}) })
            .where('id = :id AND latest_version = :previous', { id: added.problemId, previous: problem.latestVersion })
            .execute();
          if (!moved.affected) return false;
        } else {
          await tx.getRepository(ProblemEntity).insert({
            id: added.problemId,
            clientName: added.clientName,
            title: added.title,
            isPublic: false,
            latestVersion: version,
            createdAt: new Date(),
          });
        }
        await tx.getRepository(ProblemVersionEntity).insert(record);
        return true;
      }).catch(async (error: unknown) => {
        // A concurrent first upload created the problem: read again and go on as its next version.
        if (!problem && (await this.get(added.problemId))) return false;
        throw error;
      });
      if (stored) return record;
    }
    throw new Error(`problem ${added.problemId}: still raced by concurrent uploads after ${MAX_RACES} tries`);
  }

  /** Marks a problem public or not (operators only; the caller checks). False when it does not exist. */
  async setPublic(id: string, isPublic: boolean): Promise<boolean> {
    const result = await this.problems.update({ id }, { isPublic });
    return Boolean(result.affected);
  }

  /**
   * Deletes a problem and its versions (not the blobs: other versions or problems may share them).
   * Refused while submissions refer to it, unless `force`; those submissions keep their results.
   */
  async delete(id: string, { force = false }: { force?: boolean } = {}): Promise<boolean> {
    return writeTransaction(this.dataSource, async (tx) => {
      const referencing = await tx.getRepository(SubmissionEntity).countBy({ problemId: id });
      if (referencing > 0 && !force) throw new ProblemInUseError(id, referencing);
      await tx.getRepository(ProblemVersionEntity).delete({ problemId: id });
      const result = await tx.getRepository(ProblemEntity).delete({ id });
      return Boolean(result.affected);
    });
  }
}

/** Whether `reader` may read the problem's public parts (and submit to it). */
export function mayRead(problem: Pick<ProblemRecord, 'clientName' | 'isPublic'>, reader: ProblemReader): boolean {
  return reader.operator || problem.isPublic || problem.clientName === reader.clientName;
}

/** Whether `reader` owns the problem's data: its secret tests, and the outputs of every submission's run on them. */
export function ownsProblem(problem: Pick<ProblemRecord, 'clientName'>, reader: ProblemReader): boolean {
  return reader.operator || problem.clientName === reader.clientName;
}
