/**
 * A zip archive written as a stream (what an .xlsx is): each entry deflated while it is made, its
 * CRC and sizes in a data descriptor after it (general purpose flag bit 3) and in the central
 * directory at the end, so nothing of an entry is held but the piece being compressed. No zip64:
 * an entry or the archive past 4 GiB is refused (a million enterprises make ~400 MB of XML).
 */
import { once } from 'node:events';
import { createDeflateRaw, crc32 } from 'node:zlib';
import type { OutFile } from './out.js';

interface Written {
  readonly name: Buffer;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly offset: number;
}

const LIMIT = 0xffffffff;
const DEFLATE = 8;
const DESCRIPTOR_FLAG = 0x0008;
/** 1980-01-01 00:00 in MS-DOS form: a fixed date keeps the bytes of the same demo the same. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

export class ZipWriter {
  private readonly written: Written[] = [];

  /** `level` trades size for speed: 1 is several times faster than zlib's default 6 on sheet XML. */
  constructor(private readonly out: OutFile, private readonly level = 1) {}

  /** One entry, from its text in pieces (each about a megabyte). */
  async add(name: string, pieces: Iterable<string>): Promise<void> {
    const offset = this.out.bytes;
    const nameBytes = Buffer.from(name, 'utf8');
    await this.out.write(localHeader(nameBytes));
    const z = createDeflateRaw({ level: this.level });
    let crc = 0;
    let size = 0;
    const feeding = (async () => {
      for (const piece of pieces) {
        const chunk = Buffer.from(piece, 'utf8');
        crc = crc32(chunk, crc);
        size += chunk.length;
        if (!z.write(chunk)) await once(z, 'drain');
      }
      z.end();
    })().catch((e: unknown) => z.destroy(e as Error));
    let compressed = 0;
    for await (const chunk of z as AsyncIterable<Buffer>) {
      compressed += chunk.length;
      await this.out.write(chunk);
    }
    await feeding;
    if (size > LIMIT || compressed > LIMIT || this.out.bytes > LIMIT) throw new Error(`${name}: past 4 GiB, which a zip without zip64 cannot hold`);
    await this.out.write(descriptor(crc, compressed, size));
    this.written.push({ name: nameBytes, crc, compressed, size, offset });
  }

  /** The central directory and its end record. */
  async finish(): Promise<void> {
    const start = this.out.bytes;
    for (const e of this.written) await this.out.write(centralHeader(e));
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(this.out.bytes - start, 12);
    end.writeUInt32LE(start, 16);
    await this.out.write(end);
  }
}

function localHeader(name: Buffer): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  h.writeUInt16LE(DESCRIPTOR_FLAG, 6);
  h.writeUInt16LE(DEFLATE, 8);
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  // CRC and sizes (14–25) are zero: they follow the data, in its descriptor
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

function descriptor(crc: number, compressed: number, size: number): Buffer {
  const d = Buffer.alloc(16);
  d.writeUInt32LE(0x08074b50, 0);
  d.writeUInt32LE(crc >>> 0, 4);
  d.writeUInt32LE(compressed, 8);
  d.writeUInt32LE(size, 12);
  return d;
}

function centralHeader(e: Written): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4); // made by
  h.writeUInt16LE(20, 6); // needed
  h.writeUInt16LE(DESCRIPTOR_FLAG, 8);
  h.writeUInt16LE(DEFLATE, 10);
  h.writeUInt16LE(DOS_TIME, 12);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(e.crc >>> 0, 16);
  h.writeUInt32LE(e.compressed, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt32LE(e.offset, 42);
  return Buffer.concat([h, e.name]);
}
