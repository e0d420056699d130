import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const r: LanguageDefinition = {
  id: 'r',
  name: 'R',
  packages: ['r-base-core'],
  sourceFile: 'main.R',
  extensions: ['.r'],
  run: ['Rscript', 'main.R', '$ARGS'],
  version: ['Rscript', '--version'],
  // One thread for BLAS and OpenMP: the sandbox has one CPU and threads count as processes.
  env: { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  defaultLimits: BASE_LIMITS,
};
