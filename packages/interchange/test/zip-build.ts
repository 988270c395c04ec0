/**
 * Zip archives built by hand for tests of the .xlsx limits: entries whose directory may lie about
 * their sizes, and entries that inflate to a gigabyte from a megabyte.
 */
import { crc32, deflateRawSync, constants } from 'node:zlib';

/** One file of a zip: its deflated bytes, and the size and CRC its directory entry declares. */
export interface Entry { readonly name: string; readonly deflated: Buffer; readonly size: number; readonly crc: number }

export const deflated = (name: string, text: string): Entry => {
  const data = Buffer.from(text);
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
};

/**
 * `head`, then `times` repetitions of `unit`, then `tail`, deflated without ever holding the whole:
 * each unit is deflated once and its blocks (sync-flushed, never final) repeated, so a
 * gigabyte costs about a megabyte here. The CRC is not computed (a reader refuses it first).
 */
export function repeated(name: string, head: string, unit: string, times: number, tail: string): Entry {
  const sync = (s: string) => deflateRawSync(Buffer.from(s), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const u = sync(unit);
  const parts = [sync(head), ...Array<Buffer>(times).fill(u), deflateRawSync(Buffer.from(tail))];
  return { name, deflated: Buffer.concat(parts), size: head.length + unit.length * times + tail.length, crc: 0 };
}

/** A zip archive of `entries` (method 8, deflate), with the sizes each declares (true or not). */
export function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.crc >>> 0, 16);
    dir.writeUInt32LE(e.deflated.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    central.push(dir, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}
