/**
 * The region table is data (issue 15): corpus/regions.yaml is Corpus.regions, the engine reads
 * jurisdictions from the run's corpus, and a zone added in the YAML counts in its city without code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as law from '@duixian/corpus';
import { LOADED, useCorpus } from '@duixian/corpus';
import { BUILT_IN_REGIONS, evaluate, regionTableOf, type Corpus, type Dataset } from '@duixian/engine';
import { corpusFromFiles } from '../src/load.js';
import { problemsOf, withFile } from './corpus-files.js';

/** 济宁's new functional zone, at a code neither the built-in table nor the national one has. */
const ZONE = "- {code: '370898', name: 济宁北湖省级旅游度假区, level: county, parent: '370800', zone: true, assigned: true}\n";
const withZone = (): Corpus => corpusFromFiles(withFile('regions.yaml', (s) => s.replace("- {code: '370900'", `${ZONE}- {code: '370900'`))).corpus;

/** An enterprise of the zone holding a national title: 济宁's 2.national-title gives 50万元 to one in its jurisdiction. */
const zoneEnterprise: Dataset = {
  year: 2023,
  subjects: [{ id: 'E1', kind: 'enterprise', name: '北湖电商', region: '370898', tags: [] }],
  facts: [{ subject: 'E1', year: 2023, key: 'nationalTitle', value: 1 }],
  history: [], parameters: [], interpretations: {},
};
const awardsOf = (corpus: Corpus) => evaluate(corpus, zoneEnterprise, { rules: ['jining-2022-54/2.national-title'] }).awards
  .map((a) => `${a.subject} ${a.rule} ${a.amount}`);

describe('corpus/regions.yaml', () => {
  it('is the only place Shandong\'s rows live: the engine\'s built-in table knows no code the corpus assigns', () => {
    expect(LOADED.corpus.regions).toHaveLength(173);
    expect(BUILT_IN_REGIONS.region('370895')).toBeUndefined();
    expect(regionTableOf(LOADED.corpus).region('370895')).toMatchObject({ name: '太白湖新区', parent: '370800', assigned: true });
  });

  it('is covered by the corpus version: one row more is another version', () => {
    expect(withZone().version).not.toBe(LOADED.corpus.version);
  });

  it('a functional zone added under 济宁 counts in 济宁: its enterprise gets the city\'s award, without a line of code', () => {
    expect(BUILT_IN_REGIONS.region('370898')).toBeUndefined(); // nowhere before: outside every issuer
    expect(awardsOf(LOADED.corpus)).toEqual([]);
    const corpus = withZone();
    expect(awardsOf(corpus)).toEqual(['E1 jining-2022-54/2.national-title 500000.00']);
    expect(regionTableOf(corpus).countiesOf('370800').map((r) => r.code)).toContain('370898'); // a peer of 全市 county rankings
    expect(regionTableOf(corpus).cityOf('370898')).toBe('370800');
  });

  it('refuses a code listed twice and a parent not in the table, at the row', () => {
    const twice = withFile('regions.yaml', (s) => `${s}- {code: '370811', name: 任城区, level: county, parent: '370800'}\n`);
    expect(problemsOf(twice)).toEqual([expect.objectContaining({ file: 'regions.yaml', field: '[173].code', line: twice.get('regions.yaml')!.split('\n').length - 1 })]);
    const orphan = withFile('regions.yaml', (s) => `${s}- {code: '379999', name: 无主区, level: county, parent: '379900'}\n`);
    expect(problemsOf(orphan)).toEqual([expect.objectContaining({ file: 'regions.yaml', field: '[173].parent' })]);
    const badCode = withFile('regions.yaml', (s) => s.replace("code: '370811'", "code: '37081'"));
    expect(problemsOf(badCode)).toEqual([expect.objectContaining({ file: 'regions.yaml', field: expect.stringContaining('code') })]);
  });
});

describe('the region table of the corpus in use (for server, store, workflow and CLI)', () => {
  afterEach(() => useCorpus(LOADED));

  it('follows the corpus in use: a published version adding the zone puts it in 济宁, for lookups and the readers\' Known', () => {
    expect(law.isWithin('370898', '370800')).toBe(false);
    expect(law.KNOWN.regions.region('370898')).toBeUndefined();
    expect(law.REGIONS).toEqual(LOADED.corpus.regions);
    useCorpus(corpusFromFiles(withFile('regions.yaml', (s) => s.replace("- {code: '370900'", `${ZONE}- {code: '370900'`))));
    expect(law.isWithin('370898', '370800')).toBe(true);
    expect(law.cityOf('370898')).toBe('370800');
    expect(law.region('370898')?.name).toBe('济宁北湖省级旅游度假区');
    expect(law.KNOWN.regions.region('370898')?.parent).toBe('370800');
    expect(law.REGIONS).toHaveLength(174);
  });
});
