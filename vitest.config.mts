import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql, as in production: dependencies (Apollo, graphql-ws, graphql-tools) require() its
    // CommonJS build, and sources the tests transform would otherwise get its ESM build; the two
    // copies reject each other's schemas ("from another module or realm") and fail instanceof.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Integration suites start real containers on a 2-core machine: one file at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
