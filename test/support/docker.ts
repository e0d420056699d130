import Docker from 'dockerode';

export const docker = new Docker();

/** Containers (running or not) carrying a sandflow label, optionally of one submission. */
export async function sandflowContainers(submissionId?: string): Promise<Docker.ContainerInfo[]> {
  const label = submissionId ? [`sandflow.submission=${submissionId}`] : ['sandflow=1'];
  return docker.listContainers({ all: true, filters: { label } });
}

/** Containers (running or not) of one worker's sandbox (label sandflow.worker). */
export async function workerContainers(workerId: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`sandflow.worker=${workerId}`] } });
}

/**
 * The ids of a worker's containers in which a program runs now: more processes than the
 * supervisor alone. Warm containers wait between jobs with only the supervisor in them.
 */
export async function busySandboxes(workerId: string): Promise<string[]> {
  const busy: string[] = [];
  for (const c of await workerContainers(workerId)) {
    if (c.State !== 'running') continue;
    const top = await docker
      .getContainer(c.Id)
      .top()
      .catch(() => ({ Processes: [] as string[][] }));
    if ((top.Processes ?? []).length > 1) busy.push(c.Id);
  }
  return busy;
}
