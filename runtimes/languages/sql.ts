import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const sql: LanguageDefinition = {
  id: 'sql',
  name: 'SQL (SQLite)',
  packages: ['sqlite3'],
  sourceFile: 'main.sql',
  extensions: ['.sql'],
  // An in-memory database; the script runs as the shell's argument, so stdin stays the
  // program's input (`.import /dev/stdin t`). -bail: the first error ends it with exit 1.
  // The caller's args follow as further commands, which is what sqlite3 makes of them.
  run: ['sqlite3', '-batch', '-bail', ':memory:', '.read main.sql', '$ARGS'],
  version: ['sqlite3', ':memory:', "SELECT 'SQLite ' || sqlite_version();"],
  defaultLimits: BASE_LIMITS,
};
