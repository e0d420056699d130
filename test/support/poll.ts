/* Waiting for real services to reach a state: poll, with a deadline that names what was awaited. */

/** Reads until `done` holds for the value read, and returns that value; throws past `timeoutMs`. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  what: string,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Waits until `predicate` holds; throws past `timeoutMs`. */
export async function waitUntil(
  predicate: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  everyMs = 100,
): Promise<void> {
  await pollUntil(predicate, (holds) => holds, timeoutMs, what, everyMs);
}
