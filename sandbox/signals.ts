import { constants } from 'node:os';

const names = new Map<number, string>();
for (const [name, num] of Object.entries(constants.signals)) {
  // Aliases share numbers (SIGABRT/SIGIOT); the first, conventional name wins.
  if (!names.has(num)) names.set(num, name);
}

/** 'SIGKILL' for 9 and so on; 'SIG<n>' for numbers Node does not name. */
export function signalName(num: number): string {
  return names.get(num) ?? `SIG${num}`;
}
