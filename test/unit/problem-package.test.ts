import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackageError } from '../../problems/package/package-error';
import { readProblemPackage, type ReadPackageOptions } from '../../problems/package/read-package';
import { spoolUpload } from '../../problems/package/spool-upload';
import { DirectoryBlobStore } from '../../storage/directory-blob-store';
import { writeTarGz, writeZip, type ArchiveEntry } from '../support/package-archives';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A small legacy pass-fail package with a custom validator and judge submissions. */
const LEGACY: Record<string, string> = {
  'problem.yaml':
    'name: Sum\nvalidation: custom\nvalidator_flags: float_tolerance 1e-6\nlimits:\n  memory: 256\n  time_multiplier: 3\n',
  'data/sample/1.in': '1 2\n',
  'data/sample/1.ans': '3\n',
  'data/secret/01.in': '2 2\n',
  'data/secret/01.ans': '4\n',
  'data/secret/02.in': '1 2\n', // the same bytes as the sample's input: stored once
  'data/secret/02.ans': '3\n',
  'output_validators/check/check.py': 'print(42)\n',
  'submissions/accepted/sum.py': 'print(sum(map(int, input().split())))\n',
  'submissions/wrong_answer/zero.py': 'print(0)\n',
  'problem_statement/problem.en.tex': '\\problemname{Sum}\n',
  '.gitignore': '*.o\n',
};

let work: string;
let options: ReadPackageOptions;
beforeEach(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sandflow-package-'));
  options = { store: await DirectoryBlobStore.open(path.join(work, 'blobs')), defaultTimeLimitMs: 1500 };
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

const zipOf = (files: Record<string, string>, prefix = '', extra: ArchiveEntry[] = []): string => {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.zip`);
  writeZip(file, [...Object.entries(files).map(([name, data]) => ({ name: prefix + name, data })), ...extra]);
  return file;
};
const readZip = (file: string, overrides: Partial<ReadPackageOptions> = {}) =>
  readProblemPackage({ kind: 'zip', path: file }, { ...options, ...overrides });
const refusal = async (promise: Promise<unknown>): Promise<string> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PackageError);
  return String((error as Error).message);
};

describe('readProblemPackage: well-formed packages', () => {
  it('reads a legacy zip (in a top-level directory) into the model, with every needed file in the store', async () => {
    const { problem, blobs } = await readZip(zipOf(LEGACY, 'sum/'));
    expect(problem).toMatchObject({
      formatVersion: 'legacy',
      name: { en: 'Sum' },
      type: 'pass-fail',
      interactive: false,
      limits: {
        timeLimitMs: 1500,
        timeLimitSource: 'option',
        memoryMb: 256,
        timeMultipliers: { acToTimeLimit: 3, timeLimitToTle: 2 },
      },
      outputValidation: {
        kind: 'custom',
        flags: ['float_tolerance', '1e-6'],
        programs: [{ name: 'check', files: [{ path: 'check.py' }] }],
      },
    });
    expect(problem.sample.cases.map((c) => c.name)).toEqual(['sample/1']);
    expect(problem.secret.cases.map((c) => [c.name, c.input.sha256, c.answer.sha256])).toEqual([
      ['secret/01', sha256('2 2\n'), sha256('4\n')],
      ['secret/02', sha256('1 2\n'), sha256('3\n')],
    ]);
    expect(problem.secret).toMatchObject({ stopOnFirstFailure: true, aggregation: 'all-or-nothing', maxScore: null });
    expect(problem.submissions.map((s) => `${s.category}/${s.name}`)).toEqual(['accepted/sum.py', 'wrong_answer/zero.py']);
    // 4 distinct test files (the shared input and answer once each), validator, 2 submissions.
    expect(blobs).toHaveLength(7);
    for (const blob of blobs) expect(await options.store.stat(blob.sha256)).toEqual(blob);
    const statement = sha256('\\problemname{Sum}\n');
    expect(await options.store.has(statement)).toBe(false);
  });

  it('reads the same package identically from a zip at the root, a tar.gz and a directory', async () => {
    const fromZip = await readZip(zipOf(LEGACY));
    const tarFile = path.join(work, 'sum.tar.gz');
    await writeTarGz(
      tarFile,
      Object.entries(LEGACY).map(([name, data]) => ({ name: `./${name}`, data })),
    );
    const fromTar = await readProblemPackage({ kind: 'tar.gz', path: tarFile }, options);
    const directory = path.join(work, 'sum');
    for (const [name, data] of Object.entries(LEGACY)) {
      fs.mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
      fs.writeFileSync(path.join(directory, name), data);
    }
    const fromDirectory = await readProblemPackage({ kind: 'directory', path: directory }, options);
    expect(fromTar).toEqual(fromZip);
    expect(fromDirectory).toEqual(fromZip);
  });

  it('reads 2023-07 scoring groups: explicit and inferred scores, aggregation, require_pass, the time limit from problem.yaml', async () => {
    const { problem } = await readZip(
      zipOf({
        'problem.yaml':
          'problem_format_version: 2023-07-draft\nname: {en: Groups, sv: Grupper}\nuuid: 5ca6ba5b-36d5-4eff-8aa7-d967cbc4375e\ntype: scoring\nlimits:\n  time_limit: 2.5\n',
        'data/secret/g1/testdata.yaml': 'scoring:\n  score: 30\n',
        'data/secret/g1/a.in': 'a\n',
        'data/secret/g1/a.ans': 'a\n',
        'data/secret/g2/testdata.yaml': 'scoring:\n  aggregation: sum\n  require_pass: secret/g1\n',
        'data/secret/g2/a.in': 'b\n',
        'data/secret/g2/a.ans': 'b\n',
        'data/secret/g2/b.in': 'c\n',
        'data/secret/g2/b.ans': 'c\n',
      }),
      { defaultTimeLimitMs: undefined },
    );
    expect(problem.limits).toMatchObject({ timeLimitMs: 2500, timeLimitSource: 'problem.yaml' });
    expect(problem.name).toEqual({ en: 'Groups', sv: 'Grupper' });
    expect(problem.secret).toMatchObject({ aggregation: 'sum', maxScore: 100, stopOnFirstFailure: false });
    const [g1, g2] = problem.secret.groups;
    expect(g1).toMatchObject({ name: 'secret/g1', aggregation: 'all-or-nothing', maxScore: 30, stopOnFirstFailure: true });
    expect(g2).toMatchObject({
      name: 'secret/g2',
      aggregation: 'sum',
      maxScore: 70,
      requirePass: ['secret/g1'],
      stopOnFirstFailure: false,
    });
    expect(g2?.cases.map((c) => c.points)).toEqual([35, 35]);
  });

  it('reads legacy testdata.yaml grading (inherited), and an in-package symlink as the same blob', async () => {
    const zip = zipOf(
      {
        'problem.yaml': 'type: scoring\nname: Echo\n',
        'data/secret/testdata.yaml': 'on_reject: continue\nrange: 0 100\n',
        'data/secret/s1/testdata.yaml': 'on_reject: break\naccept_score: 40\ngrader_flags: min\n',
        'data/secret/s1/1.in': 'x\n',
        'data/secret/s1/1.ans': 'x\n',
        'data/secret/s2/testdata.yaml': 'accept_score: 30\ngrader_flags: min\n',
        'data/secret/s2/2.in': 'y\n',
        'data/secret/s2/2.ans': 'y\n',
        'data/secret/s2/1.ans': 'x\n',
      },
      '',
      [{ name: 'data/secret/s2/1.in', data: '../s1/1.in', mode: 0o120777 }],
    );
    const { problem } = await readZip(zip);
    const [s1, s2] = problem.secret.groups;
    expect(s1).toMatchObject({ aggregation: 'min', maxScore: 40, stopOnFirstFailure: true });
    expect(s2).toMatchObject({ aggregation: 'min', maxScore: 30, stopOnFirstFailure: false }); // on_reject inherited from secret
    expect(s2?.cases[0]?.input.sha256).toBe(s1?.cases[0]?.input.sha256);
    expect(problem.secret).toMatchObject({ aggregation: 'sum', maxScore: 70 });
  });

  it('takes the time limit from a .timelimit file, and refuses a package without one when no default is given', async () => {
    const { problem } = await readZip(zipOf({ ...LEGACY, '.timelimit': '3\n' }), { defaultTimeLimitMs: 1000 });
    expect(problem.limits).toMatchObject({ timeLimitMs: 3000, timeLimitSource: '.timelimit' });
    expect(await refusal(readZip(zipOf(LEGACY), { defaultTimeLimitMs: undefined }))).toMatch(
      /^problem\.yaml: no time limit: the package gives none/,
    );
  });
});

describe('readProblemPackage: hostile packages are refused, naming the file', () => {
  it('an .in without its .ans', async () => {
    const files = { ...LEGACY };
    delete files['data/secret/02.ans'];
    expect(await refusal(readZip(zipOf(files)))).toBe('data/secret/02.in: has no answer file data/secret/02.ans');
  });

  it('an unknown problem.yaml key inside a known map, and an unknown top-level key (the spec: an error)', async () => {
    const inLimits = { ...LEGACY, 'problem.yaml': 'name: Sum\nlimits:\n  time_multiplierz: 3\n' };
    expect(await refusal(readZip(zipOf(inLimits)))).toBe("problem.yaml: unknown key 'limits.time_multiplierz'");
    const topLevel = { ...LEGACY, 'problem.yaml': 'name: Sum\nvalidation: custom\ncolour: blue\n' };
    expect(await refusal(readZip(zipOf(topLevel)))).toBe("problem.yaml: unknown key 'colour'");
    const draftOnly = { ...LEGACY, 'problem.yaml': 'name: Sum\nvalidation: custom\nlimits:\n  time_limit: 2\n' };
    expect(await refusal(readZip(zipOf(draftOnly)))).toBe("problem.yaml: unknown key 'limits.time_limit'");
  });

  it('an unknown testdata.yaml key', async () => {
    expect(await refusal(readZip(zipOf({ ...LEGACY, 'data/secret/testdata.yaml': 'on_reject: break\nstop: yes\n' })))).toBe(
      "data/secret/testdata.yaml: unknown key 'stop'",
    );
  });

  it("a path with '..'", async () => {
    expect(await refusal(readZip(zipOf(LEGACY, '', [{ name: 'data/../../evil.in', data: 'x' }])))).toBe(
      "data/../../evil.in: '..' is not allowed in a package path",
    );
  });

  it('an absolute path, in a zip and in a tar', async () => {
    expect(await refusal(readZip(zipOf(LEGACY, '', [{ name: '/etc/cron.d/evil', data: 'x' }])))).toBe(
      '/etc/cron.d/evil: absolute paths are not allowed in a package',
    );
    const tarFile = path.join(work, 'abs.tar.gz');
    await writeTarGz(tarFile, [
      { name: 'problem.yaml', data: 'name: x\n' },
      { name: 'C:/Windows/evil', data: 'x' },
    ]);
    expect(await refusal(readProblemPackage({ kind: 'tar.gz', path: tarFile }, options))).toBe(
      'C:/Windows/evil: absolute paths are not allowed in a package',
    );
  });

  it('a symlink leaving the package or to an absolute path (zip, tar and directory)', async () => {
    const out: ArchiveEntry = { name: 'data/secret/03.in', data: '../../../../etc/passwd', mode: 0o120777 };
    expect(await refusal(readZip(zipOf(LEGACY, '', [out])))).toBe(
      'data/secret/03.in: is a symlink to ../../../../etc/passwd, which is outside the package',
    );
    // Inside a top-level directory, a link to a sibling of that directory also leaves the package.
    const sibling: ArchiveEntry = { name: 'sum/data/secret/03.in', data: '../../../problem.yaml', mode: 0o120777 };
    expect(await refusal(readZip(zipOf(LEGACY, 'sum/', [sibling])))).toBe(
      'sum/data/secret/03.in: is a symlink to ../../../problem.yaml, which is outside the package',
    );
    const tarFile = path.join(work, 'link.tar.gz');
    await writeTarGz(tarFile, [
      { name: 'problem.yaml', data: 'name: x\n' },
      { name: 'data/secret/1.in', type: 'symlink', linkname: '/etc/passwd' },
    ]);
    expect(await refusal(readProblemPackage({ kind: 'tar.gz', path: tarFile }, options))).toBe(
      'data/secret/1.in: is a symlink to the absolute path /etc/passwd; symlinks must be relative and stay inside the package',
    );
    const directory = path.join(work, 'linked');
    fs.mkdirSync(path.join(directory, 'data', 'secret'), { recursive: true });
    fs.writeFileSync(path.join(directory, 'problem.yaml'), 'name: x\n');
    fs.symlinkSync('../../../outside.in', path.join(directory, 'data', 'secret', '1.in'));
    expect(await refusal(readProblemPackage({ kind: 'directory', path: directory }, options))).toBe(
      'data/secret/1.in: is a symlink to ../../../outside.in, which is outside the package',
    );
  });

  it('a hard link entry', async () => {
    const tarFile = path.join(work, 'hard.tar.gz');
    await writeTarGz(tarFile, [
      { name: 'problem.yaml', data: 'name: x\n' },
      { name: 'data/secret/1.in', type: 'link', linkname: 'problem.yaml' },
    ]);
    expect(await refusal(readProblemPackage({ kind: 'tar.gz', path: tarFile }, options))).toBe(
      'data/secret/1.in: is a hard link (to problem.yaml); hard links are not allowed in a package',
    );
  });

  it('a device or a fifo (tar, zip and directory)', async () => {
    const tarFile = path.join(work, 'device.tar.gz');
    await writeTarGz(tarFile, [
      { name: 'problem.yaml', data: 'name: x\n' },
      { name: 'data/secret/1.in', type: 'character-device' },
    ]);
    expect(await refusal(readProblemPackage({ kind: 'tar.gz', path: tarFile }, options))).toBe(
      'data/secret/1.in: is a character device; a package holds only files, directories and symlinks',
    );
    expect(await refusal(readZip(zipOf(LEGACY, '', [{ name: 'data/secret/03.in', mode: 0o010644 }])))).toBe(
      'data/secret/03.in: is a fifo; a package holds only files, directories and symlinks',
    );
    const directory = path.join(work, 'fifo');
    fs.mkdirSync(path.join(directory, 'data', 'secret'), { recursive: true });
    fs.writeFileSync(path.join(directory, 'problem.yaml'), 'name: x\n');
    execFileSync('mkfifo', [path.join(directory, 'data', 'secret', '1.in')]);
    expect(await refusal(readProblemPackage({ kind: 'directory', path: directory }, options))).toBe(
      'data/secret/1.in: is a fifo; a package holds only files, directories and symlinks',
    );
  });

  it('more files than maxFiles', async () => {
    expect(await refusal(readZip(zipOf(LEGACY), { maxFiles: 5 }))).toBe(
      `package: the package has ${Object.keys(LEGACY).length} files, more than the limit of 5`,
    );
    const tarFile = path.join(work, 'many.tar.gz');
    await writeTarGz(
      tarFile,
      Object.entries(LEGACY).map(([name, data]) => ({ name, data })),
    );
    expect(await refusal(readProblemPackage({ kind: 'tar.gz', path: tarFile }, { ...options, maxFiles: 5 }))).toMatch(
      /: the package has more than 5 files \(the limit\)$/,
    );
  });

  it('more bytes than maxBytes, counted as they inflate', async () => {
    const big = { ...LEGACY, 'data/secret/03.in': 'x'.repeat(200_000), 'data/secret/03.ans': 'y\n' };
    expect(await refusal(readZip(zipOf(big), { maxBytes: 100_000 }))).toBe(
      'data/secret/03.in: the package holds more than 100000 bytes uncompressed (the limit)',
    );
  });

  it('a zip bomb: the compression ratio is checked while inflating, in a zip and a tar.gz', async () => {
    const bomb = { ...LEGACY, 'data/secret/03.in': '\0'.repeat(8 * 1024 * 1024), 'data/secret/03.ans': 'y\n' };
    const limits = { maxCompressionRatio: 50, compressionRatioGraceBytes: 1024 * 1024 };
    expect(await refusal(readZip(zipOf(bomb), limits))).toMatch(
      /^data\/secret\/03\.in: the package inflates more than 50:1 \(\d+ bytes from \d+\): refused as a zip bomb$/,
    );
    const tarFile = path.join(work, 'bomb.tar.gz');
    await writeTarGz(
      tarFile,
      Object.entries(bomb).map(([name, data]) => ({ name, data })),
    );
    expect(await refusal(readProblemPackage({ kind: 'tar.gz', path: tarFile }, { ...options, ...limits }))).toMatch(
      /refused as a zip bomb$/,
    );
  });

  it('a zip entry whose header claims fewer bytes than it inflates to', async () => {
    const liar: ArchiveEntry = { name: 'data/secret/03.in', data: 'z'.repeat(100_000), claimedSize: 10 };
    expect(await refusal(readZip(zipOf({ ...LEGACY, 'data/secret/03.ans': 'y\n' }, '', [liar])))).toMatch(
      /^data\/secret\/03\.in: corrupt zip entry: too many bytes/,
    );
    expect(deflateRawSync('z'.repeat(100_000)).length).toBeLessThan(1000); // it really is a tiny entry
  });

  it('duplicate names', async () => {
    expect(await refusal(readZip(zipOf(LEGACY, '', [{ name: 'data/secret/01.in', data: 'other\n' }])))).toBe(
      'data/secret/01.in: appears twice in the package',
    );
  });

  it('names that differ only by case, for files and for directories', async () => {
    expect(await refusal(readZip(zipOf(LEGACY, '', [{ name: 'data/secret/01.IN', data: 'x' }])))).toBe(
      'data/secret/01.IN: the name differs only by case (or Unicode normalisation) from data/secret/01.in',
    );
    expect(await refusal(readZip(zipOf(LEGACY, '', [{ name: 'data/Secret/05.in', data: 'x' }])))).toBe(
      'data/Secret: the name differs only by case (or Unicode normalisation) from data/secret',
    );
  });

  it('names that are not UTF-8 (zip and directory)', async () => {
    const name = Buffer.concat([Buffer.from('data/secret/'), Buffer.from([0xff, 0xfe]), Buffer.from('.in')]);
    expect(await refusal(readZip(zipOf(LEGACY, '', [{ name, data: 'x' }])))).toBe(
      '0x646174612f7365637265742ffffe2e696e: the name is not valid UTF-8',
    );
    const directory = path.join(work, 'latin1');
    fs.mkdirSync(path.join(directory, 'data'), { recursive: true });
    fs.writeFileSync(path.join(directory, 'problem.yaml'), 'name: x\n');
    fs.writeFileSync(Buffer.concat([Buffer.from(`${directory}/data/`), Buffer.from([0xe9]), Buffer.from('.in')]), 'x');
    expect(await refusal(readProblemPackage({ kind: 'directory', path: directory }, options))).toBe(
      '0x646174612fe92e696e: the name is not valid UTF-8',
    );
  });

  it('a problem.yaml that is missing, not YAML, or of an unsupported format version', async () => {
    const without = { ...LEGACY };
    delete without['problem.yaml'];
    expect(await refusal(readZip(zipOf(without)))).toBe(
      'problem.yaml: not found at the top of the package, nor in its only top-level directory',
    );
    expect(await refusal(readZip(zipOf({ ...LEGACY, 'problem.yaml': 'name: [unclosed\n' })))).toMatch(
      /^problem\.yaml: not valid YAML: /,
    );
    expect(await refusal(readZip(zipOf({ ...LEGACY, 'problem.yaml': 'problem_format_version: 2099-01\nname: x\n' })))).toBe(
      'problem.yaml: problem_format_version "2099-01" is not supported (supported: legacy, legacy-icpc, 2023-07-draft)',
    );
  });
});

describe('spoolUpload', () => {
  it('writes an upload to a temp file a zip can be read from, and refuses one over the cap leaving no file', async () => {
    const zip = zipOf(LEGACY);
    const spooled = await spoolUpload(fs.createReadStream(zip), { directory: path.join(work, 'uploads'), maxBytes: 1024 * 1024 });
    expect(fs.readFileSync(spooled)).toEqual(fs.readFileSync(zip));
    expect((await readZip(spooled)).problem.name).toEqual({ en: 'Sum' });
    fs.rmSync(spooled);
    expect(await refusal(spoolUpload(fs.createReadStream(zip), { directory: path.join(work, 'uploads'), maxBytes: 100 }))).toBe(
      'package: the upload is larger than 100 bytes (the limit)',
    );
    expect(fs.readdirSync(path.join(work, 'uploads'))).toEqual([]);
  });
});
