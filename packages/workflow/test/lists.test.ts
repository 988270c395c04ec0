import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WHITELIST_CATEGORIES, activeOn, addDays, blacklistedDuring, isWhitelistCategory, type ListEntry } from '../src/index.js';

describe('whitelist categories (鲁政字〔2022〕42号 第九条)', () => {
  it('are the five kinds of the article', () => {
    expect(WHITELIST_CATEGORIES).toEqual({ park: '电商园区', mcn: 'MCN机构', training: '培训机构', 'supply-chain': '供应链企业', service: '服务企业' });
    expect(isWhitelistCategory('mcn')).toBe(true);
    expect(isWhitelistCategory('toString')).toBe(false);
  });
});

describe('list entries in force', () => {
  const year: ListEntry = { validFrom: '2023-03-01', validTo: '2023-12-31' };
  const open: ListEntry = { validFrom: '2023-03-01', validTo: null };
  const removed: ListEntry = { validFrom: '2023-03-01', validTo: null, removedOn: '2023-06-15' };
  const cases: [string, ListEntry, string, boolean][] = [
    ['the day before it starts', year, '2023-02-28', false],
    ['its first day', year, '2023-03-01', true],
    ['its last day', year, '2023-12-31', true],
    ['the day after', year, '2024-01-01', false],
    ['open-ended, years later', open, '2030-01-01', true],
    ['the day before removal', removed, '2023-06-14', true],
    ['the day of removal', removed, '2023-06-15', false],
    ['removed before it started', { validFrom: '2023-03-01', validTo: null, removedOn: '2023-02-01' }, '2023-03-01', false],
    ['removedOn null', { ...open, removedOn: null }, '2023-06-15', true],
  ];
  it.each(cases)('%s', (_what, entry, date, active) => {
    expect(activeOn(entry, date)).toBe(active);
  });
});

describe('blacklisted during a year (any day in force)', () => {
  const cases: [string, ListEntry[], number, boolean][] = [
    ['no entries', [], 2023, false],
    ['listed the year before', [{ validFrom: '2022-06-01', validTo: '2022-12-31' }], 2023, false],
    ['listed that year', [{ validFrom: '2022-06-01', validTo: '2022-12-31' }], 2022, true],
    ['listed on the last day of the year, open-ended', [{ validFrom: '2023-12-31', validTo: null }], 2023, true],
    ['… not the year before', [{ validFrom: '2023-12-31', validTo: null }], 2022, false],
    ['… and every later year', [{ validFrom: '2023-12-31', validTo: null }], 2030, true],
    ['removed on 1 January', [{ validFrom: '2022-03-01', validTo: null, removedOn: '2023-01-01' }], 2023, false],
    ['… was in force the year before', [{ validFrom: '2022-03-01', validTo: null, removedOn: '2023-01-01' }], 2022, true],
    ['one day in force', [{ validFrom: '2023-01-01', validTo: null, removedOn: '2023-01-02' }], 2023, true],
    ['removed the day it started', [{ validFrom: '2023-05-01', validTo: null, removedOn: '2023-05-01' }], 2023, false],
    ['one of several', [{ validFrom: '2020-01-01', validTo: '2020-12-31' }, { validFrom: '2023-07-01', validTo: '2023-07-01' }], 2023, true],
  ];
  it.each(cases)('%s', (_what, entries, y, listed) => {
    expect(blacklistedDuring(entries, y)).toBe(listed);
  });

  it('agrees with asking every day of the year', () => {
    const day = fc.integer({ min: 0, max: 365 * 3 }).map((k) => addDays('2022-01-01', k));
    const entry = fc.record({ validFrom: day, validTo: fc.option(day), removedOn: fc.option(day) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 3 }), fc.constantFrom(2022, 2023, 2024), (entries, y) => {
        let any = false;
        for (let d = `${y}-01-01`; d <= `${y}-12-31`; d = addDays(d, 1)) any ||= entries.some((e) => activeOn(e, d));
        expect(blacklistedDuring(entries, y)).toBe(any);
      }),
      { numRuns: 200 },
    );
  });
});
