/** Issue 14, point 5: every national statistical division code is a region; made-up codes are not. */
import { describe, expect, it } from 'vitest';
import { KNOWN } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { datasetOf, example, known, problemsOf } from './fixtures.js';

describe('regions of the whole country', () => {
  it('accepts enterprises in 北京 朝阳区 (110105) and 杭州 西湖区 (330106), and 西湖区 as a county subject', () => {
    const o = example();
    o.subjects.push(
      { id: 'BJ', kind: 'enterprise', name: '北京某电商', region: '110105' },
      { id: 'HZ', kind: 'enterprise', name: '杭州某电商', region: '330106' },
      { id: '330106', kind: 'county', name: '西湖区' },
    );
    const d = datasetOf(readObject(o, known)).dataset;
    expect(d.subjects.slice(5).map((s) => [s.id, s.region])).toEqual([['BJ', '110105'], ['HZ', '330106'], ['330106', undefined]]);
  });

  it('keeps 济宁\'s project-assigned zone 370895 (太白湖新区) as a region and a county subject', () => {
    const o = example();
    o.subjects.push({ id: 'TB', kind: 'enterprise', name: '太白湖某电商', region: '370895' }, { id: '370895', kind: 'county', name: '太白湖新区' });
    // the code is the corpus's (regions.yaml), not the national table's: the reader knows it from the corpus's table
    expect(datasetOf(readObject(o, { ...known, regions: KNOWN.regions })).dataset.subjects.slice(5).map((s) => s.region ?? s.id)).toEqual(['370895', '370895']);
  });

  it.each([
    ['370899', 'a made-up code inside 济宁'],
    ['110199', 'a made-up code inside 北京'],
  ])('refuses %s (%s) at subjects[4].region, saying what to give', (code) => {
    const o = example();
    o.subjects[4].region = code;
    expect(problemsOf(readObject(o, known))).toEqual([
      { path: 'subjects[4].region', message: expect.stringMatching(new RegExp(`^"${code}" is not in the NBS region table: give the 6-digit statistical division code \\(统计用区划代码\\)`)) },
    ]);
  });

  it('refuses 330106 as a city: it is a county-level division', () => {
    const o = example();
    o.subjects.push({ id: '330106', kind: 'city', name: '西湖区' });
    expect(problemsOf(readObject(o, known))).toEqual([{ path: 'subjects[5].kind', message: '330106 (西湖区) is a county in the NBS region table, not a city' }]);
  });
});
