/**
 * 全省平均 is the average of the province of the document's issuer, read from the region table,
 * not Shandong's: the synthetic province document re-issued by 浙江 (330000) compares its cities
 * with 浙江's published growth. Before, the engine read 370000's figure whatever the issuer.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, parseQuantity, type Corpus, type Dataset, type Region } from '@duixian/engine';
import { PROVINCE, R, SYNTHETIC } from './synthetic.js';

const growth = (text: string): number => {
  const p = parseQuantity(text, 'ratio');
  if (!p.ok) throw new Error(p.error);
  return p.value;
};

/** The synthetic province's city rules (二 growth, 三 share), issued and paid by 浙江. */
const zhejiang = (regions?: readonly Region[]): Corpus => ({
  ...SYNTHETIC,
  documents: [{ ...PROVINCE, issuer: '330000', issuerName: '浙江省', funder: '330000' }],
  rules: SYNTHETIC.rules.filter((r) => r.id === R.growth || r.id === R.share),
  validations: [],
  ...(regions ? { regions } : {}),
});

/** 浙江 published 10%; 杭州 10.0001% (above), 宁波 exactly 10% (not above); 山东 published 1%, which must not count. */
const dataset: Dataset = {
  year: 2031,
  subjects: [
    { id: '330000', kind: 'province', name: '浙江省', region: '330000', tags: [] },
    { id: '370000', kind: 'province', name: '山东省', region: '370000', tags: [] },
    { id: '330100', kind: 'city', name: '杭州市', region: '330100', tags: [] },
    { id: '330200', kind: 'city', name: '宁波市', region: '330200', tags: [] },
  ],
  facts: [
    { subject: '330000', year: 2031, key: 'onlineRetailGrowth', value: growth('10%') },
    { subject: '370000', year: 2031, key: 'onlineRetailGrowth', value: growth('1%') },
    { subject: '330100', year: 2031, key: 'onlineRetailGrowth', value: growth('10.0001%') },
    { subject: '330200', year: 2031, key: 'onlineRetailGrowth', value: growth('10%') },
  ],
  history: [], parameters: [], interpretations: {},
};

const awards = (corpus: Corpus) => evaluate(corpus, dataset).awards.map((a) => `${a.subject} ${a.amount} rank ${a.rank}`);

describe('全省平均 follows the issuer\'s province', () => {
  it('a 浙江 document compares with 浙江\'s 10%: 10.0001% wins 300万元, exactly 10% is not above it (山东\'s 1% is not read)', () => {
    expect(awards(zhejiang())).toEqual(['330100 3000000.00 rank 1']);
  });

  it('the same with 浙江\'s own region table in the corpus', () => {
    const rows: Region[] = [
      { code: 'CN', name: '全国', level: 'country', parent: null },
      { code: '330000', name: '浙江省', level: 'province', parent: 'CN' },
      { code: '330100', name: '杭州市', level: 'city', parent: '330000' },
      { code: '330200', name: '宁波市', level: 'city', parent: '330000' },
    ];
    expect(awards(zhejiang(rows))).toEqual(['330100 3000000.00 rank 1']);
    expect(evaluate(zhejiang(rows), dataset).incomplete).toBeUndefined(); // the table's two cities, both with data
    expect(evaluate(zhejiang(), dataset).incomplete?.[0]?.lacking).toContain('330300'); // the national table's 温州 and the rest
  });
});
