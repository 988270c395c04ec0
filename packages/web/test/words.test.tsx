// @vitest-environment jsdom
/**
 * No internal words on a Chinese screen: the engine's explanation lines as the pages show them —
 * readings by their question and meaning, indicators, parameters and clauses by their Chinese
 * names, missing data by indicator and year, money in two decimals — and an API failure in the
 * reader's language only. The texts are the engine's own (copied from the demo's explanations).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { namesFrom, NamesProvider } from '../src/names';
import { factValue, missingWords, moneyAsWritten, plainWords, ReadingsProvider, summaryWords, type Wording } from '../src/words';
import { Steps } from '../src/pages/Calculator';
import { Failure } from '../src/pages/Failure';
import { ApiFailure } from '../src/api';
import { LangContext } from '../src/i18n';

window.matchMedia ??= ((query: string) => ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false })) as typeof window.matchMedia;
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const vocabulary = {
  factKeys: [
    { key: 'physicalGoodsOnlineRetail', label: '实物商品网络零售额', unit: 'yuan' },
    { key: 'panelScore', label: '综合评价得分', unit: 'score' },
    { key: 'cnyPerUsd', label: '人民币对美元年平均汇率', unit: 'ratio' },
  ],
  kinds: [{ kind: 'enterprise', label: '企业' }],
  tags: [{ tag: 'inCity', label: '在发文城市开展该项活动' }],
  parameters: [{ key: 'topN', label: '名次数（前N名）', unit: '名' }, { key: 'amount', label: '金额（待定奖励的金额标准）', unit: '元' }],
  regions: [],
};
const rules = [
  { id: 'sd-2022-42/1.growth', document: 'sd-2022-42', number: '鲁政字〔2022〕42号', article: '一', title: '网络零售额增幅奖励', mode: 'automatic' as const },
  { id: 'sd-2022-42/1.share', document: 'sd-2022-42', number: '鲁政字〔2022〕42号', article: '一', title: '网络零售额占比奖励', mode: 'automatic' as const },
  { id: 'jining-2022-54/3.national-title', document: 'jining-2022-54', number: '济政办字〔2022〕54号', article: '三', title: '国家级示范称号奖励', mode: 'automatic' as const },
];
// as corpus/readings.yaml declares them
const readings = [
  { id: 'I-per-unit', question: '每实现1万元……2元', values: ['full-units', 'proportional'], meanings: ['只计满一个单位的整数部分，不足一个单位的不计', '不足一个单位的部分按比例计算'] },
  { id: 'I-composite', question: '未规定方法的综合评价', values: ['panel-or-minmax', 'weighted'], meanings: ['有专家评分用专家评分，否则各项指标最小—最大标准化后等权相加', '各项指标标准化后按规则参数设定的权重相加'] },
  { id: 'I-exclusive', question: '不重复奖励 / 就高不就低', values: ['highest'], meanings: ['同组中保留金额最高的一项，金额相同保留先列的一项'] },
  { id: 'I-tier-range', question: '“A至B”档次的端点', values: ['lower-inclusive', 'upper-inclusive'], meanings: ['A（含）至B（不含）：恰好等于B的进入上一档', 'A（不含）至B（含）：恰好等于B的留在本档'] },
  { id: 'I-year-in-force', question: '文件覆盖的考核年度', values: ['overlap', 'full'], meanings: ['有效期覆盖该年度任何一天，即按全年考核', '只考核全年都在有效期内的年度'] },
];
const w: Wording = { names: namesFrom(vocabulary, rules), readings };

/** What a reader of a Chinese screen must not see: reading ids, fact keys, years glued to ids, analysts' references, clause ids. */
const INTERNAL = /I-[a-z]|@20\d\d|\b[a-z]+[A-Z][a-zA-Z]+\b|policy-catalogue|[a-z]+-\d{4}-[a-z0-9]+/;

describe('an explanation line in words', () => {
  it.each([
    [
      '实物商品网络零售额 1.6497655248亿元 ÷ 1万元 = 16497个完整单位（I-per-unit=full-units，不足一个单位不计）× 2元 = 3.2994万元',
      '实物商品网络零售额 ≈1.65亿元 ÷ 1万元 = 16497个完整单位（「每实现1万元……2元」：只计满一个单位的整数部分，不足一个单位的不计，不足一个单位不计）× 2元 = ≈3.30万元',
    ],
    [
      '本系统对条文的理解：“综合排名靠前”未规定名次，按前3名（参数 topN 可调）；综合评价未规定方法，按 I-composite。',
      '本系统对条文的理解：“综合排名靠前”未规定名次，按前3名（参数「名次数（前N名）」可调）；综合评价未规定方法，按「未规定方法的综合评价」的解释口径。',
    ],
    [
      // the indicator named beside its own label is not named twice
      '未规定评定方法时按 I-composite：综合评价得分（panelScore），否则按三年网络销售额合计',
      '未规定评定方法时按「未规定方法的综合评价」的解释口径：综合评价得分，否则按三年网络销售额合计',
    ],
    ['支持对象按同款第一句理解为纳统商贸流通企业（policy-catalogue）。', '支持对象按同款第一句理解为纳统商贸流通企业。'],
    [
      '上述两项奖励政策不重复奖励,奖励标准“就高不就低”（I-exclusive=highest）：该主体同时符合 sd-2022-42/1.share（50万元），就高保留该项，本项（30万元）不予重复给予',
      '上述两项奖励政策不重复奖励,奖励标准“就高不就低”（「不重复奖励 / 就高不就低」：同组中保留金额最高的一项，金额相同保留先列的一项）：该主体同时符合 鲁政字〔2022〕42号 第一条 网络零售额占比奖励（50万元），就高保留该项，本项（30万元）不予重复给予',
    ],
    // a group by its document and article, a document by its 文号
    ['…：本项为该主体在sd-2022-42/1中金额最高的一项，予以保留', '…：本项为该主体在鲁政字〔2022〕42号 第一条中金额最高的一项，予以保留'],
    ['…：本项为该主体在jining-2022-54中金额最高的一项，予以保留', '…：本项为该主体在济政办字〔2022〕54号中金额最高的一项，予以保留'],
    // a reading switched for one document only
    ['按 I-tier-range@jiyang-2021-80=upper-inclusive 计', '按「“A至B”档次的端点」：A（不含）至B（含）：恰好等于B的留在本档 计'],
    ['无美元数时，按当年汇率（cnyPerUsd）折算；以 inCity 标签为准', '无美元数时，按当年汇率（人民币对美元年平均汇率）折算；以 在发文城市开展该项活动 标签为准'],
  ])('%s', (engine, people) => {
    const shown = plainWords(engine, w);
    expect(shown).toBe(people);
    expect(shown).not.toMatch(INTERNAL);
  });

  it('leaves what it does not know as the engine wrote it, rather than guessing', () => {
    expect(plainWords('按 I-unknown=x 计（参数 weight.foo）', w)).toBe('按 I-unknown=x 计（参数 weight.foo）');
    expect(plainWords('网络零售额 1,200万元 ≥ 1亿元（以上，含本数）', w)).toBe('网络零售额 1,200万元 ≥ 1亿元（以上，含本数）');
  });
});

describe('money in an explanation', () => {
  it.each([
    ['1.6497655248亿元', '≈1.65亿元'],
    ['1.6447655248亿元', '≈1.64亿元'], // below half: down
    ['1.645亿元', '≈1.65亿元'], // exactly half: up
    ['9,999.995万元', '≈10,000.00万元'], // the carry reaches the thousands
    ['1,234.500000万元', '1,234.50万元'], // only zeros dropped: exact, no ≈
    ['-2.3456万元', '≈-2.35万元'],
    ['1.234567万美元', '≈1.23万美元'],
    ['1.23亿元', '1.23亿元'], // two places stay as written
    ['1,200万元', '1,200万元'], // the text's own figures stay as the text writes them
    ['8,000.12元', '8,000.12元'],
    ['金额 32994.00 元（最高额）', '金额 32,994.00 元（最高额）'], // the summary's amount to the fen: exact, with separators
    ['金额 999.50 元', '金额 999.50 元'],
  ])('%s → %s', (engine, people) => expect(moneyAsWritten(engine)).toBe(people));
});

describe('missing data', () => {
  it.each([
    ['E0000679 physicalGoodsOnlineRetail@2023', '实物商品网络零售额（2023年）'],
    ['physicalGoodsOnlineRetail@2022', '实物商品网络零售额（2022年）'],
    ['370811 unknownKey@2023', 'unknownKey（2023年）'], // a key the vocabulary does not have stays, with its year in words
    ['P-SD-HIRE-1 physicalGoodsOnlineRetail@2023', '实物商品网络零售额（2023年）'], // a subject id with hyphens (the demo's planted ones)
  ])('%s → %s', (engine, people) => expect(missingWords(engine, w)).toBe(people));

  it('a summary listing missing data names each indicator and year', () => {
    expect(summaryWords('缺少：E1 physicalGoodsOnlineRetail@2023、E1 panelScore@2022', w)).toBe('缺少：实物商品网络零售额（2023年）、综合评价得分（2022年）');
    // inside a step, glued to the words before it
    expect(plainWords('跨境电商交易额 无法与1000万美元比较：缺少ME cnyPerUsd@2023（不作推测）', w)).toBe('跨境电商交易额 无法与1000万美元比较：缺少人民币对美元年平均汇率（2023年）（不作推测）');
  });
});

/** The API a signed-in shell asks for its names and readings. */
const stubApi = () => vi.stubGlobal('fetch', vi.fn(async (url: string) => new Response(JSON.stringify(
  url === '/api/v1/vocabulary' ? vocabulary : url === '/api/v1/rules' ? { items: rules } : url === '/api/v1/interpretations' ? { items: readings } : {},
))));

describe('the explanation as the pages show it', () => {
  it('each step in words once the shell has its names and readings', async () => {
    stubApi();
    render(
      <NamesProvider><ReadingsProvider>
        <Steps steps={[
          { kind: 'compute', holds: true, text: '实物商品网络零售额 1.6497655248亿元 ÷ 1万元 = 16497个完整单位（I-per-unit=full-units，不足一个单位不计）× 2元 = 3.2994万元' },
          { kind: 'exclusive', holds: false, text: '就高不就低（I-exclusive=highest）：该主体同时符合 sd-2022-42/1.share（50万元）' },
        ]} />
      </ReadingsProvider></NamesProvider>,
    );
    await waitFor(() => expect(document.body.textContent).toContain('「每实现1万元……2元」'), { timeout: 10_000 });
    const shown = document.body.textContent ?? '';
    expect(shown).toContain('鲁政字〔2022〕42号 第一条 网络零售额占比奖励');
    expect(shown).toContain('≈1.65亿元');
    expect(shown).not.toMatch(INTERNAL);
  });
});

describe('a failure in the reader\'s language', () => {
  const failure = new ApiFailure(422, 'invalid-file', '文件有 2 处问题', 'The file has 2 problems', [
    { path: 'subjects!C3', message: 'missing: a name is required' },
    { path: 'facts!D7', message: '数值不是数字' },
  ]);

  it('a Chinese screen shows no English line: each place with its Chinese problem, or a Chinese pointer to the English details', () => {
    render(<LangContext.Provider value="zh"><Failure error={failure} /></LangContext.Provider>);
    const shown = screen.getByRole('alert').textContent ?? '';
    expect(shown).toContain('文件有 2 处问题');
    expect(shown).toContain('facts!D7');
    expect(shown).toContain('数值不是数字');
    expect(shown).toContain('subjects!C3');
    expect(shown).not.toMatch(/missing|required|The file/);
  });

  it('an English screen shows the English lines', () => {
    render(<LangContext.Provider value="en"><Failure error={failure} /></LangContext.Provider>);
    const shown = screen.getByRole('alert').textContent ?? '';
    expect(shown).toContain('The file has 2 problems');
    expect(shown).toContain('missing: a name is required');
  });
});

describe('an indicator\'s stored value as people write it', () => {
  it.each([
    ['yuan', 87697736230000, '8,769.77亿元'], // fen
    ['yuan', 4208330000, '4,208.33万元'],
    ['yuan', 800000, '8,000.00元'],
    ['usd', 123456789, '123.46万美元'], // cents
    ['ratio', 276000, '27.6%'], // millionths
    ['ratio', -35000, '-3.5%'],
    ['count', 1234567, '1,234,567'],
    ['score', 87500000, '87.5分'],
    ['flag', 1, '是'],
    ['date', 20230915, '2023-09-15'],
    [undefined, 42, '42'],
  ])('%s %d → %s', (unit, v, want) => expect(factValue(unit, v)).toBe(want));
});
