import { describe, expect, it } from 'vitest';
import { CORPUS } from '@duixian/corpus';
import { isReviewChain, levelOfRegion, levelOfRole, reviewChain, type Level } from '../src/index.js';

describe('review chains (县级初审 → 市级审核 → 发文层级终审)', () => {
  it.each([
    ['province', ['county', 'city', 'province']],
    ['city', ['county', 'city']],
    ['county', ['county']],
  ] as [Level, Level[]][])('a %s document is reviewed by %j', (issuer, chain) => {
    expect(reviewChain(issuer)).toEqual(chain);
    expect(isReviewChain(chain)).toBe(true);
  });

  it('knows no other chain', () => {
    for (const c of [[], ['city'], ['city', 'province'], ['county', 'province'], ['county', 'county'], ['city', 'county'], ['county', 'city', 'province', 'province']] as Level[][]) {
      expect(isReviewChain(c), JSON.stringify(c)).toBe(false);
    }
  });

  it('maps administrators to their level and nobody else', () => {
    expect(levelOfRole('county-admin')).toBe('county');
    expect(levelOfRole('city-admin')).toBe('city');
    expect(levelOfRole('province-admin')).toBe('province');
    for (const r of ['enterprise', 'auditor', 'bank', 'admin', '']) expect(levelOfRole(r), r).toBeUndefined();
  });

  it('gives each document of the corpus the chain of its issuer', () => {
    const chains = Object.fromEntries(CORPUS.documents.map((d) => [d.id, reviewChain(levelOfRegion(d.issuer)!)]));
    for (const [id, chain] of Object.entries(chains)) expect(chain.length, id).toBeGreaterThan(0);
    // the five documents' issuers (another document has its own issuer's chain)
    expect(chains).toMatchObject({
      'sd-2022-42': ['county', 'city', 'province'], // 山东省人民政府
      'jining-2022-54': ['county', 'city'], // 济宁市
      'dongying-2020-9': ['county', 'city'], // 东营市
      'jiyang-2021-80': ['county'], // 济阳区
      'jinan-2021-cbec': ['county', 'city'], // 济南市
    });
    expect(levelOfRegion('CN')).toBeUndefined();
    expect(levelOfRegion('999999')).toBeUndefined();
  });
});
