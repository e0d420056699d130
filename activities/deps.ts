import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { ProblemStore } from '../db/problem-store';
import type { SubmissionStore } from '../db/submission-store';
import type { RuntimeImage } from '../runtimes/images';
import type { Sandbox } from '../sandbox';
import type { TestFiles } from '../storage/cached-test-files';

/** What activities use of a language's image on this worker host (runtimes/images.ts builds it). */
export type HostImage = Pick<RuntimeImage, 'image' | 'version'>;

/** What activities need from the worker process; passed in so tests can build their own. */
export interface ActivityDeps {
  store: SubmissionStore;
  problems: ProblemStore;
  /** Problems' test files, through this worker's cache. */
  testFiles: TestFiles;
  /** Where programs run; the container engine sits behind it. */
  sandbox: Sandbox;
  config: Config;
  logger: Logger;
  /** Language id → its image on this host. */
  images: ReadonlyMap<string, HostImage>;
}
