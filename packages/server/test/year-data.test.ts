/**
 * The year held in memory (YearData): a request goes on with the version known while a newer one
 * is read in the background, so no 政策计算器 answer waits for the database once the year is held;
 * after an import (invalidate) or for a run (current) the version is read before answering.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS, storesFor } from '../../store/test/backends.js';
import type { Store } from '@duixian/store';
import { YearData } from '../src/year-data.js';

/** A version reader the test answers by hand, and a clock it moves. */
function controlled() {
  const reads: { resolve(v: string): void; reject(e: Error): void }[] = [];
  let t = 0;
  return {
    reader: () => new Promise<string>((resolve, reject) => void reads.push({ resolve, reject })),
    reads,
    now: () => t,
    advance: (ms: number) => void (t += ms),
  };
}

/** What a promise gives within 50 ms, or 'waiting'. */
const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 50))]);
const settle = () => new Promise((r) => setImmediate(r));

/** The year 2023 of the store held at version '1:0', with the reader and clock that control it. */
async function holding(store: Store) {
  const c = controlled();
  const years = new YearData(store, c.reader, c.now);
  const first = years.get(2023);
  c.reads[0]!.resolve('1:0');
  return { c, years, held: await first };
}

for (const backend of BACKENDS) {
  describe(`YearData (${backend.name})`, () => {
    const stores = storesFor(backend);

    it('answers from the version known while a newer read is slow, then moves to the new version', async () => {
      const { c, years, held } = await holding(await stores.withExample());
      expect(c.reads).toHaveLength(1);
      expect(held.subjects.has('E1')).toBe(true);

      c.advance(999); // under a second: the version known, nothing read
      expect(await within(years.get(2023))).toBe(held);
      expect(c.reads).toHaveLength(1);

      c.advance(1); // a second old: read again, but answer at once from the version known
      expect(await within(years.get(2023))).toBe(held);
      expect(await within(years.get(2023))).toBe(held);
      expect(c.reads).toHaveLength(2); // one read in flight, shared

      c.reads[1]!.resolve('2:0'); // a newer version: the year is read again for it
      await settle();
      const next = await years.get(2023);
      expect(next).not.toBe(held);
      expect(next.digest).toBe(held.digest); // same rows, read again
    });

    it('a failed read leaves the version known standing, and the next request tries again', async () => {
      const { c, years, held } = await holding(await stores.withExample());
      c.advance(1000);
      expect(await within(years.get(2023))).toBe(held);
      c.reads[1]!.reject(new Error('connection lost'));
      await settle();
      expect(await within(years.get(2023))).toBe(held);
      expect(c.reads).toHaveLength(3);
    });

    it('after invalidate (an import, a list change) and for a run, waits for the version as it is now', async () => {
      const { c, years, held } = await holding(await stores.withExample());

      years.invalidate();
      const after = years.get(2023);
      expect(await within(after)).toBe('waiting');
      c.reads[1]!.resolve('2:0');
      expect(await after).not.toBe(held);

      // a read started before an import does not stand for the version after it
      c.advance(1000);
      expect(await within(years.get(2023))).not.toBe('waiting'); // read 3 in flight
      years.invalidate();
      const afterImport = years.get(2023); // read 4
      c.reads[2]!.resolve('2:0');
      await settle();
      expect(await within(years.get(2023))).toBe('waiting');
      c.reads[3]!.resolve('3:0');
      const imported = await afterImport;
      expect(imported).not.toBe(held);

      // a run reads the version as it is now, even when one was read a moment ago
      const run = years.current(2023);
      expect(c.reads).toHaveLength(5);
      expect(await within(run)).toBe('waiting');
      c.reads[4]!.resolve('3:0');
      expect(await run).toBe(imported);
    });
  });
}
