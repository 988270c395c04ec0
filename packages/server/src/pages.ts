/**
 * The built pages (packages/web/dist) at /. Vite names every file under assets/ by a hash of its
 * content, so those are cached by the browser for a year without asking again, and sent as the
 * build precompressed them (x.js.br, x.js.gz; scripts/compress.mjs) to a browser that accepts
 * brotli or gzip. index.html names the assets of the current release: it is revalidated on every
 * visit (no-cache, answered 304 while unchanged), so a release is seen at once. Any other path
 * outside /api and /assets is a page address and gets index.html.
 */
import { join, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ApiError, notFound } from './errors.js';

const A_YEAR = 'public, max-age=31536000, immutable';

export async function servePages(app: FastifyInstance, root: string): Promise<void> {
  const assets = join(root, 'assets') + sep;
  await app.register(fastifyStatic, {
    root, prefix: '/', index: 'index.html', wildcard: false,
    preCompressed: true, // the .br or .gz beside the file, as Accept-Encoding allows; the file itself otherwise
    cacheControl: false, // set here per file: send's default (max-age=0) would be written over ours
    setHeaders(res, path) {
      if (path.startsWith(assets)) {
        res.setHeader('cache-control', A_YEAR);
        res.setHeader('vary', 'Accept-Encoding');
      } else res.setHeader('cache-control', 'no-cache');
    },
  });
  app.setNotFoundHandler((req, reply) => {
    // a missing asset (an old release's chunk) must not be answered by index.html: the browser would keep that for a year as the script
    if (req.url.startsWith('/assets/')) throw new ApiError(404, 'not-found', `没有这个文件：${req.url}（页面已更新，请刷新）`, `No such file: ${req.url} (the pages were updated: reload)`);
    if (req.method === 'GET' && !req.url.startsWith('/api')) return reply.sendFile('index.html');
    notFound(req, reply);
  });
}
