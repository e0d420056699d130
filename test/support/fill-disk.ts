import fs from 'node:fs/promises';

/** Writes zeros to `file` until the filesystem refuses (ENOSPC), then gives `leaveBytes` back. */
export async function fillDisk(file: string, leaveBytes = 0): Promise<void> {
  const chunk = Buffer.alloc(1024 * 1024);
  const handle = await fs.open(file, 'w');
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOSPC')) throw error;
  } finally {
    await handle.close();
  }
  const { size } = await fs.stat(file);
  await fs.truncate(file, Math.max(0, size - leaveBytes));
}
