/**
 * The built pages as the server hands them out (issue 16, point 8): the hashed assets
 * precompressed by the build (scripts/compress.mjs of the web package) and sent brotli or gzip as
 * the browser accepts, cached for a year as immutable; index.html revalidated on every visit, so
 * a new release is seen at once; an asset that is not there a 404, never index.html under a
 * year-long cache. The pages here are a small stand-in written by the test, not packages/web/dist
 * (which other work rebuilds at any moment).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@duixian/server';
import { openStore, type Store } from '@duixian/store';

const COMPRESS = fileURLToPath(new URL('../../web/scripts/compress.mjs', import.meta.url));
const IMMUTABLE = 'public, max-age=31536000, immutable';
const APP_JS = 'assets/index-Ab12Cd34.js';
const STYLE = 'assets/index-Ef56Gh78.css';
const TINY = 'assets/chart-Ij90Kl12.js'; // under the size worth compressing: sent as it is

// JavaScript-like text, ~40 KB, that compresses the way a bundle does (repeats, not random)
const appJs = Array.from({ length: 600 }, (_, i) => `export const rule${i} = (p) => p.amount * ${i % 7} + '元·${'兑现'.repeat(i % 3)}';`).join('\n');
const style = Array.from({ length: 200 }, (_, i) => `.row-${i} { padding: ${i % 9}px; color: #c0392b; }`).join('\n');
const tiny = 'export const x = 1;';
const indexHtml = `<!doctype html><html lang="zh-CN"><head><script type="module" src="/${APP_JS}"></script><link rel="stylesheet" href="/${STYLE}"></head><body><div id="root"></div></body></html>`;

let root: string;
let store: Store;
let app: FastifyInstance;
let compressed: ReturnType<typeof spawnSync>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'duixian-pages-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), indexHtml);
  writeFileSync(join(root, APP_JS), appJs);
  writeFileSync(join(root, STYLE), style);
  writeFileSync(join(root, TINY), tiny);
  compressed = spawnSync(process.execPath, [COMPRESS, root], { encoding: 'utf8' });
  store = await openStore({ dataDir: 'memory:' });
  app = await buildApp({ store, webRoot: root });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) => app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('the build step writes .br and .gz beside each hashed asset', () => {
  it('for the bundle and the stylesheet, each smaller than the original; not for a file too small to gain', () => {
    expect(compressed.status, String(compressed.stderr)).toBe(0);
    for (const f of [APP_JS, STYLE]) {
      for (const ext of ['.br', '.gz']) {
        expect(existsSync(join(root, f + ext)), f + ext).toBe(true);
        expect(readFileSync(join(root, f + ext)).length).toBeLessThan(readFileSync(join(root, f)).length / 2);
      }
    }
    expect(existsSync(join(root, TINY + '.br'))).toBe(false);
    expect(existsSync(join(root, TINY + '.gz'))).toBe(false);
    expect(existsSync(join(root, 'index.html.br'))).toBe(false); // not cached, and small: sent as it is
  });
});

describe('a hashed asset', () => {
  it('is sent brotli to a browser that takes it (Chromium sends gzip, deflate, br, zstd), decoding to the original bytes', async () => {
    const r = await get(`/${APP_JS}`, 'gzip, deflate, br, zstd');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(r.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(r.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(r.rawPayload.length).toBe(readFileSync(join(root, APP_JS + '.br')).length);
    expect(brotliDecompressSync(r.rawPayload).toString('utf8')).toBe(appJs);
  });

  it('is sent gzip to a client without brotli, or that refuses it (br;q=0)', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip']) {
      const r = await get(`/${STYLE}`, accept);
      expect(r.statusCode, accept).toBe(200);
      expect(r.headers['content-encoding'], accept).toBe('gzip');
      expect(r.headers['content-type']).toMatch(/^text\/css/);
      expect(r.headers['cache-control']).toBe(IMMUTABLE);
      expect(String(r.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(gunzipSync(r.rawPayload).toString('utf8')).toBe(style);
    }
  });

  it('is sent uncompressed to a client that accepts neither (no header, identity, deflate only)', async () => {
    for (const accept of [undefined, 'identity', 'deflate']) {
      const r = await get(`/${APP_JS}`, accept);
      expect(r.statusCode, String(accept)).toBe(200);
      expect(r.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(r.headers['cache-control']).toBe(IMMUTABLE);
      expect(r.body).toBe(appJs);
    }
  });

  it('without a compressed copy is sent as it is, still immutable', async () => {
    const r = await get(`/${TINY}`, 'gzip, deflate, br');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['cache-control']).toBe(IMMUTABLE);
    expect(r.body).toBe(tiny);
  });

  it('that is not there is a 404 error, not index.html under a year-long cache', async () => {
    const r = await get('/assets/index-Zz99Yy88.js', 'gzip, deflate, br');
    expect(r.statusCode).toBe(404);
    expect(r.headers['cache-control'] ?? '').not.toContain('immutable');
    expect(r.json().error.code).toBe('not-found');
    expect(r.body).not.toContain('<div id="root">');
  });
});

describe('index.html', () => {
  it('at /, at /index.html and for any other page path is revalidated on every visit (no-cache)', async () => {
    for (const url of ['/', '/index.html', '/review']) {
      const r = await get(url, 'gzip, deflate, br');
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(r.headers['content-type'], url).toMatch(/^text\/html/);
      expect(r.body, url).toBe(indexHtml);
    }
  });

  it('the API is not answered by it: an unknown endpoint is still a 404 error', async () => {
    const r = await get('/api/no-such-thing');
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not-found');
  });
});
