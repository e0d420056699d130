import type http from 'node:http';
import path from 'node:path';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import { ProblemOwnershipError, type ProblemStore } from '../db/problem-store';
import { PackageError } from '../problems/package/package-error';
import { importProblemPackage } from '../problems/import-package';
import type { BlobStore } from '../storage/blob-store';
import type { CallingClient } from './auth';

/** The ids a problem may have: they appear in URLs, CLI arguments and logs. */
export const PROBLEM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const PROBLEM_ID_RULE = '1 to 64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit';

const UPLOAD_PATH = /^\/problems\/([^/]+)\/versions$/;

/** What the upload route needs. */
export interface ProblemUploadServices {
  config: Config;
  logger: Logger;
  problems: ProblemStore;
  blobs: BlobStore;
}

/** An upload refused: the HTTP status and a JSON body naming the file or parameter. */
export interface UploadRefusal {
  status: number;
  code: string;
  message: string;
  /** The package path the problem is in, when it is in one. */
  file?: string | null;
  /** The query parameter or path segment, when that is what is wrong. */
  field?: string;
}

/** Whether this request is for the upload route (so the server hands it here, body unread). */
export function isProblemUpload(pathname: string): boolean {
  return UPLOAD_PATH.test(pathname);
}

/**
 * `POST /problems/{id}/versions`: a problem package (zip or tar.gz, the ICPC / Kattis Problem
 * Package Format) as the raw request body, streamed to a spool file and into the test data
 * store, then recorded as the problem's next version (the problem is created, owned by the
 * caller, on its first upload). `?timeLimitMs=` gives the time limit when the package has none.
 * Answers 201 with the version, or a JSON error naming the package file that is wrong.
 */
export async function serveProblemUpload(
  services: ProblemUploadServices,
  client: CallingClient,
  req: http.IncomingMessage,
  url: URL,
  res: http.ServerResponse,
): Promise<void> {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const refuse = (refusal: UploadRefusal) => {
    const { status, ...error } = refusal;
    // Left flowing, not destroyed, so the client reads the answer even mid-upload.
    req.resume();
    reply(status, { error });
  };
  if (req.method !== 'POST')
    return refuse({ status: 405, code: 'METHOD_NOT_ALLOWED', message: 'use POST with the package as the body' });
  const id = decodeURIComponent(UPLOAD_PATH.exec(url.pathname)?.[1] ?? '');
  if (!PROBLEM_ID.test(id))
    return refuse({ status: 400, code: 'BAD_USER_INPUT', field: 'id', message: `id: must be ${PROBLEM_ID_RULE}` });
  const { config } = services;
  const maxBytes = config.maxPackage.uploadBytes;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return refuse(tooLarge(maxBytes));
  const timeLimit = url.searchParams.get('timeLimitMs');
  let defaultTimeLimitMs: number | undefined;
  if (timeLimit !== null) {
    defaultTimeLimitMs = Number(timeLimit);
    const max = config.maxLimits.cpuTimeMs;
    if (!/^\d+$/.test(timeLimit) || defaultTimeLimitMs < 1 || defaultTimeLimitMs > max)
      return refuse({
        status: 400,
        code: 'BAD_USER_INPUT',
        field: 'timeLimitMs',
        message: `timeLimitMs: must be a whole number of milliseconds from 1 to ${max} (got ${JSON.stringify(timeLimit)})`,
      });
  }
  const existing = await services.problems.get(id);
  if (existing && existing.clientName !== client.name)
    return refuse({
      status: 409,
      code: 'CONFLICT',
      field: 'id',
      message: `id: problem ${id} belongs to another client; choose another id`,
    });
  const log = services.logger.child({ problemId: id, client: client.name });
  try {
    const version = await importProblemPackage(
      {
        problemId: id,
        clientName: client.name,
        archive: req,
        ...(defaultTimeLimitMs !== undefined ? { defaultTimeLimitMs } : {}),
      },
      {
        store: services.blobs,
        problems: services.problems,
        spoolDirectory: path.join(config.dataDir, 'uploads'),
        maxUploadBytes: maxBytes,
        packageLimits: {
          maxFiles: config.maxPackage.files,
          maxBytes: config.maxPackage.unpackedBytes,
          maxCompressionRatio: config.maxPackage.compressionRatio,
        },
        maxLimits: config.maxLimits,
      },
    );
    log.info({ version: version.version, cases: version.caseCount, bytes: version.dataBytes }, 'problem version stored');
    reply(201, {
      id,
      version: version.version,
      caseCount: version.caseCount,
      dataBytes: version.dataBytes,
      timeLimitMs: version.definition.limits.timeLimitMs,
    });
  } catch (error) {
    if (error instanceof PackageError) {
      log.info({ file: error.file, problem: error.problem }, 'problem package refused');
      const over = error.file === null && /larger than \d+ bytes/.test(error.problem);
      return refuse(over ? tooLarge(maxBytes) : { status: 400, code: 'BAD_PACKAGE', file: error.file, message: error.message });
    }
    if (error instanceof ProblemOwnershipError)
      return refuse({ status: 409, code: 'CONFLICT', field: 'id', message: `id: ${error.message}; choose another id` });
    throw error;
  }
}

function tooLarge(maxBytes: number): UploadRefusal {
  return {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: `package: must be at most ${maxBytes} bytes (SANDFLOW_MAX_PACKAGE_MB=${maxBytes / 1024 / 1024})`,
  };
}
