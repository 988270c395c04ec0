/**
 * Cell text decoded from a file's bytes, and each column's recently decoded cells remembered by
 * their bytes: shared by the CSV scanner (csv-scan.ts) and the .xlsx row scanner (xlsx-scan.ts),
 * where a million rows repeat a dozen years, keys and kinds.
 */

/** Buffer's own slicing, without toString's checks of its arguments (it runs once per cell). */
interface Slices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** Cell text from bytes: Latin-1 is UTF-8 for ASCII (`hi`, the bytes or-ed, below 0x80) and cheaper to decode. */
export function decode(buf: Buffer, start: number, end: number, hi: number): string {
  if (start === end) return '';
  return hi < 0x80 ? (buf as unknown as Slices).latin1Slice(start, end) : (buf as unknown as Slices).utf8Slice(start, end);
}

/** Slots of RecentCells: a column of repeated values (years, keys, kinds, regions) has a few dozen. */
const SLOTS = 64;
/** Longer cells are names or amounts, seldom repeated: not remembered. */
const SLOT_BYTES = 32;
/** After this many cells a column that found less than half of them remembered stops remembering. */
const TRIAL = 4096;

/**
 * The recent cells of one column by their bytes, so that a value the column repeats is not
 * decoded again (a million facts name a few years and keys; decoding was a tenth of the read).
 * Direct-mapped: a cell's slot comes from its length and three of its bytes.
 */
class RecentCells {
  private readonly bytes = new Uint8Array(SLOTS * SLOT_BYTES);
  private readonly lengths = new Int32Array(SLOTS).fill(-1);
  private readonly texts: string[] = new Array<string>(SLOTS).fill('');
  private seen = 0;
  private hits = 0;

  /** false once the column proves to hold values that do not repeat (ids, names, amounts) */
  get useful(): boolean {
    return this.seen < TRIAL || this.hits * 2 >= TRIAL;
  }

  text(buf: Buffer, start: number, end: number, hi: number): string {
    const len = end - start;
    if (len === 0 || len > SLOT_BYTES) return decode(buf, start, end, hi);
    if (this.seen < TRIAL) this.seen++;
    const slot = (len * 31 + buf[start]! * 7 + buf[start + (len >> 1)]! * 3 + buf[end - 1]!) & (SLOTS - 1);
    const at = slot * SLOT_BYTES;
    const bytes = this.bytes;
    if (this.lengths[slot] === len) {
      let i = 0;
      while (i < len && bytes[at + i] === buf[start + i]) i++;
      if (i === len) {
        if (this.seen < TRIAL) this.hits++;
        return this.texts[slot]!;
      }
    }
    const text = decode(buf, start, end, hi);
    for (let i = 0; i < len; i++) bytes[at + i] = buf[start + i]!;
    this.lengths[slot] = len;
    this.texts[slot] = text;
    return text;
  }
}


/** Each column's RecentCells, made when the column is first seen and dropped once its cells prove not to repeat. */
export class RecentColumns {
  private readonly recent: (RecentCells | null | undefined)[] = [];

  /** The text of buf[start, end) in column `col`: a remembered one when the column repeats it. */
  text(col: number, buf: Buffer, start: number, end: number, hi: number): string {
    let recent = this.recent[col];
    if (recent === undefined) this.recent[col] = recent = new RecentCells();
    if (recent === null) return decode(buf, start, end, hi);
    const text = recent.text(buf, start, end, hi);
    if (!recent.useful) this.recent[col] = null;
    return text;
  }
}
