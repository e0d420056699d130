import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../common/api-clients';
import { metricsAccess } from '../../api/metrics-endpoint';

const rate = { perMinute: 60, burst: 30 };
const clients = [
  { name: 'ops', tokenSha256: sha256Hex('ops-token'), submitRate: rate, operator: true },
  { name: 'judge', tokenSha256: sha256Hex('judge-token'), submitRate: rate },
];

describe('metricsAccess', () => {
  it('is open without API clients (the loopback-only mode)', () => {
    expect(metricsAccess({ clients: [] }, undefined)).toEqual({ allowed: true });
  });

  it('lets only an operator client read metrics when clients are configured', () => {
    expect(metricsAccess({ clients }, 'Bearer ops-token')).toEqual({ allowed: true });
    expect(metricsAccess({ clients }, 'Bearer judge-token')).toMatchObject({ allowed: false, status: 403, code: 'FORBIDDEN' });
    expect(metricsAccess({ clients }, 'Bearer guess')).toMatchObject({ allowed: false, status: 401, code: 'UNAUTHENTICATED' });
    expect(metricsAccess({ clients }, undefined)).toMatchObject({ allowed: false, status: 401 });
  });
});
