/**
 * The held year's version is the database's, not this process's memory: rows changed without an
 * import (a correction by SQL, another process's write that adds no imports row) move
 * rows_version (migration 008), and a run here (`current`) reads the year again. Two YearData
 * over one store stand for two server processes.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS, storesFor } from '../../store/test/backends.js';
import { YearData } from '../src/year-data.js';

describe.each(BACKENDS)('the year\'s version on $name', (backend) => {
  const stores = storesFor(backend);

  it('a fact changed in the database without an import is in the next run\'s year', async () => {
    const store = await stores.withExample();
    const held = await new YearData(store).current(2023);
    await sql`update facts set value = value + 1 where id = (select min(id) from facts where year = 2023)`.execute(store.db);
    const fresh = await new YearData(store).current(2023); // another process, reading the year for the first time
    expect(fresh.digest).not.toBe(held.digest);
    const years = new YearData(store);
    await years.current(2023);
    await sql`update facts set value = value - 1 where id = (select min(id) from facts where year = 2023)`.execute(store.db);
    expect((await years.current(2023)).digest).toBe(held.digest);
  }, 120_000);
});
