import type { LanguageDefinition } from '../language';
import { allow, GCC_COMMON } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

export const fortran: LanguageDefinition = {
  id: 'fortran',
  name: 'Fortran (GFortran)',
  packages: ['gfortran', 'libc6-dev'],
  sourceFile: 'main.f90',
  extensions: ['.f90', '.f95', '.f03', '.f08', '.f', '.for'],
  compile: ['gfortran', '-O2', '-pipe', '-o', 'main', '$OPTIONS', 'main.f90'],
  compilerOptions: [
    ...GCC_COMMON,
    allow('-std=<f95|f2003|f2008|f2018|gnu|legacy>', '-std=(?:f95|f2003|f2008|f2018|gnu|legacy)'),
    allow(
      '-fcheck=<all|bounds|do|mem|pointer|recursion>, -fimplicit-none, -ffree-form, -ffixed-form',
      '-fcheck=(?:all|bounds|do|mem|pointer|recursion)|-fimplicit-none|-ff(?:ree|ixed)-form',
    ),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['gfortran', '--version'],
  defaultLimits: BASE_LIMITS,
};
