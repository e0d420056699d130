import Docker from 'dockerode';

export const docker = new Docker();

/** Containers (running or not) carrying a sandflow label, optionally of one submission. */
export async function sandflowContainers(submissionId?: string): Promise<Docker.ContainerInfo[]> {
  const label = submissionId ? [`sandflow.submission=${submissionId}`] : ['sandflow=1'];
  return docker.listContainers({ all: true, filters: { label } });
}
