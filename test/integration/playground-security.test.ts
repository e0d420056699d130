import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PLAYGROUND_CSP } from '../../api/playground-serve';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: the path is sent as written (no URL normalisation) and Host as given. */
function request(base: string, method: string, path: string, host?: string): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path, headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** 101 when the upgrade opens, else the refusal's status. */
function upgrade(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { origin });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (req, res) => {
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    socket.on('error', reject);
  });
}

describe('the playground does not weaken the API (open mode)', () => {
  let api: TestSandflow;
  let base: string;

  beforeAll(async () => {
    api = await startTestSandflow({ languages: ['python'], worker: false });
    base = api.url.replace(/\/graphql$/, '');
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('serves the page and its scripts with a strict Content-Security-Policy and no inline script', async () => {
    const page = await request(base, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(PLAYGROUND_CSP);
    expect(PLAYGROUND_CSP).toContain("default-src 'none'");
    expect(PLAYGROUND_CSP).toContain("script-src 'self';");
    expect(PLAYGROUND_CSP).toContain("frame-ancestors 'none'");
    expect(PLAYGROUND_CSP).not.toMatch(/script-src[^;]*(unsafe|blob:|data:|\*)/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const scripts = [...page.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/src="\/playground\//);
      expect(content?.trim()).toBe('');
    }
    expect(page.body).not.toMatch(/https?:\/\//); // nothing from a CDN

    const script = await request(base, 'GET', '/playground/main.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBe(PLAYGROUND_CSP);
    expect((await request(base, 'GET', '/playground/editor.worker.js')).status).toBe(200);
  });

  it('answers the page only to a loopback Host, like the API (DNS rebinding)', async () => {
    for (const path of ['/', '/playground/main.js']) {
      const refused = await request(base, 'GET', path, 'rebound.example.com');
      expect(refused.status, path).toBe(403);
      expect(refused.body).toMatch(/is not a loopback name/);
      expect(refused.headers['content-security-policy']).toBeUndefined();
    }
    expect((await request(base, 'GET', '/', `localhost:${new URL(base).port}`)).status).toBe(200);
  });

  it('serves only the files of the build: no path outside it, no other method', async () => {
    for (const path of [
      '/playground/../package.json',
      '/playground/..%2f..%2fpackage.json',
      '/playground/%2e%2e/%2e%2e/package.json',
      '/playground/.hidden',
      '/playground/index.html',
      '/playground/',
      '/playground/nope.js',
      '/package.json',
      '/.sandflow/playground',
    ]) {
      const answer = await request(base, 'GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('"dependencies"');
    }
    expect((await request(base, 'POST', '/')).status).toBe(405);
  });

  it('lets the page of its own origin open the WebSocket, and no other origin', async () => {
    expect(await upgrade(api.wsUrl, base)).toBe(101);
    expect(await upgrade(api.wsUrl, 'http://evil.example.com')).not.toBe(101);
    // Same host name, another port: another origin (another local web server).
    expect(await upgrade(api.wsUrl, `http://127.0.0.1:${Number(new URL(base).port) + 1}`)).not.toBe(101);
  });
});
