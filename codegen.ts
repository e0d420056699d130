import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'api/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context#ApiContext',
        mappers: {
          Submission: '../../db/submission-entity#SubmissionRecord',
          Problem: '../../db/problem-entity#ProblemRecord',
          ProblemVersion: '../../db/problem-version-entity#ProblemVersionRecord',
        },
        scalars: { DateTime: 'Date' },
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
