/**
 * A file written in pieces with the write stream's backpressure respected, counting its bytes:
 * what every demo writer (JSON, CSV, .xlsx) needs to write a million enterprises in flat memory.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

export class OutFile {
  bytes = 0;
  private failure: unknown;

  private constructor(private readonly stream: WriteStream) {
    stream.on('error', (e) => (this.failure = e));
  }

  static async open(path: string): Promise<OutFile> {
    const out = new OutFile(createWriteStream(path));
    await Promise.race([once(out.stream, 'open'), once(out.stream, 'error').then(([e]) => Promise.reject(e as Error))]);
    return out;
  }

  /** Text is written as UTF-8. Resolves when the stream can take more. */
  async write(piece: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stream.destroy();
  }
}

/** Open `path`, let `body` write it, close it; a failure leaves the stream destroyed. */
export async function writeOut(path: string, body: (out: OutFile) => Promise<void>): Promise<number> {
  const out = await OutFile.open(path);
  try {
    await body(out);
    await out.close();
  } catch (e) {
    out.destroy();
    throw e;
  }
  return out.bytes;
}
