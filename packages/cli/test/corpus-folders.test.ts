/**
 * The corpus moved from TypeScript modules to folders of YAML (issue 15) without changing one
 * decision: the demo data's `--json` output is byte for byte what it was before the move, and
 * `--corpus DIR` evaluates with another folder.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_CORPUS_DIR, CORPUS } from '@duixian/corpus';
import { duixian, tmp } from './run-cli.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * sha256 of `duixian demo --out F` (default seed, 2023) and of `duixian evaluate F --year Y --json
 * [--explain]`, taken at e0343c1 — the last commit whose rules were TypeScript modules.
 */
const BEFORE_THE_MOVE = {
  demo: '5db1c6cbce68e4f3540d34e597f6b5fc9025a0d3d47c106dbd446c9723ad31b6',
  'eval-2022': 'eba7803b36c04b32c5cf303442d865eeba5bc987596f69156e8cb30db58945c4',
  'eval-2023': 'aa60a802be3ca5c2dd5aafd00b0bf8177156b1c0431731c8d6fbbd3cdb3121cd',
  'explain-2022': 'ce669e46b113079d48c8adc151218159c364564b69c0458c819370fcddaba8b4',
  'explain-2023': '935eb1c6329ef468f9f92cd1369671768ff616f82571f966860c1d8865174d66',
};

/**
 * Four rule texts were corrected after the move to be verbatim (they had been shortened with "……" or
 * dropped words): explanations quote the corrected words, and nothing else of them changed.
 */
const CORRECTED_TEXTS: Readonly<Record<string, string>> = {
  'sd-2022-42/11.county-hub': '对整合全国性快递物流企业5家以上、实现县域内仓储、分拣、运输、配送、揽件“五统一”的县域快递物流配送中心……鼓励有条件的市根据当地发展规划给予适当支持',
  'sd-2022-42/11.sorting-centre': '支持国际性、全国性物流快递企业在省内建设……枢纽型分拨中心,省财政对符合条件的新设一级分拨中心,首年度给予一次性支持300万元',
  'jiyang-2021-80/6.shop': '每年开展评选活动,根据产品销量、网络零售额、反馈评价、粉丝量等指标综合评价。"网红店铺"前3名各奖励1万元',
  'jiyang-2021-80/6.influencer': '每年开展评选活动,根据产品销量、网络零售额、反馈评价、粉丝量等指标综合评价。"网红达人"前5名各奖励5000元',
};

/** The explanation as it was before the four corrections: each corrected text back to its earlier words. */
const withEarlierTexts = (out: string): string => {
  let s = out;
  for (const [rule, earlier] of Object.entries(CORRECTED_TEXTS)) {
    const now = CORPUS.rules.find((r) => r.id === rule)!.text;
    s = s.split(JSON.stringify(now)).join(JSON.stringify(earlier));
  }
  return s;
};

let dir: string;
let demo: string;
beforeAll(() => {
  dir = tmp();
  demo = join(dir, 'demo.json');
  expect(duixian('demo', '--out', demo).code).toBe(0);
}, 120_000);

describe('the five documents as folders decide exactly as the TypeScript modules did', () => {
  it('the demo data is the same', () => {
    expect(sha256(readFileSync(demo, 'utf8'))).toBe(BEFORE_THE_MOVE.demo);
  });

  it.each([2022, 2023] as const)('%i: awards and explanations are byte-identical', (year) => {
    const plain = duixian('evaluate', demo, '--year', String(year), '--json');
    const explained = duixian('evaluate', demo, '--year', String(year), '--json', '--explain');
    expect([plain.code, explained.code]).toEqual([0, 0]);
    expect(sha256(plain.stdout)).toBe(BEFORE_THE_MOVE[`eval-${year}`]);
    expect(sha256(explained.stdout)).not.toBe(BEFORE_THE_MOVE[`explain-${year}`]); // the corrected texts are quoted
    expect(sha256(withEarlierTexts(explained.stdout))).toBe(BEFORE_THE_MOVE[`explain-${year}`]);
  }, 120_000);
});

describe('--corpus DIR', () => {
  it('a copy of the built-in folder decides the same', () => {
    const copy = join(dir, 'copy');
    cpSync(BUILT_IN_CORPUS_DIR, copy, { recursive: true });
    const r = duixian('evaluate', demo, '--year', '2023', '--json', '--corpus', copy);
    expect(r.code).toBe(0);
    expect(sha256(r.stdout)).toBe(BEFORE_THE_MOVE['eval-2023']);
  }, 120_000);

  it('a changed figure takes effect with no rebuild', () => {
    const copy = join(dir, 'changed');
    cpSync(BUILT_IN_CORPUS_DIR, copy, { recursive: true });
    const rules = join(copy, 'jiyang-2021-80', 'rules.yaml');
    const raised = readFileSync(rules, 'utf8').replace("award: {money: 5万元}\n    once: true\n  - id: jiyang-2021-80/3", "award: {money: 6万元}\n    once: true\n  - id: jiyang-2021-80/3");
    writeFileSync(rules, raised);
    const input = join(dir, 'agri.json');
    writeFileSync(input, JSON.stringify({
      format: 'duixian/v1', year: 2022,
      subjects: [{ id: 'E1', kind: 'enterprise', name: '某农特产品电商', region: '370115', tags: ['sellsBrandedAgriProducts'] }],
      facts: [{ subject: 'E1', year: 2022, key: 'onlineRetail', value: '100万元' }],
    }));
    const award = (out: string) => (JSON.parse(out) as { awards: { rule: string; amount: string }[] }).awards.find((a) => a.rule === 'jiyang-2021-80/2.agri-sales')?.amount;
    expect(award(duixian('evaluate', input, '--json').stdout)).toBe('50000.00');
    expect(award(duixian('evaluate', input, '--json', '--corpus', copy).stdout)).toBe('60000.00');
  }, 120_000);

  it('a broken file: exit 2, nothing on stdout, the file, line and field on stderr', () => {
    const copy = join(dir, 'broken');
    cpSync(BUILT_IN_CORPUS_DIR, copy, { recursive: true });
    const rules = join(copy, 'jiyang-2021-80', 'rules.yaml');
    const source = readFileSync(rules, 'utf8');
    writeFileSync(rules, source.replace('legal: 达到, value: "5000"', 'legal: 达成, value: "5000"'));
    const line = source.split('\n').findIndex((l) => l.includes('legal: 达到, value: "5000"')) + 1;
    const r = duixian('evaluate', demo, '--corpus', copy);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`jiyang-2021-80/rules.yaml:${line} rules[0].conditions[0].legal: "达成" is not one of`);
  }, 120_000);

  it('a folder that is not there, or no folder given: exit 2 saying so', () => {
    expect(duixian('check', '--corpus', join(dir, 'nowhere'))).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('no such folder') });
    expect(duixian('check', '--corpus')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('missing DIR') });
  });
});
