/**
 * The platform's jurisdictions follow the region table of the corpus in use (issue 15: the region
 * table is data): once a version adding a zone under 济宁 is in use, 济宁's administrators see the
 * zone's subjects and list it among their regions — with no change of code, and no stale cache.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { corpusFromFiles, LOADED, useCorpus } from '@duixian/corpus';
import { canSeeSubject, regionsWithin } from '../src/auth/access.js';
import type { Account } from '@duixian/store';

const ZONE = "- {code: '370898', name: 济宁北湖省级旅游度假区, level: county, parent: '370800', zone: true, assigned: true}\n";
const withZone = () => {
  const files = new Map(LOADED.files);
  files.set('regions.yaml', files.get('regions.yaml')!.replace("- {code: '370900'", `${ZONE}- {code: '370900'`));
  return corpusFromFiles(files);
};
const jiningAdmin = { role: 'city-admin', region: '370800' } as Account;
const zoneEnterprise = { id: 'E1', region: '370898' };

describe('jurisdictions from the corpus in use', () => {
  afterEach(() => useCorpus(LOADED));

  it('a zone a version adds under 济宁 is inside 济宁 for its administrators, from the moment the version is in use', () => {
    expect(canSeeSubject(jiningAdmin, zoneEnterprise)).toBe(false);
    expect(regionsWithin('370800')).not.toContain('370898');
    expect(regionsWithin('370800')).toHaveLength(16); // 济宁 and its 15 county-level units
    useCorpus(withZone());
    expect(canSeeSubject(jiningAdmin, zoneEnterprise)).toBe(true);
    expect(regionsWithin('370800')).toContain('370898');
    expect(regionsWithin('370800')).toHaveLength(17);
  });
});
