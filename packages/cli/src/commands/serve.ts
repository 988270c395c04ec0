/**
 * duixian serve (npm start): the HTTP API on PORT (default 3000) over the database (DATABASE_URL,
 * else the embedded one in DUIXIAN_DATA_DIR), until the process is stopped. On the very first
 * start it creates the administrator `admin` and prints its one-time password, once.
 */
import { fileURLToPath } from 'node:url';
import { EXIT, type Streams } from '../io.js';
import type { Args } from '../main.js';
import { openDatabase } from '../database.js';

export async function serveCommand(_a: Args, io: Streams): Promise<number> {
  // loaded only for this command: the server costs the other commands nothing
  const { buildApp } = await import('@duixian/server');
  const { ensureFirstAdmin } = await import('@duixian/store');
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const store = await openDatabase(io);
  if (!store) return EXIT.failed;
  const first = await ensureFirstAdmin(store);
  if (first) {
    io.stdout.write(`首次启动：已创建省级管理员 ${first.username}，一次性密码 one-time password: ${first.password}\n`
      + '请立即登录并修改密码；此密码不会再次显示。Sign in and change it now; it is not shown again.\n');
  }
  const webRoot = fileURLToPath(new URL('../../../web/dist', import.meta.url)); // the pages, built by npm run build
  const app = await buildApp({ store, webRoot, logger: process.env.DUIXIAN_LOG !== '0', trustProxy: process.env.DUIXIAN_TRUST_PROXY === '1' });
  try {
    await app.listen({ port, host });
  } catch (e) {
    await store.close();
    io.stderr.write(`cannot listen on ${host}:${port}: ${e instanceof Error ? e.message : String(e)}; set PORT to a free port\n`);
    return EXIT.failed;
  }
  io.stderr.write(`duixian API on http://${host}:${port}/api (docs: /api/docs; database: ${store.backend}); pages at http://${host}:${port}/\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void app.close().then(() => store.close()).then(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}
