import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_ROLES, type ConfigRole } from '../../common/config';
import { envVariablesOf, fromEnv, type EnvShape } from '../../common/env-setting';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '../..');
const PAGE = fs.readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');

/** How the page names each role of the schema. */
const ROLE_NAMES: Record<ConfigRole, string> = { shared: 'all', api: 'API', worker: 'worker' };

interface Row {
  variable: string;
  default: string;
  /** The role (server table) or the file that reads it (the other table). */
  third: string;
  meaning: string;
}

/** The rows of the table under a `## ` heading: each `| \`NAME\` | default | … | meaning |`. */
function tableUnder(heading: string): Row[] {
  const section = PAGE.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`docs/configuration.md has no section "## ${heading}"`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, ''));
      const [name = '', defaultCell = '', third = '', ...meaning] = cells;
      return { variable: name.replace(/^`|`$/g, ''), default: defaultCell, third, meaning: meaning.join(' | ') };
    });
}

/** Every variable a set of role shapes reads, with the page's name of its role. */
function variablesOf(roles: Record<ConfigRole, EnvShape>) {
  return (Object.keys(roles) as ConfigRole[]).flatMap((role) =>
    envVariablesOf(roles[role]).map((v) => ({ ...v, role: ROLE_NAMES[role] })),
  );
}

/** What the page gets wrong about these variables: missing, doubled or differing rows, and rows for no variable. */
function problems(variables: ReturnType<typeof variablesOf>, rows: Row[]): string[] {
  const found = variables.flatMap((v) => {
    const mine = rows.filter((r) => r.variable === v.variable);
    const [row] = mine;
    if (!row || mine.length > 1) return [`${v.variable}: ${mine.length} rows, not 1`];
    // No default in the schema: unset is valid, and the page says in parentheses what it means.
    const defaultOk = v.shownDefault === undefined ? /^\(.+\)$/.test(row.default) : row.default === v.shownDefault;
    return [
      ...(defaultOk ? [] : [`${v.variable}: default "${row.default}", the schema's is ${v.shownDefault ?? 'none'}`]),
      ...(row.third === v.role ? [] : [`${v.variable}: role "${row.third}", the schema's is "${v.role}"`]),
      ...(row.meaning.trim() ? [] : [`${v.variable}: no meaning`]),
    ];
  });
  const known = new Set(variables.map((v) => v.variable));
  return [
    ...found,
    ...rows.filter((r) => !known.has(r.variable)).map((r) => `${r.variable}: a row for a variable the schema does not read`),
  ];
}

describe('docs/configuration.md', () => {
  const server = tableUnder('Settings of the server');
  const variables = variablesOf(CONFIG_ROLES);

  it('lists every variable of the configuration schema once, with its default and role, and nothing else', () => {
    expect(variables.length).toBeGreaterThan(40);
    expect(problems(variables, server)).toEqual([]);
  });

  it('would catch a new variable left undocumented, a changed default and a stale row', () => {
    const added = { ...CONFIG_ROLES.api, newSetting: fromEnv('SANDFLOW_NEW_SETTING', z.string(), 'x') };
    expect(problems(variablesOf({ ...CONFIG_ROLES, api: added }), server)).toEqual(['SANDFLOW_NEW_SETTING: 0 rows, not 1']);
    const changed = { ...CONFIG_ROLES.api, port: fromEnv('PORT', z.string(), '4001') };
    expect(problems(variablesOf({ ...CONFIG_ROLES, api: changed }), server)).toEqual([
      'PORT: default "`4000`", the schema\'s is `4001`',
    ]);
    const { port: _port, ...without } = CONFIG_ROLES.api;
    expect(problems(variablesOf({ ...CONFIG_ROLES, api: without }), server)).toEqual([
      'PORT: a row for a variable the schema does not read',
    ]);
  });

  it('lists variables read elsewhere only with a file that reads them, none of them in the schema', () => {
    const elsewhere = tableUnder('Read elsewhere');
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const row of elsewhere) {
      expect(
        variables.map((v) => v.variable),
        row.variable,
      ).not.toContain(row.variable);
      const file = row.third.replace(/^`|`$/g, '');
      expect(fs.readFileSync(path.join(ROOT, file), 'utf8'), `${file} reads ${row.variable}`).toContain(row.variable);
    }
  });

  it('refuses a schema entry that reads no variable, so nothing escapes the check', () => {
    expect(() => envVariablesOf({ ...CONFIG_ROLES.api, stray: z.string() })).toThrow(/stray is neither a setting/);
  });
});
