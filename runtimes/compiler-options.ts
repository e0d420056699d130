/**
 * Allowlists of harmless compiler options. Compilers read far more than flags: gcc's
 * `-specs=`, `-wrapper`, `-fplugin=` and `-B`, rustc's `-C linker=`, javac's `-J` and
 * `-processorpath`, go's `-toolexec` each run a program the caller chose. So nothing passes
 * unless a language lists it, and each entry matches the whole argv element, never a prefix.
 */

/** One allowed option. */
export interface CompilerOptionRule {
  /** How a refusal lists it, e.g. `-O0..-O3`, `--target <es version>`. */
  readonly shows: string;
  /** The whole argv element; anchored at both ends. */
  readonly option: RegExp;
  /**
   * Set for options whose value is the next argv element (`--target es2020`): that element
   * must match this whole, and is consumed with the option.
   */
  readonly value?: RegExp;
}

export type CompilerOptionAllowlist = readonly CompilerOptionRule[];

/** A rule from an unanchored pattern source; `value` likewise. */
export function allow(shows: string, option: string, value?: string): CompilerOptionRule {
  const whole = (source: string) => new RegExp(`^(?:${source})$`);
  return value === undefined ? { shows, option: whole(option) } : { shows, option: whole(option), value: whole(value) };
}

/** `-DNAME` / `-DNAME=value` and `-UNAME`: a macro name, and a value of plain characters only. */
export const C_DEFINES: CompilerOptionAllowlist = [
  allow('-D<NAME>[=<value of letters, digits, _.+->]', '-D[A-Za-z_][A-Za-z0-9_]*(?:=[A-Za-z0-9_.+-]*)?'),
  allow('-U<NAME>', '-U[A-Za-z_][A-Za-z0-9_]*'),
];

/**
 * What gcc and g++ share: optimisation, debug info, warnings, defines, a few code-generation
 * switches. `-W` needs two letters after it so that `-Wl,` `-Wa,` `-Wp,` (pass-through to
 * the linker, assembler, preprocessor) never match; `,` is outside the allowed characters.
 */
export const GCC_COMMON: CompilerOptionAllowlist = [
  allow('-O0..-O3, -Os, -Og, -Ofast', '-O[0-3sg]?|-Ofast'),
  allow('-g, -g0..-g3', '-g[0-3]?'),
  allow('-w, -W<warning>[=<level>], -Wno-<warning>, -Werror[=<warning>]', '-w|-W[a-z][a-z0-9-]+(?:=[a-z0-9-]+)?'),
  allow('-pedantic, -pedantic-errors', '-pedantic(?:-errors)?'),
  ...C_DEFINES,
  allow(
    '-f[no-]{wrapv, trapv, strict-aliasing, omit-frame-pointer, unroll-loops, inline-functions, fast-math, stack-protector[-strong|-all], signed-char, unsigned-char, pic, PIC, pie, PIE}',
    '-f(?:no-)?(?:wrapv|trapv|strict-aliasing|omit-frame-pointer|unroll-loops|inline-functions|fast-math|stack-protector(?:-strong|-all)?|signed-char|unsigned-char|pic|PIC|pie|PIE)',
  ),
  allow('-march=<cpu>, -mtune=<cpu>', '-m(?:arch|tune)=[a-z0-9_-]+'),
  allow('-static, -pthread, -lm, -lpthread', '-static|-pthread|-lm|-lpthread'),
];

/** Where a list of options breaks the allowlist. */
export interface CompilerOptionRefusal {
  /** Index of the offending argv element. */
  readonly index: number;
  /**
   * `option`: no rule allows the element. `missing-value`: it is the last element but its
   * rule wants a value after it. `value`: it is the value of the option before it, and not allowed.
   */
  readonly problem: 'option' | 'missing-value' | 'value';
  /** The rule of the option whose value is missing or wrong. */
  readonly rule?: CompilerOptionRule;
}

/** The first element the allowlist refuses, or undefined when all pass. */
export function refusedCompilerOption(
  allowlist: CompilerOptionAllowlist,
  options: readonly string[],
): CompilerOptionRefusal | undefined {
  for (let i = 0; i < options.length; i++) {
    const rule = allowlist.find((r) => r.option.test(options[i] ?? ''));
    if (!rule) return { index: i, problem: 'option' };
    if (!rule.value) continue;
    if (i + 1 === options.length) return { index: i, problem: 'missing-value', rule };
    i++;
    if (!rule.value.test(options[i] ?? '')) return { index: i, problem: 'value', rule };
  }
  return undefined;
}

/** The allowlist as a refusal states it. */
export function describeAllowlist(allowlist: CompilerOptionAllowlist): string {
  return allowlist.length === 0 ? 'none' : allowlist.map((r) => r.shows).join('; ');
}
