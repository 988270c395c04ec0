/**
 * The store checks places against the region table of the corpus in use (issue 15: the region
 * table is data): a list entry in a zone a version adds under 济宁 is a Shandong place once the
 * version is in use, and not before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { corpusFromFiles, LOADED, useCorpus } from '@duixian/corpus';
import { entryProblems } from '../src/lists.js';

const ZONE = "- {code: '370898', name: 济宁北湖省级旅游度假区, level: county, parent: '370800', zone: true, assigned: true}\n";
const withZone = () => {
  const files = new Map(LOADED.files);
  files.set('regions.yaml', files.get('regions.yaml')!.replace("- {code: '370900'", `${ZONE}- {code: '370900'`));
  return corpusFromFiles(files);
};
const entry = { list: 'black', name: '北湖电商', uscc: '91370800MA3C0000X0', region: '370898', reason: '失信', effective: '2023-01-01' };
const regionProblems = () => entryProblems(entry as never).filter((p) => p.field === 'region');

describe('list entries against the corpus in use\'s regions', () => {
  afterEach(() => useCorpus(LOADED));

  it('370898 is refused as no Shandong place, then accepted once a version adds it under 济宁', () => {
    expect(regionProblems().map((p) => p.message)).toEqual([expect.stringContaining('地区 370898 不是山东省内的统计用区划代码')]);
    useCorpus(withZone());
    expect(regionProblems()).toEqual([]);
  });
});
