import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { logSettings, type LogFormat } from '../../common/log-settings';

/** Logs one event in `format` and returns what was written. */
function written(format: LogFormat): string {
  const destination = new PassThrough();
  const chunks: string[] = [];
  destination.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  createLogger({ level: 'info', format, destination, colorize: false }).info(
    { submissionId: 'abc', language: 'python' },
    'accepted',
  );
  return chunks.join('');
}

describe('log format', () => {
  it('is JSON when stdout is not a terminal and readable when it is', () => {
    expect(logSettings({}, false).format).toBe('json');
    expect(logSettings({}, true).format).toBe('pretty');
  });

  it('follows SANDFLOW_LOG_FORMAT over the terminal check', () => {
    expect(logSettings({ SANDFLOW_LOG_FORMAT: 'json' }, true).format).toBe('json');
    expect(logSettings({ SANDFLOW_LOG_FORMAT: 'pretty' }, false).format).toBe('pretty');
  });

  it('takes LOG_LEVEL, else warn in tests and info otherwise', () => {
    expect(logSettings({ LOG_LEVEL: 'debug', NODE_ENV: 'test' }, false).level).toBe('debug');
    expect(logSettings({ NODE_ENV: 'test' }, false).level).toBe('warn');
    expect(logSettings({ NODE_ENV: 'production' }, false).level).toBe('info');
  });

  it('still logs with a LOG_LEVEL pino does not know, and the configuration refuses it by name', () => {
    // pino throws at creation on an unknown level, which would crash every entry point on import.
    expect(logSettings({ LOG_LEVEL: 'verbose' }, false).level).toBe('info');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL: .*"fatal"\|"error"\|"warn"\|"info"\|"debug"\|"trace"\|"silent"/,
    );
    expect(() => loadConfig({ SANDFLOW_LOG_FORMAT: 'xml' })).toThrow(/SANDFLOW_LOG_FORMAT: /);
  });

  it('writes one JSON object per event in the json format', () => {
    const line = written('json');
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({ level: 30, msg: 'accepted', submissionId: 'abc', language: 'python' });
  });

  it('writes one readable line per event in the pretty format: time, level, message, then the fields', () => {
    const line = written('pretty');
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: accepted \{"submissionId":"abc","language":"python"\}\n$/);
  });

  it('keeps a multi-line message on one line in the pretty format', () => {
    const destination = new PassThrough();
    let text = '';
    destination.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    createLogger({ level: 'info', format: 'pretty', destination, colorize: false }).info('bundle built\n  main.js 3 KiB\n');
    expect(text).toMatch(/INFO: bundle built ⏎ main\.js 3 KiB\n$/);
  });
});
