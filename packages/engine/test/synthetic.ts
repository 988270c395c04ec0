/**
 * A synthetic corpus for the engine's own tests: three invented documents (a province, a city
 * inside it, a county inside that city) that between them use every shape of rule.ts — each
 * Metric, Condition and Award variant, every funder spec, once, years, a pool, exclusive groups
 * (one across two articles), a document-wide exclusivity, a validation — so that the engine is
 * tested on what it can express, not on what five real documents happen to say. The documents,
 * their numbers and their texts are made up, and the corpus declares its own words (only those it
 * uses) and its documents' own readings; the region codes are the table's (the engine ranks and
 * averages over the region table).
 *
 * Figures are chosen so that cases can be computed by hand: a 1万元 unit pays 1元, a pool of
 * 100万元 against prizes of 50万元, tiers at 1000万元 / 5000万元 / 1亿元 with 以上 and 超过 mixed.
 */
import { ENGINE_READINGS, type Corpus, type ExclusiveGroup, type PolicyDocument, type ReadingDeclaration, type Rule, type Validation, type Vocabulary } from '@duixian/engine';

/** 示例省: a province document, 2030–2032, paid by the province. */
export const PROVINCE: PolicyDocument = {
  id: 'demo-province-2030', number: '示例省政发〔2030〕1号', title: '示例省促进电子商务发展若干措施（合成测试文件）',
  issuer: '370000', issuerName: '示例省', validFrom: '2030-01-01', validTo: '2032-12-31', funder: '370000', funderName: '省财政',
};

/** 示例市: a city document in force from mid-2030 to mid-2032 (two partial years), 就高 across the whole document. */
export const CITY: PolicyDocument = {
  id: 'demo-city-2030', number: '示例市政发〔2030〕8号', title: '示例市电子商务奖励办法（合成测试文件）',
  issuer: '370800', issuerName: '示例市', validFrom: '2030-07-01', validTo: '2032-06-30', funder: '370800', funderName: '市财政',
  exclusive: { interpretation: 'I-demo-city-exclusive', documentWide: 'document', text: '以上奖励政策按就高原则执行，不重复享受' },
};

/** 示例区: a county document with no end date. */
export const COUNTY: PolicyDocument = {
  id: 'demo-county-2031', number: '示例区发〔2031〕2号', title: '示例区电商创业扶持办法（合成测试文件）',
  issuer: '370811', issuerName: '示例区', validFrom: '2031-01-01', funder: '370811', funderName: '区财政',
};

const P = PROVINCE.id;
const C = CITY.id;
const K = COUNTY.id;

/** Rule ids by a short name, so that cases read as the article they test. */
export const R = {
  scale: `${P}/1.scale`,
  growth: `${P}/2.growth`,
  share: `${P}/3.share`,
  brand: `${P}/4.brand`,
  promotion: `${P}/5.promotion`,
  newly: `${P}/6.newly`,
  title: `${P}/7.title`,
  conversion: `${P}/8.conversion`,
  crossBorder: `${P}/9.cross-border`,
  park: `${P}/10.park`,
  threeYear: `${P}/11.three-year`,
  base: `${P}/12.base`,
  retail: `${C}/1.retail`,
  sales: `${C}/1.sales`,
  honor: `${C}/2.honor`,
  live: `${C}/3.live`,
  next: `${C}/4.next`,
  fee: `${C}/5.fee`,
  start: `${K}/1.start`,
} as const;

/** The fields every rule repeats, with the article's text doubling as its only cite. */
const rule = (r: Omit<Rule, 'cites' | 'document'> & { cites?: readonly string[] }): Rule => ({
  ...r, document: r.id.slice(0, r.id.indexOf('/')), cites: r.cites ?? [r.text],
});

const growthOfRetail = { growth: 'onlineRetail', published: 'onlineRetailGrowth' } as const;

const PROVINCE_RULES: Rule[] = [
  rule({
    id: R.scale, article: '一', title: '规模奖励',
    text: '对当年实物商品网络零售额超过5000万元的企业，每实现1万元给予1元奖励，每家企业最高50万元，全省奖励总额不超过100万元',
    recipient: { kinds: ['enterprise'], label: '实物商品网络零售额超过5000万元的企业' },
    conditions: [{ compare: { fact: 'physicalGoodsOnlineRetail' }, legal: '超过', value: '5000万元' }],
    award: { perUnit: { fact: 'physicalGoodsOnlineRetail', per: '1万元', pay: '1元' }, cap: '50万元', ceiling: true },
    pool: { cap: '100万元', text: '全省奖励总额不超过100万元' },
    exclusiveGroup: `${P}/G-enterprises`,
  }),
  rule({
    id: R.growth, article: '二', title: '增幅名次奖励',
    text: '网络零售额增幅高于全省平均且列全省前3位的市，分别给予300万元、200万元、100万元奖励',
    recipient: { kinds: ['city'], label: '设区的市' },
    conditions: [
      { compare: growthOfRetail, legal: '高于', benchmark: { average: 'province', metric: growthOfRetail } },
      { rank: { by: growthOfRetail, top: 3, label: '增幅列全省前3位' } },
    ],
    award: { prizes: ['300万元', '200万元', '100万元'] },
    exclusiveGroup: `${P}/G-cities`,
  }),
  rule({
    id: R.share, article: '三', title: '占比奖励',
    text: '实物商品网络零售额占社会消费品零售总额比重不低于30%的市，给予250万元奖励',
    recipient: { kinds: ['city'], label: '设区的市' },
    conditions: [{ compare: { ratio: ['physicalGoodsOnlineRetail', 'totalRetailSales'] }, legal: '不低于', value: '30%' }],
    award: { money: '250万元' },
    exclusiveGroup: `${P}/G-cities`,
  }),
  rule({
    id: R.brand, article: '四', title: '品牌培育补贴',
    text: '对农特产品电商企业的品牌注册、SC认证、包装设计费用，一项按50%给予一次性补贴，最高5万元',
    recipient: { kinds: ['enterprise'], tags: ['agriEcommerce'], label: '农特产品电商企业' },
    conditions: [],
    award: { costShare: { facts: ['brandRegistrationCost', 'scCertificationCost', 'packagingDesignCost'], rate: '50%', itemCap: '5万元', pick: { reading: 'I-demo-brand-item', applied: 'appliedBrandCostItem', appliedWhen: 'applied' } }, ceiling: true },
    once: true,
  }),
  rule({
    id: R.promotion, article: '五', title: '境外推介补贴',
    text: '外贸企业或开展出口转内销的企业参加境外推介活动，按实际费用的80%给予补贴，每次不超过5万元，每年累计不超过10万元，已享受其他补贴的费用不再重复补贴，由企业所在市财政承担',
    recipient: { kinds: ['enterprise'], anyTags: ['foreignTrade', 'exportToDomestic'], label: '外贸企业或出口转内销企业' },
    conditions: [],
    award: { costShare: { facts: ['promotionAbroadCost'], rate: '80%', itemCap: '5万元', yearCap: '10万元', except: 'costSubsidisedElsewhere' } },
    funder: 'subject-city',
  }),
  rule({
    id: R.newly, article: '六', title: '新培育企业奖励',
    text: '当年新培育网络零售额过1亿元企业不少于3家的县（市、区），给予50万元奖励，由县级财政承担',
    recipient: { kinds: ['county'], label: '县（市、区）' },
    conditions: [{ compare: { newlyOver: 'onlineRetail', legal: '过', value: '1亿元', published: 'newEnterprisesOver100m' }, legal: '不少于', value: '3' }],
    award: { money: '50万元' },
    funder: 'subject-county',
  }),
  rule({
    id: R.title, article: '七', title: '国家级称号奖励',
    text: '2031年取得国家级示范称号的企业，给予20万元奖励',
    recipient: { kinds: ['enterprise'], label: '当年取得国家级示范称号的企业' },
    conditions: [{ flag: 'nationalTitle' }],
    award: { money: '20万元' },
    years: [2031],
    exclusiveGroup: `${P}/G-enterprises`,
  }),
  rule({
    id: R.conversion, article: '八', title: '分支机构转法人奖励',
    text: '政策施行期内由省外电商企业分支机构转为法人企业的，一次性给予10万元奖励',
    recipient: { kinds: ['enterprise'], tags: ['convertedFromBranch'], label: '由分支机构转为法人的企业' },
    conditions: [{ dateInForce: 'conversionDate', label: '转为法人企业日期' }],
    award: { money: '10万元' },
    once: true,
  }),
  rule({
    id: R.crossBorder, article: '九', title: '跨境电商示范企业推荐',
    text: '跨境电商交易额超过1000万美元的企业，推荐为示例省跨境电商示范企业',
    recipient: { kinds: ['enterprise'], label: '跨境电商企业' },
    conditions: [{ usd: { usdFact: 'crossBorderTransactionsUsd', yuanFact: 'crossBorderTransactions' }, legal: '超过', value: '1000万美元' }],
    award: { recommendation: '推荐为示例省跨境电商示范企业' },
  }),
  rule({
    id: R.park, article: '十', title: '示范园区评定',
    text: '对电商产业园区开展综合评价，排名靠前的授予示例省电商示范园区称号',
    recipient: { kinds: ['park'], label: '电商产业园区' },
    conditions: [{ rank: { by: { composite: [{ fact: 'onlineSales' }, { fact: 'enterpriseCount' }] }, top: 1, topParameter: 'topN', label: '综合评价排名靠前' } }],
    award: { honor: '示例省电商示范园区' },
  }),
  rule({
    id: R.threeYear, article: '十一', title: '三年累计奖励',
    text: '2030年至2032年网络零售额累计3亿元以上的企业，给予30万元奖励',
    recipient: { kinds: ['enterprise'], label: '三年累计网络零售额3亿元以上的企业' },
    conditions: [{ compare: { sumOverYears: 'onlineRetail', from: 2030, to: 2032 }, legal: '以上', value: '3亿元' }],
    award: { money: '30万元' },
    years: [2032],
  }),
  rule({
    id: R.base, article: '十二', title: '示范基地奖励',
    text: '经认定或当年取得国家电子商务示范基地称号的园区，按当年资金预算给予奖励',
    recipient: { kinds: ['park'], label: '电商产业园区' },
    conditions: [{ anyOf: [{ tag: 'certified' }, { flag: 'nationalBaseTitle' }], label: '经认定或取得国家电子商务示范基地称号' }],
    award: { pending: '按当年资金预算确定' },
    note: '金额由当年资金预算确定，本系统不推算',
  }),
];

const CITY_RULES: Rule[] = [
  rule({
    id: R.retail, article: '一', title: '网络零售额分档奖励',
    text: '网络零售额1000万元以上、超过5000万元、1亿元以上的企业，分别给予5万元、10万元、20万元奖励',
    recipient: { kinds: ['enterprise'], label: '电商企业' },
    conditions: [],
    award: { on: 'onlineRetail', tiers: [{ from: '1000万元', legal: '以上', money: '5万元' }, { from: '5000万元', legal: '超过', money: '10万元' }, { from: '1亿元', legal: '以上', money: '20万元' }] },
    exclusiveGroup: `${C}/G-retail`,
  }),
  rule({
    id: R.sales, article: '一', title: '网络销售额分档奖励',
    text: '网络销售额500万元至1000万元、1000万元至3000万元的企业，分别给予2万元、6万元奖励',
    recipient: { kinds: ['enterprise'], label: '电商企业' },
    conditions: [],
    award: { on: 'onlineSales', tiers: [{ from: '500万元', to: '1000万元', money: '2万元' }, { from: '1000万元', to: '3000万元', money: '6万元' }] },
    exclusiveGroup: `${C}/G-retail`,
  }),
  rule({
    id: R.honor, article: '二', title: '示范企业称号',
    text: '获得第一条奖励的企业，并授予示例市电商示范企业称号',
    recipient: { kinds: ['enterprise'], label: '获得第一条奖励的企业' },
    conditions: [{ wonGroup: `${C}/G-retail`, label: '获得第一条奖励' }],
    award: { honor: '示例市电商示范企业' },
  }),
  rule({
    id: R.live, article: '三', title: '直播基地奖励',
    text: '在我市开展服务、直播间不少于20个的直播基地，给予15万元奖励，市、县区按现行财政体制分级负担',
    recipient: { kinds: ['liveBase'], label: '在我市开展服务的直播基地', byActivity: true },
    conditions: [{ compare: { fact: 'liveRooms' }, legal: '不少于', value: '20' }],
    award: { money: '15万元' },
    funder: 'city-county',
  }),
  rule({
    id: R.next, article: '四', title: '次年度增长奖励',
    text: '获得第一条奖励的企业，次年度网络零售额增幅达到20%的，再给予3万元奖励，由县区财政承担',
    recipient: { kinds: ['enterprise'], label: '上年度获得第一条奖励的企业' },
    conditions: [
      { awardedBefore: R.retail, yearsBefore: 1, label: '上年度获得网络零售额分档奖励' },
      { compare: { growth: 'onlineRetail' }, legal: '达到', value: '20%' },
    ],
    award: { money: '3万元' },
    funder: 'subject-county',
  }),
  rule({
    id: R.fee, article: '五', title: '平台年费补贴',
    text: '首批入驻1688平台的企业，按年费的50%给予一次性补贴，最高1万元，已享受其他补贴的不再重复补贴',
    recipient: { kinds: ['enterprise'], tags: ['firstBatch1688'], label: '首批入驻1688平台的企业' },
    conditions: [{ notTag: 'costSubsidisedElsewhere', label: '已享受其他补贴的不再重复补贴' }],
    award: { costShare: { facts: ['annualFee1688'], rate: '50%', yearCap: '1万元' } },
    once: true,
  }),
];

const COUNTY_RULES: Rule[] = [
  rule({
    id: R.start, article: '1', title: '新设企业起步奖励',
    text: '当年新设、网络零售额达到100万元的电商企业，一次性给予1万元奖励',
    recipient: { kinds: ['enterprise'], tags: ['newlyEstablished'], label: '当年新设的电商企业' },
    conditions: [{ compare: { fact: 'onlineRetail' }, legal: '达到', value: '100万元' }],
    award: { money: '1万元' },
    once: true,
    interpretations: ['I-stack-levels'],
  }),
];

const GROUPS: ExclusiveGroup[] = [
  { id: `${P}/G-cities`, document: P, rules: [R.growth, R.share], text: '第二条、第三条奖励不重复享受，按就高原则执行' },
  { id: `${P}/G-enterprises`, document: P, rules: [R.title, R.scale], text: '第一条、第七条奖励不重复享受，按就高原则执行' },
  { id: `${C}/G-retail`, document: C, rules: [R.retail, R.sales], text: '第一条两项奖励不重复享受，就高不就低' },
];

const VALIDATIONS: Validation[] = [
  { id: `${P}/13.loan`, document: P, article: '十三', fact: 'loanAmount', min: '10万元', max: '1000万元', text: '单户贷款额度为10万元至1000万元', cites: ['10万元至1000万元'] },
];

/** The words the three documents use, and no other: the engine must not need Shandong's. */
const VOCABULARY: Vocabulary = {
  kinds: { country: '国家', province: '省', city: '市', county: '县（市、区）', enterprise: '企业', park: '电商园区', liveBase: '直播基地' },
  facts: {
    onlineRetail: { label: '网络零售额', unit: 'yuan', usedBy: 'regions, enterprises' },
    onlineRetailGrowth: { label: '网络零售额增幅', unit: 'ratio', usedBy: 'regions' },
    physicalGoodsOnlineRetail: { label: '实物商品网络零售额', unit: 'yuan', usedBy: 'regions, enterprises' },
    totalRetailSales: { label: '社会消费品零售总额', unit: 'yuan', usedBy: 'regions' },
    newEnterprisesOver100m: { label: '新培育过亿元电商企业数', unit: 'count', usedBy: 'counties' },
    onlineSales: { label: '网络销售额', unit: 'yuan', usedBy: 'enterprises, parks' },
    crossBorderTransactions: { label: '跨境电商交易额', unit: 'yuan', usedBy: 'enterprises' },
    crossBorderTransactionsUsd: { label: '跨境电商交易额（美元）', unit: 'usd', usedBy: 'enterprises' },
    cnyPerUsd: { label: '人民币对美元年平均汇率', unit: 'ratio', usedBy: 'CN' },
    enterpriseCount: { label: '入驻企业数', unit: 'count', usedBy: 'parks' },
    liveRooms: { label: '直播间数量', unit: 'count', usedBy: 'live bases' },
    promotionAbroadCost: { label: '境外推介费用', unit: 'yuan', usedBy: 'enterprises', itemised: true },
    annualFee1688: { label: '1688平台年费', unit: 'yuan', usedBy: 'enterprises' },
    brandRegistrationCost: { label: '品牌注册费用', unit: 'yuan', usedBy: 'enterprises' },
    scCertificationCost: { label: 'SC认证费用', unit: 'yuan', usedBy: 'enterprises' },
    packagingDesignCost: { label: '包装设计费用', unit: 'yuan', usedBy: 'enterprises' },
    appliedBrandCostItem: { label: '申请补贴的费用项（1品牌注册 2SC认证 3包装设计）', unit: 'count', usedBy: 'enterprises' },
    panelScore: { label: '综合评价得分', unit: 'score', usedBy: 'ranked parks', ruleScoped: true },
    nationalTitle: { label: '当年取得国家级示范称号', unit: 'flag', usedBy: 'enterprises', yearScoped: true },
    nationalBaseTitle: { label: '当年取得国家电子商务示范基地称号', unit: 'flag', usedBy: 'parks', yearScoped: true },
    conversionDate: { label: '分支机构转为法人企业日期', unit: 'date', usedBy: 'enterprises' },
    costSubsidisedElsewhere: { label: '该费用项已享受其他补贴', unit: 'flag', usedBy: 'enterprises', itemised: true },
  },
  tags: {
    agriEcommerce: '农特产品电商企业', foreignTrade: '外贸企业', exportToDomestic: '出口转内销企业', convertedFromBranch: '由分支机构转为法人企业',
    certified: '经认定', firstBatch1688: '首批入驻1688平台', costSubsidisedElsewhere: '同一费用已享受其他补贴', newlyEstablished: '当年新设',
    inCity: '在发文城市开展该项活动', creditBlacklisted: '信用黑名单',
  },
};

/** The engine's general readings, and each document's own (a reading only its rules use). */
const READINGS: Record<string, ReadingDeclaration> = {
  ...ENGINE_READINGS,
  'I-demo-city-exclusive': { question: '以上奖励政策按就高原则执行，不重复享受（示例市全文）', values: ['document', 'group'], documents: [CITY.id] },
  'I-demo-brand-item': { question: '示例省第四条“一项按50%”', values: ['largest', 'applied'], documents: [PROVINCE.id] },
};

export const SYNTHETIC: Corpus = {
  version: 'synthetic-1',
  vocabulary: VOCABULARY,
  readings: READINGS,
  documents: [PROVINCE, CITY, COUNTY],
  rules: [...PROVINCE_RULES, ...CITY_RULES, ...COUNTY_RULES],
  groups: GROUPS,
  validations: VALIDATIONS,
};
