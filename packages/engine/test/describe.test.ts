/**
 * describeRule: a rule as the Chinese sentences an analyst checks against the article. Synthetic
 * rules (not the five documents) cover every Condition, Metric and Award shape of rule.ts, each
 * with the exact sentence written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { corpusWords, describeRule, renderDescription, type Award, type Condition, type Corpus, type PolicyDocument, type Rule, type SentenceLabel } from '../src/index.js';
import { WORDS } from './vocabulary.js';

const TEST_WORDS = corpusWords({ vocabulary: WORDS });

const doc: PolicyDocument = {
  id: 'demo-2030', number: '示政字〔2030〕1号', title: '示例省促进电子商务发展若干措施', issuer: '370000', issuerName: '示例省',
  validFrom: '2030-01-01', validTo: '2032-12-31', funder: '370000', funderName: '省财政',
};

const base: Rule = {
  id: 'demo-2030/1.a', document: 'demo-2030', article: '一', title: '示例奖励', text: '对示例企业给予20万元奖励', cites: ['给予20万元'],
  recipient: { kinds: ['enterprise'], label: '示例企业' },
  conditions: [],
  award: { money: '20万元' },
};
const other: Rule = { ...base, id: 'demo-2030/1.b', title: '另一奖励' };

const corpus: Pick<Corpus, 'documents' | 'rules' | 'groups'> = {
  documents: [doc],
  rules: [base, other],
  groups: [{ id: 'demo-2030/1', document: 'demo-2030', rules: [base.id, other.id], text: '上述两项奖励政策不重复奖励，奖励标准“就高不就低”' }],
};

const sentence = (rule: Rule, label: SentenceLabel, c?: typeof corpus): string | undefined =>
  describeRule(rule, TEST_WORDS, c).sentences.find((s) => s.label === label)?.text;

const RECIPIENT = '对象为示例企业（主体类别：企业）';
const retailGrowth = { growth: 'onlineRetail', published: 'onlineRetailGrowth' } as const;
const retailShare = { ratio: ['physicalGoodsOnlineRetail', 'totalRetailSales'], published: 'physicalGoodsOnlineRetailShare' } as const;

describe('条件: every condition and metric shape in words, with its legal word and figure', () => {
  const cases: [string, Condition, string, (typeof corpus)?][] = [
    ['a fact, 以上 after the figure', { compare: { fact: 'onlineRetail' }, legal: '以上', value: '100万元' }, '网络零售额100万元以上（含本数）'],
    ['a labelled fact, 达到 before it', { compare: { fact: 'onlineRetail' }, legal: '达到', value: '100万元', label: '年网络零售额' }, '年网络零售额达到100万元（含本数）'],
    ['超过 excludes the figure', { compare: { fact: 'newOnlineShops' }, legal: '超过', value: '1万' }, '新增网上店铺数超过1万（不含本数）'],
    ['过 read as 超过', { compare: { fact: 'onlineRetail' }, legal: '过', value: '1亿元' }, '网络零售额过1亿元（按“超过”理解，不含本数）'],
    ['以下', { compare: { fact: 'onlineRetail' }, legal: '以下', value: '500万元' }, '网络零售额500万元以下（含本数）'],
    ['不足', { compare: { fact: 'onlineRetail' }, legal: '不足', value: '500万元' }, '网络零售额不足500万元（不含本数）'],
    ['以上（含）, an area in square metres', { compare: { fact: 'area' }, legal: '以上（含）', value: '5000' }, '面积5000平方米以上（含）（含本数）'],
    ['an area with its own unit', { compare: { fact: 'area' }, legal: '达到', value: '5000平方米' }, '面积达到5000平方米（含本数）'],
    ['growth', { compare: { growth: 'onlineRetail' }, legal: '不低于', value: '15%' }, '网络零售额增幅不低于15%（含本数）'],
    ['growth with a published rate', { compare: retailGrowth, legal: '不低于', value: '15%' }, '网络零售额增幅不低于15%（含本数）'],
    ['ratio', { compare: { ratio: ['physicalGoodsOnlineRetail', 'totalRetailSales'] }, legal: '以上', value: '30%' }, '实物商品网络零售额占社会消费品零售总额比重30%以上（含本数）'],
    ['sum over years', { compare: { sumOverYears: 'onlineRetail', from: 2030, to: 2032 }, legal: '达到', value: '1亿元' }, '2030—2032年网络零售额合计达到1亿元（含本数）'],
    [
      'newly over a threshold',
      { compare: { newlyOver: 'onlineRetail', legal: '过', value: '1亿元', published: 'newEnterprisesOver100m' }, legal: '以上', value: '5' },
      '新培育过亿元电商企业数（本年网络零售额过1亿元而上年未达到的企业）5以上（含本数）',
    ],
    [
      'against the province\'s average, labelled',
      { compare: retailGrowth, legal: '高于', benchmark: { average: 'province', metric: retailGrowth }, label: '当年网络零售额增幅' },
      '当年网络零售额增幅高于全省平均增幅（不含本数）',
    ],
    ['against the country\'s level', { compare: retailShare, legal: '超过', benchmark: { average: 'country', metric: retailShare } }, '实物商品网络零售额占社零比重超过全国平均水平（不含本数）'],
    [
      'a USD threshold',
      { usd: { usdFact: 'crossBorderTransactionsUsd', yuanFact: 'crossBorderTransactions' }, legal: '超过', value: '1000万美元' },
      '跨境电商交易额（美元）超过1000万美元（不含本数；只有人民币金额时按当年人民币对美元平均汇率折算）',
    ],
    ['a flag of the year', { flag: 'nationalTitle' }, '当年取得国家级示范称号'],
    ['a labelled flag', { flag: 'nationalTitle', label: '取得国家级称号' }, '取得国家级称号'],
    ['a tag', { tag: 'certified' }, '经认定'],
    ['an exception', { notTag: 'costSubsidisedElsewhere', label: '已享受其他补贴的不再重复补贴' }, '例外：已享受其他补贴的不再重复补贴（同一费用已享受其他补贴的不适用）'],
    ['a date in force, with the document', { dateInForce: 'conversionDate', label: '转为法人企业的日期' }, '转为法人企业的日期在政策施行期内（2030-01-01至2032-12-31）', corpus],
    ['a date in force, without it', { dateInForce: 'conversionDate' }, '分支机构转为法人企业日期在政策施行期内'],
    ['any of, labelled', { anyOf: [{ flag: 'nationalTitle' }, { tag: 'certified' }], label: '取得称号或经认定' }, '取得称号或经认定（下列之一：当年取得国家级示范称号；或经认定）'],
    ['any of', { anyOf: [{ tag: 'mcn' }, { compare: { fact: 'liveRooms' }, legal: '以上', value: '10' }] }, '下列之一：MCN机构；或直播间数量10以上（含本数）'],
    ['a rank', { rank: { by: { fact: 'onlineRetail' }, top: 3, label: '网络零售额全省前3名' } }, '网络零售额全省前3名（排名前3名）'],
    [
      'a rank by a composite',
      { rank: { by: { composite: [{ fact: 'onlineSales' }, { fact: 'enterpriseCount' }] }, top: 3, topParameter: 'topN', label: '综合排名靠前' } },
      '综合排名靠前（排名前3名）',
    ],
    ['kept an award of the group, labelled', { wonGroup: 'demo-2030/5', label: '获得本条分档奖励' }, '获得本条分档奖励'],
    ['kept an award of the group', { wonGroup: 'demo-2030/5' }, '获得同组奖励'],
    ['awarded before, titled from the corpus', { awardedBefore: 'demo-2030/1.b', yearsBefore: 1, label: '上年度获得另一奖励' }, '上年度获得另一奖励（1年前已获“另一奖励”）', corpus],
    ['awarded before, without a corpus', { awardedBefore: 'demo-2030/1.b', yearsBefore: 2, label: '两年前获奖' }, '两年前获奖（2年前已获“demo-2030/1.b”）'],
  ];
  it.each(cases)('%s', (_name, condition, text, c) => {
    expect(sentence({ ...base, conditions: [condition] }, '条件', c)).toBe(`${RECIPIENT}；${text}`);
  });

  it('conditions one after another, and the recipient alone when there are none', () => {
    const two: Condition[] = [{ tag: 'certified' }, { compare: { fact: 'onlineRetail' }, legal: '以上', value: '100万元' }];
    expect(sentence({ ...base, conditions: two }, '条件')).toBe(`${RECIPIENT}；经认定；网络零售额100万元以上（含本数）`);
    expect(sentence(base, '条件')).toBe(RECIPIENT);
  });

  it('the recipient with its kinds, required tags, any-of tags and place by activity', () => {
    const recipient = { kinds: ['enterprise', 'platform'], tags: ['independentLegalPerson', 'newlyEstablished'], anyTags: ['mcn', 'liveTeam'], label: '直播电商企业', byActivity: true } as const;
    expect(sentence({ ...base, recipient }, '条件')).toBe('对象为直播电商企业（主体类别：企业、行业电子商务平台；须为：独立法人、当年新设；至少其一：MCN机构、直播团队；按活动所在地认定）');
  });
});

describe('金额: every award shape', () => {
  const cases: [string, Award, string][] = [
    ['a fixed amount', { money: '20万元' }, '给予20万元'],
    ['a ceiling', { money: '50万元', ceiling: true }, '最高给予50万元'],
    [
      'range tiers and an open top tier',
      { tiers: [{ from: '2000万元', to: '1亿元', money: '5万元' }, { from: '1亿元', money: '10万元' }], on: 'onlineRetail' },
      '按网络零售额分档（取达到的最高一档）：2000万元至1亿元 5万元；1亿元以上 10万元',
    ],
    [
      'threshold tiers with their word, as ceilings',
      { tiers: [{ from: '500万元', legal: '达到', money: '2万元' }, { from: '1000万元', legal: '达到', money: '5万元' }], on: 'onlineRetail', ceiling: true },
      '按网络零售额分档（取达到的最高一档）：达到500万元 最高2万元；达到1000万元 最高5万元',
    ],
    ['per unit with a cap', { perUnit: { fact: 'physicalGoodsOnlineRetail', per: '1万元', pay: '2元' }, cap: '100万元', ceiling: true }, '按实物商品网络零售额每1万元最高补2元，每个对象最高100万元'],
    ['per unit', { perUnit: { fact: 'parcelsToVillages', per: '1', pay: '0.1元' } }, '按发往乡镇中心村快件数每1补0.1元'],
    [
      'a cost share with every option',
      { costShare: { facts: ['brandRegistrationCost', 'scCertificationCost', 'packagingDesignCost'], rate: '50%', itemCap: '5万元', yearCap: '10万元', pick: { reading: 'I-brand-item', applied: 'appliedBrandCostItem', appliedWhen: 'applied' }, except: 'costSubsidisedElsewhere' }, ceiling: true },
      '最高按品牌注册费用、SC认证费用、包装设计费用的50%补助（多项中只补一项），单项最高5万元，每年最高10万元；该费用项已享受其他补贴的不计入',
    ],
    ['a plain cost share', { costShare: { facts: ['promotionAbroadCost'], rate: '80%' } }, '按跨境推介费用的80%补助'],
    ['prizes by rank', { prizes: ['10万元', '5万元', '3万元'] }, '按名次给予：第一名10万元，第二名5万元，第三名3万元'],
    ['an honour', { honor: '济阳区电商龙头企业' }, '授予荣誉“济阳区电商龙头企业”，不涉及资金'],
    ['a recommendation', { recommendation: '优先推荐申报国家电子商务示范基地' }, '优先推荐申报国家电子商务示范基地，不涉及资金'],
    ['a pending amount', { pending: '由企业所在市财政按一定比例给予一次性奖励' }, '金额待定，由资金承担方确定（由企业所在市财政按一定比例给予一次性奖励）'],
  ];
  it.each(cases)('%s', (_name, award, text) => expect(sentence({ ...base, award }, '金额')).toBe(text));

  it('prizes past the tenth place keep Chinese ordinals', () => {
    const prizes = Array.from({ length: 12 }, (_, k) => `${12 - k}万元`);
    expect(sentence({ ...base, award: { prizes } }, '金额')).toMatch(/第十名3万元，第十一名2万元，第十二名1万元$/);
  });
});

describe('上限, 排名, 资金来源, 互斥, 适用年度, 说明, 所依解读', () => {
  it('上限: a ceiling, a pool with its words, once-only; none when the rule has none', () => {
    const rule: Rule = { ...base, award: { money: '50万元', ceiling: true }, pool: { cap: '500万元', text: '全省补贴总额不超过500万元' }, once: true };
    expect(sentence(rule, '上限')).toBe('所列金额为最高额，审核时可低于此数；总额不超过500万元（原文：全省补贴总额不超过500万元）；一次性，同一对象只给一次');
    expect(sentence({ ...base, once: true }, '上限')).toBe('一次性，同一对象只给一次');
    expect(sentence(base, '上限')).toBeUndefined();
  });

  it('排名: by what, among whom (the issuer\'s jurisdiction), top N, ties', () => {
    const ranked: Rule = { ...base, conditions: [{ rank: { by: { fact: 'onlineRetail' }, top: 3, label: '前3名' } }] };
    expect(sentence(ranked, '排名', corpus)).toBe('按网络零售额在示例省辖区内的示例企业中排名，取前3名；名次并列时并列者同名次（默认解读）');
    expect(sentence(ranked, '排名')).toBe('按网络零售额在发文机关辖区内的示例企业中排名，取前3名；名次并列时并列者同名次（默认解读）');
    const yearly: Rule = { ...base, conditions: [{ rank: { by: { fact: 'onlineRetail' }, top: 5, topParameter: 'topN', label: '靠前' } }] };
    expect(sentence(yearly, '排名', corpus)).toBe('按网络零售额在示例省辖区内的示例企业中排名，取前5名（名次数可按年度设定）；名次并列时并列者同名次（默认解读）');
    expect(sentence(base, '排名')).toBeUndefined();
  });

  it.each([
    [undefined, corpus, '省财政'],
    [undefined, undefined, '文件的资金承担方'],
    ['document', corpus, '省财政'],
    ['subject-city', corpus, '对象所在市财政'],
    ['subject-county', corpus, '对象所在县（市、区）财政'],
    ['city-county', corpus, '市、县区按现行财政体制分级负担'],
  ] as const)('资金来源 for funder %s', (funder, c, text) => {
    expect(sentence({ ...base, ...(funder ? { funder } : {}) }, '资金来源', c)).toBe(text);
  });

  it('资金来源: none for an honour or a recommendation, which pay nothing; the funder sets a pending amount', () => {
    expect(sentence({ ...base, award: { honor: '通报表扬' } }, '资金来源', corpus)).toBeUndefined();
    expect(sentence({ ...base, award: { recommendation: '优先推荐' } }, '资金来源', corpus)).toBeUndefined();
    expect(sentence({ ...base, award: { pending: '适当支持' }, funder: 'subject-city' }, '资金来源', corpus)).toBe('对象所在市财政');
  });

  it('互斥: the group\'s words and members; the document-wide 就高; none otherwise', () => {
    const grouped: Rule = { ...base, exclusiveGroup: 'demo-2030/1' };
    expect(sentence(grouped, '互斥', corpus)).toBe('上述两项奖励政策不重复奖励，奖励标准“就高不就低”（同组：示例奖励、另一奖励）');
    expect(sentence(grouped, '互斥')).toBe('与同组奖励不重复享受，就高不就低');
    const wide = { ...corpus, documents: [{ ...doc, exclusive: { interpretation: 'I-jining-doc-exclusive', documentWide: 'document', text: '以上奖励政策按就高原则执行，不重复享受' } }] };
    expect(sentence(grouped, '互斥', wide)).toBe('上述两项奖励政策不重复奖励，奖励标准“就高不就低”（同组：示例奖励、另一奖励）；全文：以上奖励政策按就高原则执行，不重复享受');
    expect(sentence({ ...base, award: { pending: '待定' } }, '互斥', wide)).toBeUndefined(); // the engine leaves 金额待定 out of it
    expect(sentence(base, '互斥', corpus)).toBeUndefined();
  });

  it('适用年度: listed years, else the document\'s validity, else nothing to say', () => {
    expect(sentence({ ...base, years: [2030, 2031] }, '适用年度', corpus)).toBe('仅2030、2031年度');
    expect(sentence(base, '适用年度', corpus)).toBe('文件有效期内各年度（2030-01-01至2032-12-31）');
    const open = { ...corpus, documents: [{ ...doc, validTo: undefined }] };
    expect(sentence(base, '适用年度', open)).toBe('文件有效期内各年度（2030-01-01起，长期）');
    expect(sentence(base, '适用年度')).toBeUndefined();
  });

  it('说明: the note as written', () => {
    expect(sentence({ ...base, note: '“综合排名靠前”未规定名次，按前3名' }, '说明')).toBe('“综合排名靠前”未规定名次，按前3名');
    expect(sentence(base, '说明')).toBeUndefined();
  });

  it('所依解读: the readings of its shapes and settings, in the catalogue\'s order, each with its question and default', () => {
    const rule: Rule = { ...base, award: { perUnit: { fact: 'physicalGoodsOnlineRetail', per: '1万元', pay: '2元' }, cap: '100万元' }, pool: { cap: '500万元', text: '总额不超过500万元' } };
    expect(sentence(rule, '所依解读')).toBe('每实现1万元……2元（I-per-unit，默认 full-units）；超过补贴总额上限（I-pool，默认 pro-rata）；补贴总额或每家最高额未写明期间（I-pool-period，默认 year）');
    const guo: Rule = { ...base, conditions: [{ anyOf: [{ compare: { fact: 'onlineRetail' }, legal: '过', value: '1亿元' }, { tag: 'certified' }] }], interpretations: ['I-stack-levels'] };
    expect(sentence(guo, '所依解读')).toBe('过亿元 / 过5000万元（I-guo，默认 strict）；省、市、区县奖励叠加（I-stack-levels，默认 allowed）');
    expect(sentence(base, '所依解读')).toBeUndefined();
  });
});

describe('the whole description', () => {
  const traffic: Rule = {
    ...base, id: 'demo-2030/2.traffic', article: '二', title: '流量补贴',
    recipient: { kinds: ['enterprise'], label: '当年实物商品网络零售额1亿元以上企业' },
    conditions: [{ compare: { fact: 'physicalGoodsOnlineRetail' }, legal: '以上', value: '1亿元' }],
    award: { perUnit: { fact: 'physicalGoodsOnlineRetail', per: '1万元', pay: '2元' }, cap: '100万元', ceiling: true },
    pool: { cap: '500万元', text: '全省补贴总额不超过500万元' },
  };

  it('one sentence a line, in the order an analyst reads an article', () => {
    expect(renderDescription(describeRule(traffic, TEST_WORDS, corpus))).toBe([
      '条件：对象为当年实物商品网络零售额1亿元以上企业（主体类别：企业）；实物商品网络零售额1亿元以上（含本数）',
      '金额：按实物商品网络零售额每1万元最高补2元，每个对象最高100万元',
      '上限：所列金额为最高额，审核时可低于此数；总额不超过500万元（原文：全省补贴总额不超过500万元）',
      '资金来源：省财政',
      '适用年度：文件有效期内各年度（2030-01-01至2032-12-31）',
      '所依解读：每实现1万元……2元（I-per-unit，默认 full-units）；超过补贴总额上限（I-pool，默认 pro-rata）；补贴总额或每家最高额未写明期间（I-pool-period，默认 year）',
    ].join('\n'));
  });

  it('a corpus\'s own words name its fact keys, tags and kinds; an undeclared one shows as written', () => {
    const words = { ...TEST_WORDS, factKeys: { physicalGoodsOnlineRetail: { label: '实物线上销售额' } }, kinds: { enterprise: '市场主体' }, tags: {} };
    const rule: Rule = { ...traffic, conditions: [...traffic.conditions, { tag: 'certified' }] };
    expect(describeRule(rule, words).sentences[0]).toEqual({
      label: '条件', text: '对象为当年实物商品网络零售额1亿元以上企业（主体类别：市场主体）；实物线上销售额1亿元以上（含本数）；certified',
    });
  });

  it('the same rule gives the same sentences, and the rule is left as it was', () => {
    const before = JSON.stringify(traffic);
    expect(describeRule(traffic, TEST_WORDS, corpus)).toEqual(describeRule(traffic, TEST_WORDS, corpus));
    expect(JSON.stringify(traffic)).toBe(before);
  });
});

describe('law over time: amendments, dated figures, budgets, groups across documents', () => {
  const old: PolicyDocument = { ...doc, id: 'demo-2029', number: '示政字〔2029〕1号', validFrom: '2029-01-01', validTo: '2031-12-31' };
  const amending: PolicyDocument = { ...doc, validFrom: '2030-07-01', amends: { document: 'demo-2029', from: '2030-07-01', articles: ['一'] } };
  const before: Rule = { ...base, id: 'demo-2029/1.a', document: 'demo-2029', title: '旧示例奖励' };
  const law = { version: 't', documents: [old, amending], rules: [before, base], groups: [], validations: [] };
  const SPLIT = '考核年度内文件被修订（或数额调整）：由哪个版本决定该年度（I-split-year，默认 year-end）';

  it('适用年度: the amended rule ends the day before, naming the amending document and its successor', () => {
    expect(sentence(before, '适用年度', law)).toBe('本条有效期内各年度（2029-01-01至2030-06-30）；自2030-07-01起由示政字〔2030〕1号修订，由“示例奖励”接续');
    expect(sentence(before, '所依解读', law)).toBe(SPLIT);
  });

  it('适用年度: the amending rule starts on its date, naming what it amends and continues', () => {
    expect(sentence(base, '适用年度', law)).toBe('本条有效期内各年度（2030-07-01至2032-12-31）；自2030-07-01起修订示政字〔2029〕1号第一条，接续“旧示例奖励”');
    expect(sentence(base, '所依解读', law)).toBe(SPLIT);
  });

  it('适用年度: a document superseding another whole, with a rule that continues nothing', () => {
    const superseding = { ...amending, amends: { document: 'demo-2029', from: '2030-07-01' } };
    const fresh: Rule = { ...base, id: 'demo-2030/9.new', article: '九' };
    const whole = { ...law, documents: [old, superseding], rules: [before, base, fresh] };
    expect(sentence(base, '适用年度', whole)).toBe('本条有效期内各年度（2030-07-01至2032-12-31）；自2030-07-01起取代示政字〔2029〕1号，接续“旧示例奖励”');
    expect(sentence(fresh, '适用年度', whole)).toBe('本条有效期内各年度（2030-07-01至2032-12-31）；自2030-07-01起取代示政字〔2029〕1号');
  });

  it('数额调整: dated figures in Chinese words, by date', () => {
    const dated: Rule = {
      ...base, award: { tiers: [{ from: '100万元', money: '5万元' }], on: 'onlineRetail' },
      conditions: [{ rank: { by: { fact: 'onlineRetail' }, top: 3, label: '前3名' } }],
      dated: [{ from: '2032-01-01', set: { 'tier1.money': '6万元', top: '5' } }, { from: '2031-01-01', set: { 'tier1.from': '200万元' } }],
    };
    expect(sentence(dated, '数额调整', corpus)).toBe('自2031-01-01起第1档起点为200万元；自2032-01-01起第1档金额为6万元、名次数为5');
    const every: Rule = { ...base, dated: [{ from: '2031-01-01', set: { amount: '1', threshold: '2', cap: '3', itemCap: '4', rate: '5%', pay: '6', pool: '7', prizes: '8,9' } }] };
    expect(sentence(every, '数额调整')).toBe('自2031-01-01起金额为1、门槛为2、上限为3、单项上限为4、比例为5%、每单位补助为6、总额上限为7、名次奖励为8,9');
    expect(sentence(dated, '所依解读', corpus)).toContain(SPLIT);
    expect(sentence(base, '数额调整', corpus)).toBeUndefined();
  });

  it('上限: a document\'s yearly budget over its money awards, not over an honour', () => {
    const budgeted = { ...corpus, documents: [{ ...doc, budget: { cap: '1000万元', text: '年度资金总额不超过1000万元' } }] };
    expect(sentence(base, '上限', budgeted)).toBe('文件年度资金总额不超过1000万元（原文：年度资金总额不超过1000万元）');
    expect(sentence({ ...base, award: { honor: '通报表扬' } }, '上限', budgeted)).toBeUndefined();
  });

  it('互斥: a group another document declares names that document and article', () => {
    const province: PolicyDocument = { ...doc, id: 'demo-prov', number: '示政发〔2030〕9号' };
    const across = { ...corpus, documents: [doc, province], groups: [{ id: 'demo-prov/x', document: 'demo-prov', article: '十', rules: [base.id, other.id], text: '同一事项不重复享受' }] };
    expect(sentence({ ...base, exclusiveGroup: 'demo-prov/x' }, '互斥', across)).toBe('示政发〔2030〕9号第十条：同一事项不重复享受（同组：示例奖励、另一奖励）');
  });
});
