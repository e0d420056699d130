import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobRef, BlobStore } from '../../storage/blob-store';
import type { PackageFile, PackageLimits, PackageProgram, PackageSubmission, ProblemPackage, TestGroup } from '../problem-model';
import { collectEntries, type CollectedFile, type CollectedPackage, useOf } from './collect-entries';
import { directoryEntries } from './directory-entries';
import { PackageError } from './package-error';
import type { PackageEntry } from './package-entry';
import { PackageBudget, type PackageLimitOptions } from './package-limits';
import { parseProblemYaml, type ProblemMetadata } from './problem-yaml';
import { tarGzEntries } from './tar-entries';
import { buildTestData } from './test-groups';
import { zipEntries } from './zip-entries';

/** Where a package comes from. A zip needs random access, so an uploaded zip is spooled to a file first. */
export type PackageSource =
  | { kind: 'directory'; path: string }
  | { kind: 'zip'; path: string }
  | { kind: 'tar.gz'; path: string }
  | { kind: 'tar.gz'; stream: Readable };

/** Options of {@link readProblemPackage}; the limits apply while reading. */
export interface ReadPackageOptions extends PackageLimitOptions {
  /** Where the test data, validator and submission files go, as they are read. */
  store: BlobStore;
  /** The CPU time limit per case when the package gives none (e.g. from the upload request), in ms. */
  defaultTimeLimitMs?: number;
}

/** A package read: its normalised model and every blob the model references (each once). */
export interface ReadPackageResult {
  problem: ProblemPackage;
  blobs: BlobRef[];
}

const MAX_SYMLINK_HOPS = 16;

/**
 * Reads an ICPC / Kattis problem package (legacy or 2023-07-draft) into the normalised model, storing
 * the bytes of each test file, output validator file and judge submission in `options.store` as they
 * stream. Every package is treated as hostile: a bad one fails with a {@link PackageError} naming the
 * file and what is wrong with it.
 *
 * Nothing is half-stored: the caller records the problem version only after this resolved. Blobs a
 * failed read stored are unreferenced, and, being content-addressed, harmless (the same bytes put
 * again are the same blob).
 */
export async function readProblemPackage(source: PackageSource, options: ReadPackageOptions): Promise<ReadPackageResult> {
  const budget =
    source.kind === 'directory'
      ? new PackageBudget(options, false)
      : new PackageBudget(options, true, 'path' in source ? (await stat(source.path)).size : Infinity);
  const entries = entriesOf(source, budget);
  const collected = await collectEntries(entries, options.store, (path) => budget.entry(path));
  return buildProblem(collected, options);
}

function entriesOf(source: PackageSource, budget: PackageBudget): AsyncIterable<PackageEntry> {
  switch (source.kind) {
    case 'directory':
      return directoryEntries(source.path, budget);
    case 'zip':
      return zipEntries(source.path, budget);
    case 'tar.gz':
      return tarGzEntries('stream' in source ? source.stream : createReadStream(source.path), budget);
  }
}

function buildProblem(collected: CollectedPackage, options: ReadPackageOptions): ReadPackageResult {
  const root = packageRoot(collected);
  const files = new Map<string, CollectedFile>();
  for (const [path, file] of collected.files) if (path.startsWith(root)) files.set(path.slice(root.length), file);
  resolveSymlinks(collected, root, files);

  const problemYaml = files.get('problem.yaml')?.text;
  if (problemYaml === undefined) throw new PackageError('problem.yaml', 'is missing');
  const metadata = parseProblemYaml(problemYaml);
  const { sample, secret, sampleInteractions } = buildTestData(files, metadata);
  const outputValidation = outputValidationOf(files, metadata);
  const problem: ProblemPackage = {
    formatVersion: metadata.formatVersion,
    name: metadata.name,
    uuid: metadata.uuid,
    type: metadata.type,
    interactive: metadata.interactive,
    limits: limitsOf(metadata, files.get('.timelimit')?.text, options.defaultTimeLimitMs),
    outputValidation,
    sample,
    secret,
    sampleInteractions,
    submissions: submissionsOf(files),
  };
  return { problem, blobs: blobsOf(problem) };
}

/** `''` when `problem.yaml` is at the top, else the one top-level directory holding it (`name/`). */
function packageRoot(collected: CollectedPackage): string {
  if (collected.files.has('problem.yaml')) return '';
  const tops = new Set<string>();
  for (const path of [...collected.files.keys(), ...collected.directories, ...collected.symlinks.keys()])
    tops.add(path.split('/')[0] ?? '');
  const [top] = tops;
  if (tops.size === 1 && top !== undefined && collected.files.has(`${top}/problem.yaml`)) return `${top}/`;
  throw new PackageError('problem.yaml', 'not found at the top of the package, nor in its only top-level directory');
}

/**
 * Symlinks are allowed by the format when they stay inside the package; a link to a file acts as that
 * file (the same blob: nothing is stored twice). Links leaving the package, dangling links and links to
 * directories are refused, checked for every link, needed or not.
 */
function resolveSymlinks(collected: CollectedPackage, root: string, files: Map<string, CollectedFile>): void {
  for (const [link, target] of collected.symlinks) {
    let current = link;
    let resolved = '';
    for (let hop = 0; ; hop += 1) {
      if (hop >= MAX_SYMLINK_HOPS) throw new PackageError(link, `symlink chain is longer than ${MAX_SYMLINK_HOPS} links`);
      const next = collected.symlinks.get(current) ?? target;
      resolved = posix.normalize(posix.join(posix.dirname(current), next));
      if (resolved === '..' || resolved.startsWith('../') || !`${resolved}/`.startsWith(root) || resolved === root.slice(0, -1)) {
        throw new PackageError(link, `is a symlink to ${target}, which is outside the package`);
      }
      if (!collected.symlinks.has(resolved)) break;
      current = resolved;
    }
    if (collected.directories.has(resolved))
      throw new PackageError(link, `is a symlink to the directory ${resolved}; only symlinks to files are supported`);
    const file = collected.files.get(resolved);
    if (!file) throw new PackageError(link, `is a symlink to ${target}, which is not in the package`);
    if (!link.startsWith(root)) continue;
    const needed = useOf(link);
    if (needed === 'blob' && !file.blob)
      throw new PackageError(
        link,
        `is a symlink to ${resolved}, which is not a file sandflow reads (test data, validators, submissions)`,
      );
    if (needed === 'metadata' && file.text === undefined)
      throw new PackageError(link, `is a symlink to ${resolved}, which is not a metadata file`);
    files.set(link.slice(root.length), file);
  }
}

function limitsOf(
  metadata: ProblemMetadata,
  timelimitFile: string | undefined,
  defaultTimeLimitMs: number | undefined,
): PackageLimits {
  let timeLimitMs: number;
  let timeLimitSource: PackageLimits['timeLimitSource'];
  if (metadata.timeLimitS !== null) {
    timeLimitMs = Math.round(metadata.timeLimitS * 1000);
    timeLimitSource = 'problem.yaml';
  } else if (timelimitFile !== undefined) {
    const seconds = Number(timelimitFile.trim());
    if (!/^\d+(\.\d+)?$/.test(timelimitFile.trim()) || !(seconds > 0))
      throw new PackageError('.timelimit', 'must hold a positive number of seconds');
    timeLimitMs = Math.round(seconds * 1000);
    timeLimitSource = '.timelimit';
  } else if (defaultTimeLimitMs !== undefined) {
    timeLimitMs = defaultTimeLimitMs;
    timeLimitSource = 'option';
  } else {
    throw new PackageError(
      'problem.yaml',
      'no time limit: the package gives none (limits.time_limit in 2023-07-draft, or a .timelimit file) and the upload gave none either',
    );
  }
  if (timeLimitMs < 1) throw new PackageError('problem.yaml', "'limits.time_limit' must be at least 1 ms");
  return {
    timeLimitMs,
    timeLimitSource,
    timeMultipliers: metadata.timeMultipliers,
    ...(metadata.memoryMb !== undefined ? { memoryMb: metadata.memoryMb } : {}),
    ...(metadata.outputMb !== undefined ? { outputMb: metadata.outputMb } : {}),
    ...(metadata.validationTimeS !== undefined ? { validationTimeS: metadata.validationTimeS } : {}),
    ...(metadata.validationMemoryMb !== undefined ? { validationMemoryMb: metadata.validationMemoryMb } : {}),
  };
}

/** The programs under `directory`: each file or subdirectory directly in it is one program. */
function programsUnder(files: Map<string, CollectedFile>, directory: string): PackageProgram[] {
  const programs = new Map<string, PackageFile[]>();
  for (const [path, file] of files) {
    if (!path.startsWith(`${directory}/`) || !file.blob) continue;
    const rest = path.slice(directory.length + 1);
    const name = rest.split('/')[0] ?? rest;
    const inProgram = rest.includes('/') ? rest.slice(name.length + 1) : rest;
    const list = programs.get(name) ?? [];
    list.push({ path: inProgram, ...file.blob });
    programs.set(name, list);
  }
  return [...programs.keys()]
    .sort()
    .map((name) => ({ name, files: (programs.get(name) ?? []).sort((a, b) => (a.path < b.path ? -1 : 1)) }));
}

/** Every stored file under `directory`, paths relative to it. */
function filesUnder(files: Map<string, CollectedFile>, directory: string): PackageFile[] {
  const found: PackageFile[] = [];
  for (const [path, file] of files)
    if (path.startsWith(`${directory}/`) && file.blob) found.push({ path: path.slice(directory.length + 1), ...file.blob });
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function outputValidationOf(files: Map<string, CollectedFile>, metadata: ProblemMetadata): ProblemPackage['outputValidation'] {
  let programs: PackageProgram[];
  if (metadata.formatVersion === 'legacy') {
    programs = programsUnder(files, 'output_validators');
  } else {
    // problemtools' layout puts the program in one subdirectory of output_validator/; the spec's is the directory itself.
    const inside = programsUnder(files, 'output_validator');
    const [only] = inside;
    const oneDirectory = inside.length === 1 && only !== undefined && only.files.every((file) => file.path !== only.name);
    if (oneDirectory || inside.length === 0) programs = inside;
    else programs = [{ name: 'output_validator', files: filesUnder(files, 'output_validator') }];
  }
  const kind = metadata.validation ?? (programs.length > 0 ? 'custom' : 'default');
  const where = metadata.formatVersion === 'legacy' ? 'output_validators/' : 'output_validator/';
  if (kind === 'custom' && programs.length === 0) {
    throw new PackageError(
      where,
      metadata.interactive
        ? 'an interactive problem needs a custom output validator here'
        : "problem.yaml says 'validation: custom' but there is no validator here",
    );
  }
  if (kind === 'default' && programs.length > 0)
    throw new PackageError(where, "holds a validator but problem.yaml says 'validation: default'");
  if (metadata.interactive && kind !== 'custom')
    throw new PackageError('problem.yaml', "an interactive problem needs 'validation: custom interactive'");
  if (programs.length > 1)
    throw new PackageError(
      where,
      `holds ${programs.length} validators (${programs.map((p) => p.name).join(', ')}); sandflow runs one`,
    );
  return { kind, flags: metadata.validatorFlags, programs };
}

function submissionsOf(files: Map<string, CollectedFile>): PackageSubmission[] {
  const categories = new Set<string>();
  for (const path of files.keys()) {
    const match = /^submissions\/([^/]+)\/./.exec(path);
    if (match?.[1]) categories.add(match[1]);
  }
  return [...categories]
    .sort()
    .flatMap((category) => programsUnder(files, `submissions/${category}`).map((program) => ({ category, ...program })));
}

function blobsOf(problem: ProblemPackage): BlobRef[] {
  const blobs = new Map<string, BlobRef>();
  const add = (file: PackageFile): void => {
    blobs.set(file.sha256, { sha256: file.sha256, size: file.size });
  };
  const walk = (group: TestGroup): void => {
    for (const testCase of group.cases)
      [testCase.input, testCase.answer, testCase.interaction].forEach((file) => file && add(file));
    group.groups.forEach(walk);
  };
  walk(problem.sample);
  walk(problem.secret);
  problem.sampleInteractions.forEach(add);
  for (const program of [...problem.outputValidation.programs, ...problem.submissions]) program.files.forEach(add);
  return [...blobs.values()];
}
