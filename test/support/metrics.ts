/** GETs a /metrics URL; the status and the body as text. */
export async function scrape(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; contentType: string | null }> {
  const response = await fetch(url, { headers });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
}

/** The API's /metrics URL beside its /graphql. */
export function metricsUrlOf(graphqlUrl: string): string {
  return new URL('/metrics', graphqlUrl).toString();
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * The value of the sample `name` whose labels include `labels`, summed over every match
 * (so a counter split by more labels than the test names still adds up); 0 when none matches.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(LABEL)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) total += Number(match[3]);
  }
  return total;
}

/** Whether the exposition declares a metric of this name at all. */
export function declares(text: string, name: string): boolean {
  return text.includes(`# TYPE ${name} `);
}
