import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

/**
 * Debian bookworm ships Mono 6.8, whose mcs understands C# 7 (not 8 or later: no nullable
 * reference types, switch expressions, records) and the .NET Framework 4.x class library.
 */
export const csharp: LanguageDefinition = {
  id: 'csharp',
  name: 'C# (Mono)',
  packages: ['mono-mcs', 'mono-runtime'],
  sourceFile: 'main.cs',
  extensions: ['.cs'],
  compile: ['mcs', '-optimize+', '-out:main.exe', '$OPTIONS', 'main.cs'],
  // No -r/-reference, -pkg, -lib, -addmodule, -resource, @responsefile: they load assemblies or read files the caller names.
  compilerOptions: [
    allow('-optimize[+|-], -checked[+|-], -unsafe[+|-], -debug[+|-]', '-(?:optimize|checked|unsafe|debug)[+-]?'),
    allow('-warn:0..4, -warnaserror[+|-]', '-warn:[0-4]|-warnaserror[+-]?'),
    allow('-define:<NAME>[;<NAME>...]', '-(?:define|d):[A-Za-z_][A-Za-z0-9_]*(?:;[A-Za-z_][A-Za-z0-9_]*)*'),
    allow(
      '-langversion:<ISO-1..7.2, Default, Latest, Experimental>',
      '-langversion:(?:ISO-[12]|[3-6]|7(?:\\.[1-3])?|Default|Latest|Experimental)',
    ),
  ],
  artifacts: ['main.exe'],
  run: ['mono', 'main.exe', '$ARGS'],
  version: ['mcs', '--version'],
  // Mono runs a handful of threads (finalizer, timers, thread pool) and its JIT and GC want more room than a native program.
  defaultLimits: { ...BASE_LIMITS, memoryMb: 512, processes: 64 },
};
