/**
 * The engine on the synthetic corpus (synthetic.ts): hand-computed cases for every rule shape and
 * for the population steps together — pools, groups across articles, ranks with ties and vacancies,
 * once-only with history, caps — with both sides of every bound (以上 ≥, 超过 >). Each case states the
 * whole outcome of the run (every award, withheld award and missing-data row of every rule), so a
 * rule that pays where it should not fails the case too.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, parameterUnit, parseQuantity, type Dataset, type Evaluation, type Fact, type FactKey, type HistoryEntry, type Parameter, type PoolResult, type Subject, type SubjectKind, type Tag } from '@duixian/engine';
import { R, SYNTHETIC } from './synthetic.js';

/** A quantity as the documents write it ("5000万元", "30%", "2031-05-01"), held in the unit's integer. */
function held(unit: Parameters<typeof parseQuantity>[1], text: string): number {
  const p = parseQuantity(text, unit);
  if (!p.ok) throw new Error(`${text}: ${p.error}`);
  return p.value;
}

const subject = (kind: SubjectKind, id: string, region?: string, ...tags: Tag[]): Subject => ({ id, kind, name: id, ...(region ? { region } : {}), tags });
const ent = (id: string, region: string, ...tags: Tag[]) => subject('enterprise', id, region, ...tags);
const city = (code: string) => subject('city', code, code);
const county = (code: string) => subject('county', code, code);

/** A fact of the case's year unless `at.year` says otherwise. */
const fact = (subjectId: string, key: FactKey, value: string, at: { year?: number; item?: string; rule?: string } = {}) => ({ subjectId, key, value, at });
type FactSpec = ReturnType<typeof fact>;
/** A grant already made: `amount` as written ("5万元"), or none for an honour. */
const granted = (subjectId: string, rule: string, year: number, amount?: string): HistoryEntry => ({ subject: subjectId, rule, year, amount: amount === undefined ? null : held('yuan', amount) });
const parameter = (rule: string, key: string, value: string, year = 2031): Parameter => ({ rule, year, key, value: held(parameterUnit(key)!, value) });

interface Case {
  readonly name: string;
  readonly year?: number; // 2031 unless given
  readonly subjects: readonly Subject[];
  readonly facts?: readonly FactSpec[];
  readonly history?: readonly HistoryEntry[];
  readonly parameters?: readonly Parameter[];
  readonly interpretations?: Readonly<Record<string, string>>;
  /** "SUBJECT RULE amount|honor|recommendation|pending [rank N]" */
  readonly awards?: readonly string[];
  /** "SUBJECT RULE reason [keptRule]" */
  readonly withheld?: readonly string[];
  /** "SUBJECT RULE fact@year,…" */
  readonly missing?: readonly string[];
  /** compared only when given */
  readonly byFunder?: Readonly<Record<string, string>>;
  readonly pools?: readonly PoolResult[];
}

function datasetOf(c: Case): Dataset {
  const year = c.year ?? 2031;
  const facts: Fact[] = (c.facts ?? []).map((f) => ({
    subject: f.subjectId, year: f.at.year ?? year, key: f.key, value: held(SYNTHETIC.vocabulary.facts[f.key]!.unit, f.value),
    ...(f.at.item !== undefined ? { item: f.at.item } : {}), ...(f.at.rule !== undefined ? { rule: f.at.rule } : {}),
  }));
  return { year, subjects: c.subjects, facts, history: c.history ?? [], parameters: c.parameters ?? [], interpretations: c.interpretations ?? {} };
}

/** The run's whole outcome as the case writes it. */
function outcome(out: Evaluation) {
  return {
    awards: out.awards.map((a) => [a.subject, a.rule, a.type === 'money' ? a.amount : a.type, ...(a.rank !== null ? ['rank', a.rank] : [])].join(' ')).sort(),
    withheld: out.withheld.map((w) => [w.subject, w.rule, w.reason, ...(w.keptRule ? [w.keptRule] : [])].join(' ')).sort(),
    missing: out.missing.map((m) => `${m.subject} ${m.rule} ${m.facts.join(',')}`).sort(),
  };
}

function check(c: Case): void {
  const out = evaluate(SYNTHETIC, datasetOf(c), { explain: true });
  expect(outcome(out)).toEqual({ awards: [...(c.awards ?? [])].sort(), withheld: [...(c.withheld ?? [])].sort(), missing: [...(c.missing ?? [])].sort() });
  if (c.byFunder) expect(out.totals.byFunder).toEqual(c.byFunder);
  if (c.pools) expect(out.pools).toEqual(c.pools);
  // the explaining path reaches the same decision, to the fen
  for (const a of out.awards) {
    expect(a.explanation?.outcome, `${a.subject} ${a.rule}`).toBe('award');
    if (a.amount !== null) expect(a.explanation?.summary, `${a.subject} ${a.rule}`).toMatch(new RegExp(`^金额 ${a.amount} 元`));
  }
  for (const w of out.withheld) expect(w.explanation?.outcome, `${w.subject} ${w.rule}`).toBe('withheld');
}

const run = (cases: readonly Case[]) => {
  for (const c of cases) it(c.name, () => check(c));
};

const pool = (requested: string, granted: string, grantedBefore?: string): PoolResult => ({ rule: R.scale, cap: '1000000.00', requested, granted, ...(grantedBefore ? { grantedBefore } : {}) });

describe('一 规模奖励: per unit, 超过, per-subject cap, the province pool', () => {
  run([
    {
      name: '超过5000万元不含本数：恰好5000万元不奖；多1分即5000个完整万元 × 1元 = 5000元',
      subjects: [ent('E1', '370102'), ent('E2', '370102')],
      facts: [fact('E1', 'physicalGoodsOnlineRetail', '5000万元'), fact('E2', 'physicalGoodsOnlineRetail', '50000000.01')],
      awards: [`E2 ${R.scale} 5000.00`],
      pools: [pool('5000.00', '5000.00')],
    },
    {
      name: '不足1万元的部分不计（I-per-unit=full-units）：123456789元 → 12345个单位 → 12345元',
      subjects: [ent('E1', '370102')],
      facts: [fact('E1', 'physicalGoodsOnlineRetail', '123456789')],
      awards: [`E1 ${R.scale} 12345.00`],
    },
    {
      name: '按比例（I-per-unit=proportional）：123456789 ÷ 10000 × 1元 = 12345.6789元，不足一分舍去',
      subjects: [ent('E1', '370102')],
      facts: [fact('E1', 'physicalGoodsOnlineRetail', '123456789')],
      interpretations: { 'I-per-unit': 'proportional' },
      awards: [`E1 ${R.scale} 12345.67`],
    },
    {
      name: '每家最高50万元：50亿元恰好50万元，60亿元也是50万元；合计恰好100万元，总额内全额',
      subjects: [ent('E1', '370102'), ent('E2', '370202')],
      facts: [fact('E1', 'physicalGoodsOnlineRetail', '50亿元'), fact('E2', 'physicalGoodsOnlineRetail', '60亿元')],
      awards: [`E1 ${R.scale} 500000.00`, `E2 ${R.scale} 500000.00`],
      pools: [pool('1000000.00', '1000000.00')],
    },
    {
      name: '总额不超过100万元（I-pool=pro-rata）：50万、40万、30万按 100/120 核减，不足一分舍去',
      subjects: [ent('E1', '370102'), ent('E2', '370202'), ent('E3', '370302')],
      facts: [fact('E1', 'physicalGoodsOnlineRetail', '50亿元'), fact('E2', 'physicalGoodsOnlineRetail', '40亿元'), fact('E3', 'physicalGoodsOnlineRetail', '30亿元')],
      awards: [`E1 ${R.scale} 416666.66`, `E2 ${R.scale} 333333.33`, `E3 ${R.scale} 250000.00`],
      pools: [pool('1200000.00', '999999.99')],
    },
    {
      name: '总额用完即止（I-pool=largest-first）：50万、40万全额，30万只得10万，10万一分不得',
      subjects: [ent('E1', '370102'), ent('E2', '370202'), ent('E3', '370302'), ent('E4', '370402')],
      facts: [
        fact('E1', 'physicalGoodsOnlineRetail', '50亿元'), fact('E2', 'physicalGoodsOnlineRetail', '40亿元'),
        fact('E3', 'physicalGoodsOnlineRetail', '30亿元'), fact('E4', 'physicalGoodsOnlineRetail', '10亿元'),
      ],
      interpretations: { 'I-pool': 'largest-first' },
      awards: [`E1 ${R.scale} 500000.00`, `E2 ${R.scale} 400000.00`, `E3 ${R.scale} 100000.00`],
      withheld: [`E4 ${R.scale} pool`],
      pools: [pool('1300000.00', '1000000.00')],
    },
    // this year's grants use the pool first: history.test.ts
    {
      name: '上年给予的80万元不占本年总额（I-pool-period=year）：两家各50万元全额',
      subjects: [ent('H1', '370102'), ent('E1', '370102'), ent('E2', '370202')],
      facts: [fact('E1', 'physicalGoodsOnlineRetail', '50亿元'), fact('E2', 'physicalGoodsOnlineRetail', '50亿元')],
      history: [granted('H1', R.scale, 2030, '80万元')],
      awards: [`E1 ${R.scale} 500000.00`, `E2 ${R.scale} 500000.00`],
      pools: [pool('1000000.00', '1000000.00')],
    },
    {
      name: '总额按有效期计（I-pool-period=validity）：上年80万元占总额，两家各得10万元',
      subjects: [ent('H1', '370102'), ent('E1', '370102'), ent('E2', '370202')],
      facts: [fact('E1', 'physicalGoodsOnlineRetail', '50亿元'), fact('E2', 'physicalGoodsOnlineRetail', '50亿元')],
      history: [granted('H1', R.scale, 2030, '80万元')],
      interpretations: { 'I-pool-period': 'validity' },
      awards: [`E1 ${R.scale} 100000.00`, `E2 ${R.scale} 100000.00`],
      pools: [pool('1000000.00', '200000.00', '800000.00')],
    },
    {
      name: '每家最高额按有效期计：上年已得30万元，本年40万元只补到50万元（20万元）；已得50万元则不再给予',
      subjects: [ent('E1', '370102'), ent('E2', '370202')],
      facts: [fact('E1', 'physicalGoodsOnlineRetail', '40亿元'), fact('E2', 'physicalGoodsOnlineRetail', '40亿元')],
      history: [granted('E1', R.scale, 2030, '30万元'), granted('E2', R.scale, 2030, '50万元')],
      interpretations: { 'I-pool-period': 'validity' },
      awards: [`E1 ${R.scale} 200000.00`],
      withheld: [`E2 ${R.scale} cap-history ${R.scale}`],
    },
    {
      name: '就高在先、总额在后：同时获第七条20万元的企业放弃规模奖10万元，不占总额；其余50万、50万、20万按 100/120 核减',
      subjects: [ent('E1', '370102'), ent('E2', '370202'), ent('E3', '370302'), ent('E4', '370402')],
      facts: [
        fact('E1', 'physicalGoodsOnlineRetail', '10亿元'), fact('E1', 'nationalTitle', '1'),
        fact('E2', 'physicalGoodsOnlineRetail', '50亿元'), fact('E3', 'physicalGoodsOnlineRetail', '50亿元'), fact('E4', 'physicalGoodsOnlineRetail', '20亿元'),
      ],
      awards: [`E1 ${R.title} 200000.00`, `E2 ${R.scale} 416666.66`, `E3 ${R.scale} 416666.66`, `E4 ${R.scale} 166666.66`],
      withheld: [`E1 ${R.scale} exclusive ${R.title}`],
      pools: [pool('1200000.00', '999999.98')],
    },
    {
      name: '每家最高额按年度计（默认）：上年所得不影响本年 40万元',
      subjects: [ent('E1', '370102')],
      facts: [fact('E1', 'physicalGoodsOnlineRetail', '40亿元')],
      history: [granted('E1', R.scale, 2030, '30万元')],
      awards: [`E1 ${R.scale} 400000.00`],
    },
  ]);
});

/** The cities of 二/三: published growth against the province's 10%, shares computed from two totals. */
const cities = (growth: Record<string, string>, share: Record<string, string> = {}): Pick<Case, 'subjects' | 'facts'> => ({
  subjects: [subject('province', '370000', '370000'), ...Object.keys({ ...growth, ...share }).map(city)],
  facts: [
    fact('370000', 'onlineRetailGrowth', '10%'),
    ...Object.entries(growth).map(([code, g]) => fact(code, 'onlineRetailGrowth', g)),
    ...Object.entries(share).flatMap(([code, physical]) => [fact(code, 'totalRetailSales', '1000亿元'), fact(code, 'physicalGoodsOnlineRetail', physical)]),
  ],
});
const FIVE = { 370100: '25%', 370200: '20%', 370300: '20%', 370400: '15%', 370500: '9%' };

describe('二、三 cities: above the average, top 3 with ties, 就高 across two articles, vacancies', () => {
  run([
    {
      name: '高于全省平均不含本数：增幅恰好10%的市第2名也不奖；10.0001%第1名得300万元',
      ...cities({ 370100: '10.0001%', 370200: '10%' }),
      awards: [`370100 ${R.growth} 3000000.00 rank 1`],
    },
    {
      name: '并列（I-rank-ties=share）：两市并列第2名各得200万元，下一名为第4名；9%低于平均',
      ...cities(FIVE),
      awards: [`370100 ${R.growth} 3000000.00 rank 1`, `370200 ${R.growth} 2000000.00 rank 2`, `370300 ${R.growth} 2000000.00 rank 2`],
    },
    {
      name: '并列按编码先后（I-rank-ties=break）：第2名200万元、第3名100万元',
      ...cities(FIVE),
      interpretations: { 'I-rank-ties': 'break' },
      awards: [`370100 ${R.growth} 3000000.00 rank 1`, `370200 ${R.growth} 2000000.00 rank 2`, `370300 ${R.growth} 1000000.00 rank 3`],
    },
    {
      name: '占比不低于30%含本数：300亿元 ÷ 1000亿元 = 30% 得250万元；少1分不得',
      ...cities({}, { 370600: '300亿元', 370700: '29999999999.99' }),
      awards: [`370600 ${R.share} 2500000.00`],
    },
    {
      name: '就高（跨第二、三条）：第1名300万元高于占比250万元，保留名次奖；第3名100万元低于250万元，保留占比奖，第3名空缺（I-vacancy=empty）',
      ...cities(FIVE, { 370100: '300亿元', 370300: '300亿元' }),
      interpretations: { 'I-rank-ties': 'break' },
      awards: [`370100 ${R.growth} 3000000.00 rank 1`, `370200 ${R.growth} 2000000.00 rank 2`, `370300 ${R.share} 2500000.00`],
      withheld: [`370100 ${R.share} exclusive ${R.growth}`, `370300 ${R.growth} exclusive ${R.share}`],
    },
    {
      name: '放弃的第3名由下一名递补（I-vacancy=move-up）：第4名的市得100万元',
      ...cities(FIVE, { 370100: '300亿元', 370300: '300亿元' }),
      interpretations: { 'I-rank-ties': 'break', 'I-vacancy': 'move-up' },
      awards: [`370100 ${R.growth} 3000000.00 rank 1`, `370200 ${R.growth} 2000000.00 rank 2`, `370300 ${R.share} 2500000.00`, `370400 ${R.growth} 1000000.00 rank 3`],
      withheld: [`370100 ${R.share} exclusive ${R.growth}`, `370300 ${R.growth} exclusive ${R.share}`],
    },
    {
      name: '并列第2名（200万元）仍低于占比250万元：保留占比奖；递补后第4名成为第3名',
      ...cities(FIVE, { 370300: '300亿元' }),
      interpretations: { 'I-vacancy': 'move-up' },
      awards: [`370100 ${R.growth} 3000000.00 rank 1`, `370200 ${R.growth} 2000000.00 rank 2`, `370300 ${R.share} 2500000.00`, `370400 ${R.growth} 1000000.00 rank 3`],
      withheld: [`370300 ${R.growth} exclusive ${R.share}`],
    },
  ]);

  it('ranks over the 16 cities of the region table: a field of five is reported incomplete, naming the other eleven', () => {
    const out = evaluate(SYNTHETIC, datasetOf({ name: '', ...cities(FIVE) }));
    const lacking = ['370600', '370700', '370800', '370900', '371000', '371100', '371300', '371400', '371500', '371600', '371700'] // 莱芜 (371200) is part of 济南 since 2019;
    expect(out.incomplete).toEqual([{ rule: R.growth, lacking }]);
    // under I-rank-incomplete=missing nobody is ranked and the lacking cities are reported missing the figure
    const strict = evaluate(SYNTHETIC, datasetOf({ name: '', ...cities(FIVE), interpretations: { 'I-rank-incomplete': 'missing' } }));
    expect(strict.awards).toEqual([]);
    expect(strict.missing.map((m) => m.subject)).toEqual(lacking);
  });
});

describe('四、五 cost shares: one item of three, per-item and per-year caps, items subsidised elsewhere, the subject city pays', () => {
  const brand = (id: string, registration: string, sc: string, packaging: string) => [
    fact(id, 'brandRegistrationCost', registration), fact(id, 'scCertificationCost', sc), fact(id, 'packagingDesignCost', packaging),
  ];
  run([
    {
      name: '一项按50%（I-demo-brand-item=largest）：取最大的包装设计8万元 → 4万元；100000.02元 → 50000.01元，封顶5万元；恰好10万元 → 5万元；无标签不是支持对象',
      subjects: [ent('E1', '370102', 'agriEcommerce'), ent('E2', '370102', 'agriEcommerce'), ent('E3', '370102', 'agriEcommerce'), ent('E4', '370102')],
      facts: [...brand('E1', '6万元', '3万元', '8万元'), ...brand('E2', '1万元', '100000.02', '1万元'), ...brand('E3', '10万元', '1万元', '1万元'), ...brand('E4', '8万元', '8万元', '8万元')],
      awards: [`E1 ${R.brand} 40000.00`, `E2 ${R.brand} 50000.00`, `E3 ${R.brand} 50000.00`],
    },
    {
      name: '按企业申请的一项（I-demo-brand-item=applied）：申请第1项品牌注册6万元 → 3万元；未申明哪一项则缺少数据',
      subjects: [ent('E1', '370102', 'agriEcommerce'), ent('E2', '370102', 'agriEcommerce')],
      facts: [...brand('E1', '6万元', '3万元', '8万元'), fact('E1', 'appliedBrandCostItem', '1'), ...brand('E2', '6万元', '3万元', '8万元')],
      interpretations: { 'I-demo-brand-item': 'applied' },
      awards: [`E1 ${R.brand} 30000.00`],
      missing: [`E2 ${R.brand} appliedBrandCostItem@2031`],
    },
    {
      name: '一次性（I-once=ever）：2030年已获本项，2031年不再给予',
      subjects: [ent('E1', '370102', 'agriEcommerce')],
      facts: brand('E1', '6万元', '3万元', '8万元'),
      history: [granted('E1', R.brand, 2030, '3万元')],
      withheld: [`E1 ${R.brand} once`],
    },
    {
      name: '一次性按年度（I-once=per-year）：上年所得不影响本年',
      subjects: [ent('E1', '370102', 'agriEcommerce')],
      facts: brand('E1', '6万元', '3万元', '8万元'),
      history: [granted('E1', R.brand, 2030, '3万元')],
      interpretations: { 'I-once': 'per-year' },
      awards: [`E1 ${R.brand} 40000.00`],
    },
    {
      name: '80%、每次不超过5万元、每年不超过10万元：4.8万 + 5万（5.6万封顶）+ 1.6万 = 11.4万 → 10万元；已享受其他补贴的一项不计；企业所在市财政承担',
      subjects: [ent('E1', '370811', 'foreignTrade'), ent('E2', '370102', 'exportToDomestic'), ent('E3', '370102')],
      facts: [
        fact('E1', 'promotionAbroadCost', '6万元', { item: 'A展' }), fact('E1', 'promotionAbroadCost', '7万元', { item: 'B展' }), fact('E1', 'promotionAbroadCost', '2万元', { item: 'C展' }),
        fact('E2', 'promotionAbroadCost', '62500', { item: 'A展' }), fact('E2', 'promotionAbroadCost', '7万元', { item: 'B展' }), fact('E2', 'costSubsidisedElsewhere', '1', { item: 'B展' }),
        fact('E3', 'promotionAbroadCost', '6万元', { item: 'A展' }),
      ],
      awards: [`E1 ${R.promotion} 100000.00`, `E2 ${R.promotion} 50000.00`],
      byFunder: { 370100: '50000.00', 370800: '100000.00' },
    },
  ]);
});

describe('六 to 十二: counts, flags, dates, US dollars, composite ranks, multi-year sums, pending amounts', () => {
  // 槐荫区 has no published count: its enterprises are counted. F1 exactly 1亿元 (过?), F2 new, F3 over already last year, F4 new with no last year
  const newly: Pick<Case, 'subjects' | 'facts'> = {
    subjects: [county('370102'), county('370103'), county('370104'), ...['F1', 'F2', 'F3', 'F4'].map((id) => ent(id, '370104'))],
    facts: [
      fact('370102', 'newEnterprisesOver100m', '3'), fact('370103', 'newEnterprisesOver100m', '2'),
      fact('F1', 'onlineRetail', '1亿元'), fact('F1', 'onlineRetail', '5000万元', { year: 2030 }),
      fact('F2', 'onlineRetail', '1.5亿元'), fact('F2', 'onlineRetail', '9000万元', { year: 2030 }),
      fact('F3', 'onlineRetail', '2亿元'), fact('F3', 'onlineRetail', '1.2亿元', { year: 2030 }),
      fact('F4', 'onlineRetail', '1.1亿元'),
    ],
  };
  const parks: Pick<Case, 'subjects' | 'facts'> = {
    subjects: ['A', 'B', 'C'].map((id) => subject('park', id, '370102')),
    // min–max: sales A 1, B 0.5, C 0; firms A 0, B 1, C 0.5 → A 1, B 1.5, C 0.5
    facts: [
      fact('A', 'onlineSales', '10亿元'), fact('B', 'onlineSales', '6亿元'), fact('C', 'onlineSales', '2亿元'),
      fact('A', 'enterpriseCount', '10'), fact('B', 'enterpriseCount', '50'), fact('C', 'enterpriseCount', '30'),
    ],
  };
  run([
    {
      name: '新培育过1亿元企业不少于3家：公布3家得50万元（县财政），公布2家不得；未公布的按企业推算，过 = 超过（I-guo=strict）只有2家',
      ...newly,
      awards: [`370102 ${R.newly} 500000.00`],
      byFunder: { 370102: '500000.00' },
    },
    {
      name: '过按“达到”理解（I-guo=inclusive）：恰好1亿元的F1也算，槐荫区3家得50万元',
      ...newly,
      interpretations: { 'I-guo': 'inclusive' },
      awards: [`370102 ${R.newly} 500000.00`, `370104 ${R.newly} 500000.00`],
    },
    {
      name: '七 称号只适用于2031年度：2031年取得得20万元，未取得不得',
      subjects: [ent('E1', '370102'), ent('E2', '370102')],
      facts: [fact('E1', 'nationalTitle', '1'), fact('E2', 'nationalTitle', '0')],
      awards: [`E1 ${R.title} 200000.00`],
    },
    {
      name: '七 2030年度不适用（years）',
      year: 2030,
      subjects: [ent('E1', '370102')],
      facts: [fact('E1', 'nationalTitle', '1')],
    },
    {
      name: '八 施行期内转为法人：首日2030-01-01、末日2032-12-31都在期内，前一日、后一日不在；无标签不是支持对象',
      subjects: ['E1', 'E2', 'E3', 'E4'].map((id) => ent(id, '370102', 'convertedFromBranch')).concat(ent('E5', '370102')),
      facts: [
        fact('E1', 'conversionDate', '2030-01-01'), fact('E2', 'conversionDate', '2029-12-31'),
        fact('E3', 'conversionDate', '2032-12-31'), fact('E4', 'conversionDate', '2033-01-01'), fact('E5', 'conversionDate', '2031-05-01'),
      ],
      awards: [`E1 ${R.conversion} 100000.00`, `E3 ${R.conversion} 100000.00`],
    },
    {
      name: '九 超过1000万美元：恰好1000万美元不推荐，多1美分推荐；人民币按当年汇率7.1折合7100万元，恰好不推荐，多1分推荐',
      subjects: [subject('country', 'CN'), ...['E1', 'E2', 'E3', 'E4'].map((id) => ent(id, '370102'))],
      facts: [
        fact('CN', 'cnyPerUsd', '7.1'),
        fact('E1', 'crossBorderTransactionsUsd', '1000万美元'), fact('E2', 'crossBorderTransactionsUsd', '10000000.01'),
        fact('E3', 'crossBorderTransactions', '7100万元'), fact('E4', 'crossBorderTransactions', '71000000.01'),
      ],
      awards: [`E2 ${R.crossBorder} recommendation`, `E4 ${R.crossBorder} recommendation`],
    },
    {
      name: '九 只有人民币数而无当年汇率：缺少 CN 的汇率，不作推测',
      subjects: [ent('E1', '370102')],
      facts: [fact('E1', 'crossBorderTransactions', '1亿元')],
      missing: [`E1 ${R.crossBorder} cnyPerUsd@2031`],
    },
    {
      name: '十 综合评价（最小—最大等权）：B 1.5 分第1名授予称号',
      ...parks,
      awards: [`B ${R.park} honor rank 1`],
    },
    {
      name: '十 名次数由参数设定（topN = 2）：B、A 都授予',
      ...parks,
      parameters: [parameter(R.park, 'topN', '2')],
      awards: [`B ${R.park} honor rank 1`, `A ${R.park} honor rank 2`],
    },
    {
      name: '十 权重由参数设定（I-composite=weighted，销售额权重3）：A 3 分第1名',
      ...parks,
      parameters: [parameter(R.park, 'weight.onlineSales', '3')],
      interpretations: { 'I-composite': 'weighted' },
      awards: [`A ${R.park} honor rank 1`],
    },
    {
      name: '十 每个园区都有专家评审得分时按得分排名：C 95 分第1名',
      subjects: parks.subjects,
      facts: [...parks.facts!, ...[['A', '90'], ['B', '80'], ['C', '95']].map(([id, s]) => fact(id!, 'panelScore', s!, { rule: R.park }))],
      awards: [`C ${R.park} honor rank 1`],
    },
    {
      name: '十一 2030—2032年累计3亿元以上（仅2032年度）：恰好3亿元得30万元，少1分不得，缺一年则缺少数据',
      year: 2032,
      subjects: [ent('E1', '370102'), ent('E2', '370102'), ent('E3', '370102')],
      facts: [
        ...[2030, 2031, 2032].map((year) => fact('E1', 'onlineRetail', '1亿元', { year })),
        fact('E2', 'onlineRetail', '1亿元', { year: 2030 }), fact('E2', 'onlineRetail', '1亿元', { year: 2031 }), fact('E2', 'onlineRetail', '99999999.99', { year: 2032 }),
        fact('E3', 'onlineRetail', '2亿元', { year: 2031 }), fact('E3', 'onlineRetail', '2亿元', { year: 2032 }),
      ],
      awards: [`E1 ${R.threeYear} 300000.00`],
      missing: [`E3 ${R.threeYear} onlineRetail@2030`],
    },
    {
      name: '十二 经认定或取得国家级基地称号（满足其一）：金额待定；都不满足不得',
      subjects: [subject('park', 'A', '370102', 'certified'), subject('park', 'B', '370102'), subject('park', 'C', '370102')],
      facts: [fact('A', 'nationalBaseTitle', '0'), fact('B', 'nationalBaseTitle', '1'), fact('C', 'nationalBaseTitle', '0')],
      awards: [`A ${R.base} pending`, `B ${R.base} pending`],
    },
    {
      name: '十二 经认定即满足其一：没有称号数据的经认定园区也得（标签一支不读任何数据）',
      subjects: [subject('park', 'A', '370102', 'certified'), subject('park', 'C', '370102')],
      awards: [`A ${R.base} pending`],
    },
    {
      name: '十二 设定了当年金额（amount = 20万元）即按该金额给予',
      subjects: [subject('park', 'B', '370102')],
      facts: [fact('B', 'nationalBaseTitle', '1')],
      parameters: [parameter(R.base, 'amount', '20万元')],
      awards: [`B ${R.base} 200000.00`],
    },
  ]);
});

describe('示例市: tiers, ranges, a group with its honour, 就高 across the document, shared funding, the next year', () => {
  const retail = (id: string, value: string, year?: number) => fact(id, 'onlineRetail', value, year === undefined ? {} : { year });
  run([
    {
      name: '分档：1000万元以上含本数5万元，少1分不得；恰好5000万元未超过仍是5万元，多1分10万元；1亿元以上20万元；获奖的并授予称号',
      subjects: ['E1', 'E2', 'E3', 'E4', 'E5'].map((id) => ent(id, '370811')),
      facts: [retail('E1', '1000万元'), retail('E2', '9999999.99'), retail('E3', '5000万元'), retail('E4', '50000000.01'), retail('E5', '1亿元')],
      awards: [
        `E1 ${R.retail} 50000.00`, `E3 ${R.retail} 50000.00`, `E4 ${R.retail} 100000.00`, `E5 ${R.retail} 200000.00`,
        ...['E1', 'E3', 'E4', 'E5'].map((id) => `${id} ${R.honor} honor`),
      ],
    },
    {
      name: '“A至B”（I-tier-range=lower-inclusive）：500万元得2万元，1000万元属第2档6万元，3000万元不在任何一档',
      subjects: ['E1', 'E2', 'E3'].map((id) => ent(id, '370811')),
      facts: [fact('E1', 'onlineSales', '500万元'), fact('E2', 'onlineSales', '1000万元'), fact('E3', 'onlineSales', '3000万元')],
      awards: [`E1 ${R.sales} 20000.00`, `E2 ${R.sales} 60000.00`, `E1 ${R.honor} honor`, `E2 ${R.honor} honor`],
    },
    {
      name: '“A至B”（I-tier-range=upper-inclusive）：500万元不得，1000万元属第1档2万元，3000万元6万元',
      subjects: ['E1', 'E2', 'E3'].map((id) => ent(id, '370811')),
      facts: [fact('E1', 'onlineSales', '500万元'), fact('E2', 'onlineSales', '1000万元'), fact('E3', 'onlineSales', '3000万元')],
      interpretations: { 'I-tier-range': 'upper-inclusive' },
      awards: [`E2 ${R.sales} 20000.00`, `E3 ${R.sales} 60000.00`, `E2 ${R.honor} honor`, `E3 ${R.honor} honor`],
    },
    {
      name: '同组就高：零售额奖5万元与销售额奖6万元只得6万元，称号一个',
      subjects: [ent('E1', '370811')],
      facts: [retail('E1', '1000万元'), fact('E1', 'onlineSales', '1000万元')],
      awards: [`E1 ${R.sales} 60000.00`, `E1 ${R.honor} honor`],
      withheld: [`E1 ${R.retail} exclusive ${R.sales}`],
    },
    {
      name: '全文就高（I-demo-city-exclusive=document）：零售额奖20万元与年费补贴7500元只得20万元；年费50%封顶1万元（3万元 → 1万元，2万元恰好1万元）；已享受其他补贴的不适用',
      subjects: [ent('E1', '370811', 'firstBatch1688'), ent('E2', '370811', 'firstBatch1688'), ent('E3', '370811', 'firstBatch1688'), ent('E4', '370811', 'firstBatch1688', 'costSubsidisedElsewhere')],
      facts: [retail('E1', '1亿元'), fact('E1', 'annualFee1688', '15000'), fact('E2', 'annualFee1688', '3万元'), fact('E3', 'annualFee1688', '2万元'), fact('E4', 'annualFee1688', '2万元')],
      awards: [`E1 ${R.retail} 200000.00`, `E1 ${R.honor} honor`, `E2 ${R.fee} 10000.00`, `E3 ${R.fee} 10000.00`],
      withheld: [`E1 ${R.fee} document-exclusive ${R.retail}`],
    },
    {
      name: '按组执行（I-demo-city-exclusive=group）：不同组的两项都给予',
      subjects: [ent('E1', '370811', 'firstBatch1688')],
      facts: [retail('E1', '1亿元'), fact('E1', 'annualFee1688', '15000')],
      interpretations: { 'I-demo-city-exclusive': 'group' },
      awards: [`E1 ${R.retail} 200000.00`, `E1 ${R.honor} honor`, `E1 ${R.fee} 7500.00`],
    },
    {
      name: '年费补贴一次性：2030年已获，不再给予',
      subjects: [ent('E1', '370811', 'firstBatch1688')],
      facts: [fact('E1', 'annualFee1688', '2万元')],
      history: [granted('E1', R.fee, 2030, '1万元')],
      withheld: [`E1 ${R.fee} once`],
    },
    {
      name: '直播间不少于20个含本数：15万元由市、区分担（cityShare 60%：市9万元、区6万元）；19个不得；注册在济南的不在本市辖区（I-recipient-place=location）',
      subjects: [subject('liveBase', 'L1', '370811'), subject('liveBase', 'L2', '370811'), subject('liveBase', 'L3', '370102', 'inCity')],
      facts: [fact('L1', 'liveRooms', '20'), fact('L2', 'liveRooms', '19'), fact('L3', 'liveRooms', '30')],
      parameters: [parameter(R.live, 'cityShare', '60%')],
      awards: [`L1 ${R.live} 150000.00`],
      byFunder: { 370800: '90000.00', 370811: '60000.00' },
    },
    {
      name: '按活动所在地（I-recipient-place=activity）：在本市开展服务的（inCity）不论注册地都是支持对象，未标明的不是',
      subjects: [subject('liveBase', 'L1', '370811'), subject('liveBase', 'L3', '370102', 'inCity')],
      facts: [fact('L1', 'liveRooms', '20'), fact('L3', 'liveRooms', '30')],
      interpretations: { 'I-recipient-place': 'activity' },
      awards: [`L3 ${R.live} 150000.00`],
      byFunder: { 370800: '150000.00' },
    },
    {
      name: '次年度增幅达到20%含本数：上年获零售额奖的，800万元 → 960万元得3万元（区财政）；少1分不得；前年获奖的不算',
      subjects: ['E1', 'E2', 'E3'].map((id) => ent(id, '370811')),
      facts: [
        retail('E1', '800万元', 2030), retail('E1', '960万元'), retail('E2', '800万元', 2030), retail('E2', '9599999.99'),
        retail('E3', '800万元', 2030), retail('E3', '960万元'),
      ],
      history: [granted('E1', R.retail, 2030, '5万元'), granted('E2', R.retail, 2030, '5万元'), granted('E3', R.retail, 2029, '5万元')],
      awards: [`E1 ${R.next} 30000.00`],
      byFunder: { 370811: '30000.00' },
    },
    {
      name: '次年度奖与本年零售额奖同属一个文件：就高只得零售额奖5万元',
      subjects: [ent('E1', '370811')],
      facts: [retail('E1', '1000万元', 2030), retail('E1', '1200万元')],
      history: [granted('E1', R.retail, 2030, '5万元')],
      awards: [`E1 ${R.retail} 50000.00`, `E1 ${R.honor} honor`],
      withheld: [`E1 ${R.next} document-exclusive ${R.retail}`],
    },
    {
      name: '2030年7月1日起施行：2030年部分时间在有效期内，按全年考核（I-year-in-force=overlap）',
      year: 2030,
      subjects: [ent('E1', '370811')],
      facts: [retail('E1', '1亿元')],
      awards: [`E1 ${R.retail} 200000.00`, `E1 ${R.honor} honor`],
    },
    {
      name: '只考核完整年度（I-year-in-force=full）：2030年不评',
      year: 2030,
      subjects: [ent('E1', '370811')],
      facts: [retail('E1', '1亿元')],
      interpretations: { 'I-year-in-force': 'full' },
    },
    {
      name: '信用黑名单（I-blacklist=no-money）：奖励与随之的称号都不予',
      subjects: [ent('E1', '370811', 'creditBlacklisted')],
      facts: [retail('E1', '1亿元')],
      withheld: [`E1 ${R.retail} blacklist`, `E1 ${R.honor} blacklist`],
    },
    {
      name: '黑名单不影响（I-blacklist=ignore）',
      subjects: [ent('E1', '370811', 'creditBlacklisted')],
      facts: [retail('E1', '1亿元')],
      interpretations: { 'I-blacklist': 'ignore' },
      awards: [`E1 ${R.retail} 200000.00`, `E1 ${R.honor} honor`],
    },
  ]);
});

describe('示例区: a document with no end date, inside a city whose document also pays', () => {
  run([
    {
      name: '2031年起施行：新设企业达到100万元含本数得1万元，少1分不得；不在本区的不是支持对象',
      subjects: [ent('E1', '370811', 'newlyEstablished'), ent('E2', '370811', 'newlyEstablished'), ent('E3', '370812', 'newlyEstablished')],
      facts: [fact('E1', 'onlineRetail', '100万元'), fact('E2', 'onlineRetail', '999999.99'), fact('E3', 'onlineRetail', '100万元')],
      awards: [`E1 ${R.start} 10000.00`],
      byFunder: { 370811: '10000.00' },
    },
    {
      name: '2030年尚未施行',
      year: 2030,
      subjects: [ent('E1', '370811', 'newlyEstablished')],
      facts: [fact('E1', 'onlineRetail', '100万元')],
    },
    {
      name: '无截止日期：2040年仍在施行；一次性奖励已于2031年给予的不再给予',
      year: 2040,
      subjects: [ent('E1', '370811', 'newlyEstablished'), ent('E2', '370811', 'newlyEstablished')],
      facts: [fact('E1', 'onlineRetail', '100万元'), fact('E2', 'onlineRetail', '100万元')],
      history: [granted('E1', R.start, 2031, '1万元')],
      awards: [`E2 ${R.start} 10000.00`],
      withheld: [`E1 ${R.start} once`],
    },
    {
      name: '市、区两级奖励叠加（I-stack-levels=allowed）：示例市的全文就高不及于示例区的文件，20万元与1万元都给予',
      subjects: [ent('E1', '370811', 'newlyEstablished')],
      facts: [fact('E1', 'onlineRetail', '1亿元')],
      awards: [`E1 ${R.retail} 200000.00`, `E1 ${R.honor} honor`, `E1 ${R.start} 10000.00`],
      byFunder: { 370800: '200000.00', 370811: '10000.00' },
    },
  ]);
});

describe('what a rule says beyond its shapes', () => {
  it('a note is our reading, shown as the last step; a rule\'s own readings are listed with its award', () => {
    const ds = datasetOf({ name: '', subjects: [subject('park', 'B', '370102'), ent('E1', '370811', 'newlyEstablished')], facts: [fact('B', 'nationalBaseTitle', '1'), fact('E1', 'onlineRetail', '100万元')] });
    const out = evaluate(SYNTHETIC, ds, { explain: true });
    expect(out.awards.find((a) => a.rule === R.base)!.explanation!.steps.at(-1)).toEqual({ kind: 'note', text: '本系统对条文的理解：金额由当年资金预算确定，本系统不推算' });
    expect(out.awards.find((a) => a.rule === R.start)!.interpretations).toEqual(['I-once', 'I-stack-levels']);
  });
});
