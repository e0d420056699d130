export { DockerSandbox, type DockerSandboxOptions, type SandboxMode } from './docker-sandbox';
export { removeOrphans, type RemoveOrphansOptions } from './orphans';
export { SandboxAbortedError, SandboxInfrastructureError } from './errors';
export type { RunSandboxOptions, Sandbox, SandboxFile, SandboxResult, SandboxSpec } from './types';
