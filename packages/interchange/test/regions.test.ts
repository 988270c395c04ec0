/**
 * The readers know the corpus's region table (Known.regions), not only the engine's: a zone the
 * corpus adds is a place a subject may be registered in, and the 公示 totals count it in its city.
 */
import { describe, expect, it } from 'vitest';
import { RegionTable, type Region, type Vocabulary } from '@duixian/engine';
import { awardTotals, filterAwards, readObject, type Known } from '@duixian/interchange';
import { datasetOf, problemsOf } from './fixtures.js';

const ZONE: Region = { code: '370898', name: '济宁北湖省级旅游度假区', level: 'county', parent: '370800', zone: true, assigned: true };
const WORDS: Vocabulary = { kinds: { enterprise: '企业' }, facts: {}, tags: {} };
const without: Known = { rules: new Set(), interpretations: {}, vocabulary: WORDS };
const withZone: Known = { ...without, regions: new RegionTable([ZONE]) }; // over the national table, where 济宁 is
const file = { format: 'duixian/v1', year: 2023, subjects: [{ id: 'E1', kind: 'enterprise', name: '北湖电商', region: '370898' }], facts: [] };

describe('Known.regions', () => {
  it('a subject of a zone the corpus adds is read; without it the code is refused at subjects[0].region', () => {
    expect(problemsOf(readObject(file, without)).map((p) => p.path)).toEqual(['subjects[0].region']);
    expect(datasetOf(readObject(file, withZone)).dataset.subjects[0]).toMatchObject({ id: 'E1', region: '370898' });
  });

  it('the notice filters and totals the zone\'s awards in 济宁', () => {
    const subjects = new Map([['E1', { id: 'E1', kind: 'enterprise', name: '北湖电商', region: '370898', tags: [] }]]);
    const ctx = { subjects, documents: new Map(), rules: new Map(), regions: withZone.regions };
    const award = { subject: 'E1', rule: 'r', document: 'd', article: '2', type: 'money', amount: '500000.00', funder: '370800' } as never;
    expect(filterAwards([award], ctx, { region: '370800' })).toHaveLength(1);
    expect(awardTotals([award], ctx).byCity).toEqual({ '370800': '500000.00' });
  });
});
