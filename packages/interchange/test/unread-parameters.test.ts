/** A parameter no rule reads is refused, naming the row and listing what the rule does read (issue 14). */
import { describe, expect, it } from 'vitest';
import { INTERPRETATION_VALUES } from '@duixian/engine';
import { RULE_IDS, VOCABULARY, RULE_PARAMETERS } from '@duixian/corpus';
import { readObject, type Known } from '@duixian/interchange';

const known: Known = { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, parameters: RULE_PARAMETERS, vocabulary: VOCABULARY };
const read = (parameters: object[]) => readObject({ format: 'duixian/v1', year: 2023, subjects: [], facts: [], parameters }, known);
const problems = (parameters: object[]) => {
  const r = read(parameters);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('parameters a rule does not read', () => {
  it('refuses cap on the traffic subsidy, which reads no parameter', () => {
    expect(problems([{ rule: 'sd-2022-42/2.traffic', year: 2023, key: 'cap', value: '2万元' }])).toEqual([
      expect.stringMatching(/^parameters\[0\]\.key: .*sd-2022-42\/2\.traffic reads no parameter/),
    ]);
  });

  it('refuses rate and threshold on the contest subsidy, listing the city shares it reads', () => {
    const out = problems([
      { rule: 'dongying-2020-9/3.5.contest', year: 2023, key: 'cityShare', value: '60%' },
      { rule: 'dongying-2020-9/3.5.contest', year: 2023, key: 'rate', value: '90%' },
      { rule: 'dongying-2020-9/3.5.contest', year: 2023, key: 'threshold', value: '1万元' },
    ]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^parameters\[1\]\.key: .*"rate".*reads only cityShare, cityShare\.<县区代码>/);
    expect(out[1]).toMatch(/^parameters\[2\]\.key: /);
  });

  it('accepts what each rule reads: amount of a pending rule, topN and weights of a composite ranking', () => {
    const r = read([
      { rule: 'jinan-2021-cbec/2.2.park', year: 2023, key: 'amount', value: '50万元' },
      { rule: 'sd-2022-42/8.park-recommendation', year: 2023, key: 'topN', value: 5 },
      { rule: 'sd-2022-42/8.park-recommendation', year: 2023, key: 'weight.onlineSales', value: '70%' },
      { rule: 'dongying-2020-9/3.5.contest', year: 2023, key: 'cityShare.370522', value: '50%' },
    ]);
    expect(r.ok).toBe(true);
  });

  it('refuses amount on a rule with a fixed amount, and a weight of a fact the ranking does not use', () => {
    const out = problems([
      { rule: 'sd-2022-42/11.sorting-centre', year: 2023, key: 'amount', value: '400万元' },
      { rule: 'sd-2022-42/8.park-recommendation', year: 2023, key: 'weight.onlineRetail', value: '50%' },
    ]);
    expect(out).toEqual([
      expect.stringMatching(/^parameters\[0\]\.key: .*reads no parameter/),
      expect.stringMatching(/^parameters\[1\]\.key: .*reads only topN, weight\.onlineSales, weight\.enterpriseCount/),
    ]);
  });
});
