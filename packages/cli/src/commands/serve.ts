/** duixian serve: the HTTP API on PORT (default 3000), until the process is stopped. */
import { EXIT, type Streams } from '../io.js';
import type { Args } from '../main.js';

export async function serveCommand(_a: Args, io: Streams): Promise<number> {
  const { buildApp } = await import('@duixian/server'); // loaded only for this command
  const port = Number(process.env.PORT ?? 3000);
  const app = await buildApp({ logger: true });
  await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
  io.stderr.write(`duixian API on http://${process.env.HOST ?? '127.0.0.1'}:${port}/api (docs: /api/docs)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void app.close().then(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}
