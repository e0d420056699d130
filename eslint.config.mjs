// Type-aware lint of everything tsconfig.json type-checks; scripts/test.sh runs it (`npx eslint .`).
import tseslint from 'typescript-eslint';

/** What workflow code may import: the workflow SDK, its own folder, and modules with no side effects. */
const WORKFLOW_IMPORTS =
  '^(?!@temporalio/(workflow|common)$|\\./|\\.\\./common/(failure-reason|failure-types|in-pool|limits|search-attributes|submission)$|\\.\\./activities/)';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.sandflow/**', 'api/generated/**', '**/*.mjs', '**/*.mts'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its error and its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Deprecated APIs go away in a later SDK (e.g. the record form of upsertSearchAttributes).
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Workflow code is replayed: it may not reach the outside world, only the SDK and pure modules.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: WORKFLOW_IMPORTS,
              message: 'workflows import only @temporalio/workflow, @temporalio/common and pure modules of common/',
            },
            {
              regex: '^\\.\\./activities/',
              allowTypeImports: true,
              message: 'workflows import activity types only (import type)',
            },
          ],
        },
      ],
    },
  },
);
