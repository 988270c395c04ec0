/**
 * `COPY … TO STDOUT` on a node-postgres connection, handing out the rows' bytes in chunks of whole
 * rows. The server sends each row as a message of its own (a 5-byte header, then the row): for
 * millions of rows the per-message work of a general stream (pg-copy-streams makes a Buffer per
 * message) costs more than the rows themselves, so here the rows are moved together in place,
 * over the headers, one socket read at a time.
 *
 * The connection is borrowed as pg-copy-streams does it: its 'data' listener (the driver's own
 * parser) is set aside while the COPY runs and given back, with whatever followed the COPY (its
 * CommandComplete and ReadyForQuery, or an error), when it ends.
 */
import { Readable } from 'node:stream';
import type { Connection, Submittable } from 'pg';

const COPY_DATA = 0x64; // d
const COPY_DONE = 0x63; // c
const COPY_OUT_RESPONSE = 0x48; // H
const ERROR_RESPONSE = 0x45; // E
/** may come between any two messages; carry nothing for the COPY */
const ASIDE = new Set([0x53 /* S ParameterStatus */, 0x4e /* N Notice */, 0x41 /* A Notification */]);

type DataListener = (chunk: Buffer) => void;
interface ConnectionStream { listeners(e: 'data'): DataListener[]; removeListener(e: string, f: () => void): void; on(e: string, f: () => void): void; read(): Buffer | null; pause(): void; resume(): void }

export class CopyOut extends Readable implements Submittable {
  private connection: (Connection & { stream: ConnectionStream }) | undefined;
  private driverListener: DataListener | undefined;
  /** the start of a message not yet whole, from the previous reads, and how long it is (or 5, its header) */
  private pieces: Buffer[] = [];
  private gathered = 0;
  private needed = 0;
  private wanted = false;
  private readonly onReadable = () => this.forward();

  constructor(readonly text: string) {
    super({ highWaterMark: 1 << 20 }); // a few socket reads ahead, not one
  }

  submit(connection: Connection): void {
    this.connection = connection as Connection & { stream: ConnectionStream };
    const stream = this.connection.stream;
    const listeners = stream.listeners('data');
    if (listeners.length !== 1) throw new Error(`COPY: the connection has ${listeners.length} data listeners, expected the driver's one`);
    this.driverListener = listeners[0]!;
    stream.removeListener('data', this.driverListener as () => void);
    stream.pause();
    stream.on('readable', this.onReadable);
    connection.query(this.text);
  }

  override _read(): void {
    this.wanted = true;
    this.forward();
  }

  private forward(): void {
    const stream = this.connection?.stream;
    let chunk: Buffer | null;
    while (this.wanted && stream && this.connection && (chunk = stream.read()) !== null) this.rowsOf(chunk);
  }

  /**
   * One socket read: the rows of its whole CopyData messages, moved together over their headers,
   * pushed as one chunk. A message longer than the read (a large bytea in binary COPY) is gathered
   * in pieces and joined once, when all of it has come.
   */
  private rowsOf(read: Buffer): void {
    if (this.pieces.length) {
      this.pieces.push(read);
      this.gathered += read.length;
      if (this.gathered < this.needed) return;
      read = Buffer.concat(this.pieces, this.gathered);
      this.pieces = [];
    }
    const buf = read;
    let at = 0; // next message
    let out = 0; // end of the rows moved so far
    while (at + 5 <= buf.length) {
      const code = buf[at]!;
      const end = at + 1 + buf.readUInt32BE(at + 1);
      if (code === ERROR_RESPONSE) return this.finish(buf, out, at); // the driver reads the error and fails the query
      if (end > buf.length) break;
      if (code === COPY_DATA) {
        buf.copyWithin(out, at + 5, end);
        out += end - at - 5;
      } else if (code !== COPY_OUT_RESPONSE && !ASIDE.has(code)) {
        return this.finish(buf, out, code === COPY_DONE ? end : at);
      }
      at = end;
    }
    if (at < buf.length) {
      // a copy: the rows pushed below share buf's memory
      this.pieces = [Buffer.from(buf.subarray(at))];
      this.gathered = buf.length - at;
      this.needed = at + 5 <= buf.length ? 1 + buf.readUInt32BE(at + 1) : 5;
    }
    if (out > 0) this.wanted = this.push(buf.subarray(0, out));
  }

  /** The COPY is over: the last rows out, the connection back to the driver with what follows. */
  private finish(buf: Buffer, out: number, rest: number): void {
    const connection = this.connection!;
    const stream = connection.stream;
    if (out > 0) this.push(buf.subarray(0, out));
    stream.removeListener('readable', this.onReadable);
    stream.on('data', this.driverListener as () => void);
    this.connection = undefined;
    this.driverListener!(buf.subarray(rest));
    process.nextTick(() => stream.resume());
  }

  // the driver's calls on a Submittable once it has the connection back
  handleCommandComplete(): void {
    this.push(null);
  }

  handleError(e: Error): void {
    this.destroy(e);
  }

  handleReadyForQuery(): void {}
}
