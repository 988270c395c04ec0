/**
 * Which awards need an application (申报, with evidence) and which are granted without one
 * (免申即享: the platform finds the subject eligible from statistics and the review starts by
 * itself). A rule needs an application when anything it decides on is only known from the
 * subject's own papers — a cost and its invoices, a title's certificate, an event, a hire's
 * social-insurance record, a choice the subject makes — rather than from official statistics or
 * the government's own registers and lists. Awards to regions (市、县) are never applied for: their
 * figures are statistics and any panel score is the higher level's own evaluation.
 */
import { isRegionKind, kindLabel, tagLabel, type Award, type Condition, type FactKey, type Metric, type Rule, type SubjectKind, type Tag, type Vocabulary } from '@duixian/engine';
import { CORPUS } from './rules.js';

/** Facts the subject must evidence, and why (中文). */
export const EVIDENCED_FACTS: Readonly<Partial<Record<FactKey, string>>> = {
  promotionAbroadCost: '跨境推介实际发生费用，须提供合同、发票及付款凭证',
  annualFee1688: '1688平台年费，须提供缴费凭证',
  contestEventCost: '直播大赛每次实际发生费用，须提供活动方案、费用明细及发票',
  brandRegistrationCost: '品牌注册费用，须提供注册证书及缴费凭证',
  scCertificationCost: 'SC认证（食品生产许可）费用，须提供许可证及缴费凭证',
  packagingDesignCost: '包装设计费用，须提供设计合同及发票',
  exportLiveServiceFee: '出口产品直播带货服务费，须提供服务合同及发票',
  nationalTitle: '当年取得的国家级示范称号，须提供认定文件',
  nationalBaseTitle: '当年取得的国家电子商务示范基地称号，须提供认定文件',
  trainedHireInsuredMonths: '吸纳培训人员就业及连续缴纳社会保险月数，须提供培训证明、劳动合同及社保缴费记录',
  conversionDate: '由分支机构转为法人企业的日期，须提供变更登记材料',
  appliedBrandCostItem: '申请补贴的一项品牌费用，由企业在申报时选定',
  panelScore: '综合评价（评选）得分由评审产生，须参评主体报名并提交材料',
  loanAmount: '齐鲁电商贷申请额度，由企业申请',
  area: '园区（集聚区）面积，须提供产权或租赁证明',
  enterpriseCount: '入驻企业数，须提供入驻企业名单及协议',
  liveRooms: '直播间数量，须提供场地及设备材料，现场核验',
  brandsIntegrated: '整合品牌数，须提供品牌合作协议',
  showroomArea: '综合展厅面积，须提供场地证明',
  parcelsToVillages: '发往乡镇中心村快件数，须提供配送记录',
  expressCompaniesIntegrated: '整合的全国性快递物流企业数，须提供合作协议',
  countyParcelShare: '整合县域快递单量占比，须提供平台业务数据',
  enterprisesServed: '服务企业数，须提供服务合同及名单',
  crossBorderSettlement: '跨境电商结算金额，须提供结算数据',
  costSubsidisedElsewhere: '已享受其他补贴的费用项，由企业申报时逐项承诺',
};

/** Facts that come from official statistics (统计、商务、海关、平台监测数据), and whose. */
export const STATISTICAL_FACTS: Readonly<Partial<Record<FactKey, string>>> = {
  onlineRetail: '网络零售统计监测数据',
  onlineRetailGrowth: '网络零售统计监测数据',
  physicalGoodsOnlineRetail: '网络零售统计监测数据',
  totalRetailSales: '统计部门数据',
  physicalGoodsOnlineRetailShare: '统计部门数据',
  ruralOnlineRetail: '网络零售统计监测数据',
  ruralOnlineRetailGrowth: '网络零售统计监测数据',
  statsShareRise: '统计部门数据（纳统企业）',
  statsGrowthContribution: '统计部门数据（纳统企业）',
  newOnlineShops: '网络零售统计监测数据',
  repatriatedShopsRetail: '统计部门数据（纳统店铺）',
  newEnterprisesOver100m: '统计部门数据（纳统企业）',
  newEnterprisesOver50m: '统计部门数据（纳统企业）',
  onlineSales: '网络零售统计监测数据',
  crossBorderTransactions: '海关及跨境电商统计数据',
  crossBorderTransactionsUsd: '海关及跨境电商统计数据',
  cnyPerUsd: '国家公布的年平均汇率',
  salesVolume: '第三方数据服务商的平台监测数据',
  feedbackScore: '第三方数据服务商的平台监测数据',
  followers: '第三方数据服务商的平台监测数据',
};

/** Tags the subject must evidence, and why. */
export const EVIDENCED_TAGS: Readonly<Partial<Record<Tag, string>>> = {
  mcn: 'MCN机构或直播团队的经营范围与业务，须提供证明材料',
  liveTeam: 'MCN机构或直播团队的经营范围与业务，须提供证明材料',
  sellsLocalAgriProducts: '网上销售本地农副产品，须提供销售记录',
  sellsBrandedAgriProducts: '销售“三品一标”或区域品牌农特产品，须提供认证证书',
  agriEcommerce: '农特产品电商企业，须提供经营证明',
  nationalTitle: '国家级示范称号，须提供认定文件',
  nationalBaseTitle: '国家电子商务示范基地称号，须提供认定文件',
  firstBatch1688: '首批入驻1688平台，须提供平台证明',
  costSubsidisedElsewhere: '同一费用是否已享受其他补贴，由企业申报时承诺',
  firstLevel: '一级分拨中心的定位，须提供建设及运营材料',
  nationalCoverage: '干线覆盖全国大中型城市，须提供线路材料',
  provinceCoverage: '省内设区市网络全覆盖，须提供网络材料',
  fiveUnified: '实现“五统一”，须提供运营材料，现场核验',
  priceMatching: '提供实时比价和撮合对接服务，须提供平台功能说明',
  influentialEvent: '举办有影响力的峰会、展会，须提供活动材料',
  paymentLicence: '《支付业务许可证》，须提供证照',
  operatingResults: '取得一定经营实绩，须提供经营数据',
  exportLiveEvent: '举办出口产品直播带货活动，须提供活动材料',
  exportToDomestic: '依托电商平台开展出口产品转内销，须提供平台店铺及销售材料',
  expressCompany: '建设主体为国际性、全国性物流快递企业，须提供营业执照及快递业务经营许可证',
  agriSupplyChain: '整合的是农特产品供应链，须提供品牌合作协议及产品清单',
  comprehensivePark: '要素齐全、服务完备、产业融合、业态丰富，须提供园区配套服务材料',
  reputable: '具有一定实力和知名度，须提供经营及荣誉材料',
  crossBorderLiveBase: '跨境电商直播综合服务基地，须提供建设及运营材料',
  newBusinessModel: '发展模式新、业务规模增长快、带动能力强，须提供企业或项目材料',
  inCity: '在济南举办活动、开展跨境结算或面向全市服务，须提供活动、结算或服务材料',
};

/** Tags the government already holds in its own registers and lists, and which. */
export const REGISTER_TAGS: Readonly<Partial<Record<Tag, string>>> = {
  inStatsLibrary: '统计部门“企业一套表”法人库',
  tradeCirculation: '统计部门行业分类',
  independentLegalPerson: '市场主体登记',
  newlyEstablished: '市场主体登记（成立日期）',
  traditionalSupermarket: '统计部门行业分类',
  ecommerceWholesaleRetail: '统计部门行业分类',
  onlineRetailer: '统计部门行业分类',
  certified: '政府认定名单',
  convertedFromBranch: '市场主体登记（变更登记）',
  whitelisted: '电商生态链企业白名单',
  creditBlacklisted: '信用黑名单',
  crossBorderDeclarant: '海关申报数据',
  foreignTrade: '对外贸易经营者备案（海关进出口货物收发货人备案）',
};

/** Recipients that no register or statistic shows (境外、门店、服务能力): they must apply. */
export const EVIDENCED_KINDS: Readonly<Partial<Record<SubjectKind, string>>> = {
  overseasWarehouse: '海外仓在境外，须提供自建或租用合同及运营材料',
  experienceStore: '跨境电商体验店的经营面积和销售，须提供证明材料',
  servicePlatform: '跨境电商服务平台的服务能力，须提供服务企业名单及合同',
};

function metricFacts(m: Metric): FactKey[] {
  if ('fact' in m) return [m.fact];
  if ('growth' in m) return [m.growth, ...(m.published ? [m.published] : [])];
  if ('ratio' in m) return [...m.ratio, ...(m.published ? [m.published] : [])];
  if ('sumOverYears' in m) return [m.sumOverYears];
  if ('newlyOver' in m) return [m.newlyOver, m.published];
  // 综合评价: the metrics, and the panel's scores where it has them (I-composite)
  return [...m.composite.flatMap(metricFacts), 'panelScore'];
}

function conditionFacts(c: Condition): FactKey[] {
  if ('compare' in c) return [...metricFacts(c.compare), ...('benchmark' in c ? metricFacts(c.benchmark.metric) : [])];
  if ('usd' in c) return [c.usd.usdFact, c.usd.yuanFact, 'cnyPerUsd'];
  if ('flag' in c) return [c.flag];
  if ('dateInForce' in c) return [c.dateInForce];
  if ('anyOf' in c) return c.anyOf.flatMap(conditionFacts);
  if ('rank' in c) return metricFacts(c.rank.by);
  return []; // tag, notTag, wonGroup
}

/** The facts an award reads (the engine's awardFacts), and the fact naming the item applied for (a cost share's pick). */
function awardFactKeys(a: Award): FactKey[] {
  if ('tiers' in a) return [a.on];
  if ('perUnit' in a) return [a.perUnit.fact];
  if ('costShare' in a) {
    const { facts, pick, except } = a.costShare;
    return [...facts, ...(pick ? [pick.applied] : []), ...(except ? [except] : [])];
  }
  return [];
}

/** Every fact key a rule reads: its conditions (benchmarks and rankings included) and its award. */
export function ruleFactKeys(rule: Rule): FactKey[] {
  return [...new Set([...rule.conditions.flatMap(conditionFacts), ...awardFactKeys(rule.award)])];
}

/** Every tag a rule reads: its recipient's (with `inCity` where I-recipient-place may read it) and its conditions'. */
export function ruleTags(rule: Rule): Tag[] {
  const fromConditions = (c: Condition): Tag[] =>
    'tag' in c ? [c.tag] : 'notTag' in c ? [c.notTag] : 'anyOf' in c ? c.anyOf.flatMap(fromConditions) : [];
  const { tags = [], anyTags = [], byActivity } = rule.recipient;
  return [...new Set([...tags, ...anyTags, ...(byActivity ? ['inCity' as const] : []), ...rule.conditions.flatMap(fromConditions)])];
}

export interface Evidence {
  readonly kind: 'fact' | 'tag' | 'recipient';
  readonly key: string;
  readonly label: string;
  readonly why: string;
}

/** What a subject must evidence to claim a rule (empty: 免申即享), named in the corpus's words. */
export function evidenceOf(rule: Rule, vocabulary: Vocabulary = CORPUS.vocabulary): Evidence[] {
  if (rule.recipient.kinds.every(isRegionKind)) return [];
  const facts = ruleFactKeys(rule).flatMap((k): Evidence[] => {
    const why = EVIDENCED_FACTS[k];
    return why ? [{ kind: 'fact', key: k, label: vocabulary.facts[k]?.label ?? k, why }] : [];
  });
  const tags = ruleTags(rule).flatMap((t): Evidence[] => {
    const why = EVIDENCED_TAGS[t];
    return why ? [{ kind: 'tag', key: t, label: tagLabel(vocabulary, t), why }] : [];
  });
  const kinds = rule.recipient.kinds.flatMap((k): Evidence[] => {
    const why = EVIDENCED_KINDS[k];
    return why ? [{ kind: 'recipient', key: k, label: kindLabel(vocabulary, k), why }] : [];
  });
  return [...facts, ...tags, ...kinds];
}

export type ApplicationMode = 'application' | 'automatic';

export function applicationMode(rule: Rule): ApplicationMode {
  return evidenceOf(rule).length ? 'application' : 'automatic';
}

/** The corpus's rule ids by mode, in corpus order. */
export const APPLICATION_RULES: readonly string[] = CORPUS.rules.filter((r) => applicationMode(r) === 'application').map((r) => r.id);
export const AUTOMATIC_RULES: readonly string[] = CORPUS.rules.filter((r) => applicationMode(r) === 'automatic').map((r) => r.id);
