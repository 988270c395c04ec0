/** `duixian show RULE` as a user runs it (the built command): the article's words and the rule as sentences; unknown ids. */
import { describe, expect, it } from 'vitest';
import { CORPUS } from '@duixian/corpus';
import { describeRule, corpusWords, renderDescription } from '@duixian/engine';
import { closeIds } from '../src/commands/show.js';
import { duixian } from './run-cli.js';

const TRAFFIC = 'sd-2022-42/2.traffic';

describe('duixian show', () => {
  it('prints the document, article, verbatim text and the sentences of 省 二 (流量补贴)', () => {
    const r = duixian('show', TRAFFIC);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rule = CORPUS.rules.find((x) => x.id === TRAFFIC)!;
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`鲁政字〔2022〕42号 第二条 电商龙头企业流量补贴（${TRAFFIC}）`);
    expect(lines[1]).toBe(`原文：${rule.text}`);
    // the article's figures as encoded, hand-checked against 鲁政字〔2022〕42号 二
    expect(lines).toContain('条件：对象为当年实物商品网络零售额1亿元以上企业（主体类别：企业）；实物商品网络零售额1亿元以上（含本数）');
    expect(lines).toContain('金额：按实物商品网络零售额每1万元最高补2元，每个对象最高100万元');
    expect(lines).toContain('上限：所列金额为最高额，审核时可低于此数；总额不超过500万元（原文：全省补贴总额不超过500万元）');
    expect(lines).toContain('资金来源：省财政');
    expect(r.stdout.endsWith(renderDescription(describeRule(rule, corpusWords(CORPUS), CORPUS)) + '\n')).toBe(true);
  });

  it('--json gives the same sentences with the rule\'s place in the law', () => {
    const r = duixian('show', 'sd-2022-42/1.growth', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['rule', 'title', 'document', 'number', 'article', 'text', 'sentences']);
    expect(out).toMatchObject({ rule: 'sd-2022-42/1.growth', document: 'sd-2022-42', number: '鲁政字〔2022〕42号', article: '一' });
    expect(out.sentences.map((s: { label: string }) => s.label)).toEqual(['条件', '金额', '排名', '资金来源', '互斥', '适用年度', '所依解读']);
    expect(out.sentences[1]).toEqual({ label: '金额', text: '给予100万元' });
    expect(out.sentences[2].text).toMatch(/^按网络零售额增幅在山东省辖区内的山东省各设区的市中排名，取前5名；/);
  });

  it('an unknown rule: exit 2, nothing on stdout, one line naming it and the close ids', () => {
    const r = duixian('show', 'sd-2022-42/2.trafic');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`RULE: unknown rule "sd-2022-42/2.trafic"; did you mean ${TRAFFIC}?\n`);
  });

  it('no rule at all: exit 2 with an example id', () => {
    const r = duixian('show');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`RULE: missing: the rule to show, e.g. duixian show ${CORPUS.rules[0]!.id}\n`);
  });
});

describe('close ids for a mistyped rule', () => {
  const ids = ['sd-2022-42/1.growth', 'sd-2022-42/1.share', 'sd-2022-42/2.traffic', 'jiyang-2021-80/5.retail', 'jiyang-2021-80/5.wholesale'];
  it.each([
    ['sd-2022-42/1.grow', ['sd-2022-42/1.growth']], // two letters off: within the limit of 17/4 = 4
    ['sd-2022-42/1.shares', ['sd-2022-42/1.share']],
    ['jiyang-2021-80/5', ['jiyang-2021-80/5.retail', 'jiyang-2021-80/5.wholesale']], // too far by letters: the ids containing it
    ['traffic', ['sd-2022-42/2.traffic']],
    ['dongying', []],
  ] as const)('%s → %j', (wanted, expected) => expect(closeIds(wanted, ids)).toEqual(expected));

  it('the nearest first, at most three', () => {
    expect(closeIds('sd-2022-42/1.x', ['sd-2022-42/1.xy', 'sd-2022-42/1.x12', 'sd-2022-42/1.xyz', 'sd-2022-42/1.abcd'])).toEqual(['sd-2022-42/1.xy', 'sd-2022-42/1.x12', 'sd-2022-42/1.xyz']);
  });
});
