/**
 * `duixian check --corpus DIR` as an analyst runs it on a corpus folder with one figure or word of
 * the law typed wrong: it exits 1 and prints `<rule id>: <message>` naming the figure.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CORPUS_DIR } from '@duixian/corpus';
import { duixian, tmp } from './run-cli.js';

/** A copy of the built-in corpus with one replacement in one document's rules.yaml. */
function corpusWith(document: string, from: string, to: string): string {
  const dir = join(tmp(), 'corpus');
  cpSync(BUILT_IN_CORPUS_DIR, dir, { recursive: true });
  const file = join(dir, document, 'rules.yaml');
  const yaml = readFileSync(file, 'utf8');
  if (yaml.split(from).length !== 2) throw new Error(`"${from}" is not once in ${file}`);
  writeFileSync(file, yaml.replace(from, to));
  return dir;
}

describe('duixian check --corpus DIR', () => {
  it.each([
    ['a tier changed from 5万 to 6万', '{from: 2000万元, to: 1亿元, money: 5万元}', '{from: 2000万元, to: 1亿元, money: 6万元}',
      'jiyang-2021-80/5.wholesale: 6万元 (award.tiers[0].money) is not in any cite of the rule'],
    ['a threshold changed from 5000 m² to 500', 'legal: 达到, value: "5000"', 'legal: 达到, value: "500"',
      'jiyang-2021-80/1.cluster: 500 (conditions[0].value) is not in any cite of the rule'],
    ['以上 changed to 超过', '{fact: enterpriseCount}, legal: 以上', '{fact: enterpriseCount}, legal: 超过',
      'jiyang-2021-80/1.cluster: 超过 (conditions[1].legal) does not govern 50 (conditions[1].value) in any cite of the rule'],
  ])('%s: exit 1, the rule and the figure on stderr', (_name, from, to, line) => {
    const r = duixian('check', '--corpus', corpusWith('jiyang-2021-80', from, to));
    expect(r.code).toBe(1);
    // the one problem of the law's words; the document's cases, decided by the changed figure, may add theirs
    const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('check failed') && !/^\S+\/cases\//.test(l));
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))]);
  }, 60_000);

  it('the unchanged copy passes', () => {
    const r = duixian('check', '--corpus', corpusWith('jiyang-2021-80', 'legal: 达到, value: "5000"', 'legal: 达到, value: "5000"'));
    expect([r.code, r.stderr]).toEqual([0, '']);
  }, 60_000);
});
