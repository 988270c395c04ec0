/**
 * Every award explains itself in one sentence: a title or a recommendation says what it is, not
 * an empty line (the 评审 page shows the summary first; an empty one was shown as nothing at all).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';

describe('the summary of an award', () => {
  it('a title and a recommendation of 东营 二(四) name themselves; money names its amount', () => {
    const out = evaluate(CORPUS, {
      year: 2022, subjects: [{ id: 'T1', kind: 'town', name: '示例电商小镇', region: '370522', tags: ['certified'] }],
      facts: [], history: [], parameters: [], interpretations: {},
    }, { year: 2022, explain: true, documents: ['dongying-2020-9'] });
    const summary = Object.fromEntries(out.awards.map((a) => [a.rule, a.explanation!.summary]));
    expect(summary).toMatchObject({
      'dongying-2020-9/2.4.title': '荣誉：授予市级电商小镇、电商村称号',
      'dongying-2020-9/2.4.recommendation': '优先推荐省级评定',
    });
    expect(out.awards.every((a) => a.explanation!.summary !== '')).toBe(true);
  });
});
