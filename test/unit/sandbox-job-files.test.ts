import { describe, expect, it } from 'vitest';
import { artifactsOf, jobFilesOf } from '../../sandbox/job-files';

const bytes = (text: string): Buffer => Buffer.from(text);

describe('jobFilesOf', () => {
  it('hands files in by value, 0o644 unless given, one per path with the later one winning', () => {
    const files = jobFilesOf([
      { path: 'main.c', content: bytes('old') },
      { path: 'lib/util.h', content: bytes('h'), mode: 0o4755 },
      { path: 'main.c', content: bytes('new') },
    ]);
    expect(files).toEqual([
      { path: 'lib/util.h', mode: 0o755, content: bytes('h') },
      { path: 'main.c', mode: 0o644, content: bytes('new') },
    ]);
  });

  it.each(['', '/etc/passwd', '../escape', 'a/../../b', 'a//b', './a', 'a/', 'nul\0byte'])('refuses the path %j', (path) => {
    expect(() => jobFilesOf([{ path, content: bytes('x') }])).toThrow(/not a plain relative path/);
  });
});

describe('artifactsOf', () => {
  it("keeps a compiler's outputs with their modes, minus the group's and others' write bits", () => {
    expect(
      artifactsOf([
        { path: 'main', mode: 0o777, content: bytes('ELF') },
        { path: 'Main$1.class', mode: 0o400, content: bytes('CAFE') },
      ]),
    ).toEqual([
      { path: 'main', mode: 0o755, content: bytes('ELF') },
      { path: 'Main$1.class', mode: 0o600, content: bytes('CAFE') },
    ]);
  });

  it.each(['dir/main', '.hidden', '..', '', 'a'.repeat(256), 'sp ace'])(
    'refuses the artifact name %j the sandbox sent',
    (path) => {
      expect(() => artifactsOf([{ path, mode: 0o644, content: bytes('x') }])).toThrow(/refused name/);
    },
  );
});
