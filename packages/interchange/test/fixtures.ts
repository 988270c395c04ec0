/** Shared test inputs: the spec's example (with a valid USCC) and what the reader may refer to. */
import { usccCheckChar } from '@duixian/engine';
import { VOCABULARY } from '@duixian/corpus';
import type { Known, Problem, ReadResult } from '@duixian/interchange';

export const known: Known = {
  rules: new Set([
    'jining-2022-54/1.retail',
    'jining-2022-54/2.retail-2022',
    'jinan-2021-cbec/2.2.park',
    'sd-2022-42/2.traffic',
  ]),
  interpretations: { 'I-pool': ['pro-rata', 'largest-first'], 'I-bounds': ['civil-code'] },
  vocabulary: VOCABULARY,
};

const FIRST17 = '91370811MA3C0XXXX';
export const USCC = FIRST17 + usccCheckChar(FIRST17)!;
/** The same code with a wrong check character, and the right one. */
export const USCC_CHECK = USCC[17]!;
export const BAD_USCC = FIRST17 + (USCC_CHECK === '0' ? '1' : '0');

/** JSON as a test mutates it, into every shape a bad file can have. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately ill-typed input
export type Loose = Record<string, any>;

/** The interchange spec's input example, plus a growth rate; a fresh copy each call, to mutate. */
export function example(): Loose {
  return {
    format: 'duixian/v1',
    year: 2023,
    subjects: [
      { id: 'CN', kind: 'country', name: '全国' },
      { id: '370000', kind: 'province', name: '山东省' },
      { id: '370800', kind: 'city', name: '济宁市', region: '370800' },
      { id: '370871', kind: 'county', name: '济宁高新区', region: '370871' },
      { id: 'E1', kind: 'enterprise', name: '示例电商有限公司', region: '370811', uscc: USCC, tags: ['inStatsLibrary', 'tradeCirculation'] },
    ],
    facts: [
      { subject: 'E1', year: 2023, key: 'physicalGoodsOnlineRetail', value: '1.2亿元' },
      { subject: 'E1', year: 2023, key: 'contestEventCost', item: '5月直播大赛', value: 70000 },
      { subject: '370871', year: 2023, key: 'panelScore', rule: 'jining-2022-54/1.retail', value: 91.5 },
      { subject: '370871', year: 2023, key: 'onlineRetailGrowth', value: '15.3%', source: '统计局' },
    ],
    history: [{ subject: 'E1', rule: 'jining-2022-54/2.retail-2022', year: 2022, amount: '50000' }],
    parameters: [{ rule: 'jinan-2021-cbec/2.2.park', year: 2023, key: 'amount', value: '50万元' }],
    interpretations: { 'I-pool': 'largest-first' },
  };
}

/** The problems of a read that must fail, or an error naming the dataset that came back. */
export const problemsOf = (r: ReadResult): Problem[] => {
  if (r.ok) throw new Error('expected problems, got a dataset');
  return r.problems;
};

/** The result of a read that must succeed, or an error listing its problems. */
export const datasetOf = (r: ReadResult) => {
  if (!r.ok) throw new Error(`unexpected problems:\n${r.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return r;
};
