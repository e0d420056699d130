export { runInSandbox } from './run-in-sandbox';
export { removeOrphans, type RemoveOrphansOptions } from './orphans';
export { SandboxAbortedError, SandboxInfrastructureError } from './errors';
export type { RunSandboxOptions, SandboxResult, SandboxSpec } from './types';
