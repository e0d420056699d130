import { describe, expect, it } from 'vitest';
import { acceptedIds, servedLanguage, servedLanguages } from '../../runtimes/served-languages';
import { loadConfig } from '../../common/config';
import { aliasesOf, expandLanguageIds, familyOf, resolveLanguage } from '../../runtimes/language-ids';

const defs = [{ id: 'python' }, { id: 'go@1.27', family: 'go' }, { id: 'go@1.19', family: 'go' }];

describe('language ids and versions', () => {
  it('resolves an exact id, or a plain family id to the first (newest) version listed', () => {
    expect(resolveLanguage(defs, 'go@1.19')?.id).toBe('go@1.19');
    expect(resolveLanguage(defs, 'go')?.id).toBe('go@1.27');
    expect(resolveLanguage(defs, 'python')?.id).toBe('python');
    expect(resolveLanguage(defs, 'go@1.18')).toBeUndefined();
    expect(resolveLanguage(defs, 'go@')).toBeUndefined();
  });

  it('gives the default version its family id as alias, and the others none', () => {
    expect(defs.map((d) => aliasesOf(defs, d))).toEqual([[], ['go'], []]);
    expect(defs.map(familyOf)).toEqual(['python', 'go', 'go']);
    // Served alone, the older version is the deployment's default.
    const old = defs.slice(2);
    expect(aliasesOf(old, defs[2] ?? { id: '' })).toEqual(['go']);
    expect(resolveLanguage(old, 'go')?.id).toBe('go@1.19');
  });

  it('expands a family id to every version and keeps versioned and unknown ids as given', () => {
    expect(expandLanguageIds(['go'], defs)).toEqual(['go@1.27', 'go@1.19']);
    expect(expandLanguageIds(['go@1.19', 'python'], defs)).toEqual(['go@1.19', 'python']);
    expect(expandLanguageIds(['go', 'go@1.19', 'cobal'], defs)).toEqual(['go@1.27', 'go@1.19', 'cobal']);
  });

  it('SANDFLOW_LANGUAGES: a plain id serves all its versions, a versioned id only that one', () => {
    const all = servedLanguages(loadConfig({ SANDFLOW_LANGUAGES: 'python,go' }));
    expect(all.map((l) => l.id)).toEqual(['python', 'go@1.27', 'go@1.19']);
    expect(acceptedIds(all)).toEqual(['python', 'go', 'go@1.27', 'go@1.19']);
    expect(servedLanguage(all, 'go')?.id).toBe('go@1.27');
    const one = servedLanguages(loadConfig({ SANDFLOW_LANGUAGES: 'go@1.19' }));
    expect(one.map((l) => l.id)).toEqual(['go@1.19']);
    expect(servedLanguage(one, 'go')?.id).toBe('go@1.19');
  });

  it('SANDFLOW_LANGUAGES: an unknown id is a configuration error naming the variable, the id and the known ones', () => {
    // The configuration keeps the ids as given (it knows no language recipe); resolving them refuses.
    expect(loadConfig({ SANDFLOW_LANGUAGES: 'python,cobal' }).languages).toEqual(['python', 'cobal']);
    expect(() => servedLanguages(loadConfig({ SANDFLOW_LANGUAGES: 'python,cobal' }))).toThrow(
      /^invalid configuration: SANDFLOW_LANGUAGES names unknown languages: cobal; known: .*python/,
    );
    expect(() => servedLanguages(loadConfig({ SANDFLOW_LANGUAGES: 'go@1.18' }))).toThrow(/unknown languages: go@1\.18;/);
  });

  it('SANDFLOW_BASE_IMAGE: read with the rest of the configuration, the debootstrapped image by default', () => {
    expect(loadConfig({}).baseImage).toBe('sandflow/debian:bookworm');
    expect(loadConfig({ SANDFLOW_BASE_IMAGE: 'example/debian:12' }).baseImage).toBe('example/debian:12');
    expect(() => loadConfig({ SANDFLOW_BASE_IMAGE: '' })).toThrow(/SANDFLOW_BASE_IMAGE/);
  });
});
