import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../common/api-clients';
import { loadConfig } from '../../common/config';

const HASH_A = sha256Hex('token-of-a');
const HASH_B = sha256Hex('token-of-b');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandflow-clients-'));
const BASE = { SANDFLOW_DATA_DIR: dir, SANDFLOW_SUBMIT_RATE_PER_MINUTE: '60', SANDFLOW_SUBMIT_BURST: '30' };

const withClients = (clients: unknown) => loadConfig({ ...BASE, SANDFLOW_CLIENTS: JSON.stringify(clients) });

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('API clients configuration', () => {
  it('reads SANDFLOW_CLIENTS: names, token hashes (any hex case) and per-client rates, defaulting to the global rate', () => {
    const config = withClients([
      { name: 'judge-backend', tokenSha256: HASH_A.toUpperCase(), submitRatePerMinute: 600, submitBurst: 100 },
      { name: 'playground', tokenSha256: HASH_B },
    ]);
    expect(config.clients).toEqual([
      { name: 'judge-backend', tokenSha256: HASH_A, submitRate: { perMinute: 600, burst: 100 } },
      { name: 'playground', tokenSha256: HASH_B, submitRate: { perMinute: 60, burst: 30 } },
    ]);
  });

  it('reads the same list from SANDFLOW_CLIENTS_FILE', () => {
    const file = path.join(dir, 'clients.json');
    fs.writeFileSync(file, JSON.stringify([{ name: 'judge', tokenSha256: HASH_A, submitBurst: 5 }]));
    expect(loadConfig({ ...BASE, SANDFLOW_CLIENTS_FILE: file }).clients).toEqual([
      { name: 'judge', tokenSha256: HASH_A, submitRate: { perMinute: 60, burst: 5 } },
    ]);
  });

  it('turns SANDFLOW_API_TOKENS into clients token-1, token-2… with the default rate, keeping only hashes', () => {
    const config = loadConfig({ ...BASE, SANDFLOW_API_TOKENS: 'token-of-a, token-of-b' });
    expect(config.clients).toEqual([
      { name: 'token-1', tokenSha256: HASH_A, submitRate: { perMinute: 60, burst: 30 } },
      { name: 'token-2', tokenSha256: HASH_B, submitRate: { perMinute: 60, burst: 30 } },
    ]);
    expect(JSON.stringify(config)).not.toContain('token-of-a');
  });

  it('is the open mode (no clients) when nothing is set', () => {
    expect(loadConfig(BASE).clients).toEqual([]);
  });

  it('names the variable, the client and the field of each mistake', () => {
    const cases: Array<[unknown, string]> = [
      [[{ name: 'a', tokenSha256: 'abc' }], 'SANDFLOW_CLIENTS[0].tokenSha256: must be the sha-256 of the token as 64 hex digits'],
      [
        [
          { name: 'a', tokenSha256: HASH_A },
          { name: 'b', tokenSha256: HASH_B, submitBurst: 0 },
        ],
        'SANDFLOW_CLIENTS[1].submitBurst: Too small: expected number to be >=1',
      ],
      [
        [{ name: 'a', tokenSha256: HASH_A, submitRatePerMinute: 2_000_000 }],
        'SANDFLOW_CLIENTS[0].submitRatePerMinute: Too big: expected number to be <=1000000',
      ],
      [
        [{ name: 'a', tokenSha256: HASH_A, submitRatePerMinute: '60' }],
        'SANDFLOW_CLIENTS[0].submitRatePerMinute: Invalid input: expected number, received string',
      ],
      [[{ name: 'has space', tokenSha256: HASH_A }], 'SANDFLOW_CLIENTS[0].name: must be 1 to 64 characters'],
      [[{ tokenSha256: HASH_A }], 'SANDFLOW_CLIENTS[0].name: Invalid input: expected string, received undefined'],
      // A plain token where its hash belongs is refused rather than silently never matching.
      [[{ name: 'a', tokenSha256: HASH_A, token: 'token-of-a' }], 'SANDFLOW_CLIENTS[0]: Unrecognized key: "token"'],
      [
        [
          { name: 'a', tokenSha256: HASH_A },
          { name: 'a', tokenSha256: HASH_B },
        ],
        'SANDFLOW_CLIENTS[1].name: "a" is used by an earlier client; names must be unique',
      ],
      [
        [
          { name: 'a', tokenSha256: HASH_A },
          { name: 'b', tokenSha256: HASH_A.toUpperCase() },
        ],
        "SANDFLOW_CLIENTS[1].tokenSha256: is the same as an earlier client's",
      ],
      [[], 'SANDFLOW_CLIENTS: must list at least one client'],
      [{ name: 'a', tokenSha256: HASH_A }, 'SANDFLOW_CLIENTS: Invalid input: expected array, received object'],
    ];
    for (const [clients, message] of cases) {
      expect(() => withClients(clients), JSON.stringify(clients)).toThrow(`invalid configuration: ${message}`);
    }
  });

  it('refuses text that is not JSON, a file it cannot read, and more than one source', () => {
    expect(() => loadConfig({ ...BASE, SANDFLOW_CLIENTS: '[{name:' })).toThrow(
      /^invalid configuration: SANDFLOW_CLIENTS: must be JSON \(/,
    );
    const missing = path.join(dir, 'missing.json');
    expect(() => loadConfig({ ...BASE, SANDFLOW_CLIENTS_FILE: missing })).toThrow(
      `invalid configuration: SANDFLOW_CLIENTS_FILE (${missing}): cannot be read (ENOENT`,
    );
    const both = { ...BASE, SANDFLOW_CLIENTS: JSON.stringify([{ name: 'a', tokenSha256: HASH_A }]), SANDFLOW_API_TOKENS: 'x' };
    expect(() => loadConfig(both)).toThrow(
      'invalid configuration: SANDFLOW_CLIENTS and SANDFLOW_API_TOKENS: set only one of them',
    );
  });
});
