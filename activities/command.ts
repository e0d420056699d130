/**
 * Expands a language's argv template: `token` is replaced by `values` spliced in place
 * (dropped when there are none); without the token, values are appended.
 */
export function expandCommand(template: readonly string[], token: string, values: readonly string[]): string[] {
  const at = template.indexOf(token);
  if (at === -1) return [...template, ...values];
  return [...template.slice(0, at), ...values, ...template.slice(at + 1)];
}
