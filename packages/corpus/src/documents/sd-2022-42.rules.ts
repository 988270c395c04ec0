/**
 * 鲁政字〔2022〕42号 山东省人民政府关于促进电子商务高质量发展若干措施 — the rules.
 * Text: ../../texts/sd-2022-42.txt. Rule ids: shared/spec/policy-catalogue.md.
 */
import type { ExclusiveGroup, PolicyDocument, Rule, Validation } from '@duixian/engine';

export const document: PolicyDocument = {
  id: 'sd-2022-42',
  number: '鲁政字〔2022〕42号',
  title: '山东省人民政府关于促进电子商务高质量发展若干措施',
  issuer: '370000',
  issuerName: '山东省',
  validFrom: '2022-02-22',
  validTo: '2023-12-31',
  funder: '370000',
  funderName: '省财政',
};

const growthOfRetail = { growth: 'onlineRetail', published: 'onlineRetailGrowth' } as const;
const shareOfRetail = { ratio: ['physicalGoodsOnlineRetail', 'totalRetailSales'], published: 'physicalGoodsOnlineRetailShare' } as const;
const cities = { kinds: ['city'], label: '山东省各设区的市' } as const;
const base = { document: 'sd-2022-42' } as const;

export const rules: readonly Rule[] = [
  {
    ...base, id: 'sd-2022-42/1.growth', article: '一', title: '网络零售额增幅奖励',
    text: '对当年网络零售额增幅高于全省和全国平均增幅,且增幅列全省前5位的市,省财政给予每市补贴100万元',
    cites: ['增幅列全省前5位', '给予每市补贴100万元'],
    recipient: cities,
    conditions: [
      { compare: growthOfRetail, legal: '高于', benchmark: { average: 'province', metric: growthOfRetail }, label: '当年网络零售额增幅' },
      { compare: growthOfRetail, legal: '高于', benchmark: { average: 'country', metric: growthOfRetail }, label: '当年网络零售额增幅' },
      { rank: { by: growthOfRetail, top: 5, label: '增幅列全省前5位' } },
    ],
    award: { money: '100万元' },
    exclusiveGroup: 'sd-2022-42/1',
  },
  {
    ...base, id: 'sd-2022-42/1.share', article: '一', title: '实物商品网络零售额占比奖励',
    text: '对当年实物商品网络零售额占社会消费品零售总额比重超过全国平均水平,且排名全省前5位的市,省财政给予每市补贴200万元',
    cites: ['排名全省前5位', '给予每市补贴200万元'],
    recipient: cities,
    conditions: [
      { compare: shareOfRetail, legal: '超过', benchmark: { average: 'country', metric: shareOfRetail }, label: '实物商品网络零售额占社会消费品零售总额比重' },
      { rank: { by: shareOfRetail, top: 5, label: '比重排名全省前5位' } },
    ],
    award: { money: '200万元' },
    exclusiveGroup: 'sd-2022-42/1',
  },
  {
    ...base, id: 'sd-2022-42/2.traffic', article: '二', title: '电商龙头企业流量补贴',
    text: '对当年实现实物商品网络零售额1亿元以上企业,每实现1万元,省财政最高给予2元流量补贴,每家企业最高补贴100万元,全省补贴总额不超过500万元',
    cites: ['1亿元以上企业', '每实现1万元', '最高给予2元', '每家企业最高补贴100万元', '全省补贴总额不超过500万元'],
    recipient: { kinds: ['enterprise'], label: '当年实物商品网络零售额1亿元以上企业' },
    conditions: [{ compare: { fact: 'physicalGoodsOnlineRetail' }, legal: '以上', value: '1亿元' }],
    award: { perUnit: { fact: 'physicalGoodsOnlineRetail', per: '1万元', pay: '2元' }, cap: '100万元', ceiling: true },
    pool: { cap: '500万元', text: '全省补贴总额不超过500万元' },
    interpretations: ['I-pool'],
  },
  {
    ...base, id: 'sd-2022-42/3.relocation', article: '三', title: '省外电商企业分支机构转法人企业奖励',
    text: '政策施行期内,省外电商企业在鲁分支机构转为入库纳统的法人企业后,对其产生的新增财力省级不再分成,由企业所在市财政按一定比例给予一次性奖励,或采取参股等方式予以支持',
    cites: [],
    recipient: { kinds: ['enterprise'], tags: ['convertedFromBranch', 'inStatsLibrary'], label: '由省外电商企业在鲁分支机构转为入库纳统的法人企业' },
    conditions: [{ dateInForce: 'conversionDate', label: '转为法人企业的日期' }],
    award: { pending: '由企业所在市财政按一定比例给予一次性奖励' },
    once: true,
    funder: 'subject-city',
  },
  {
    ...base, id: 'sd-2022-42/4.new-shops', article: '四', title: '新增网上店铺通报表扬',
    text: '对当年新增网上店铺超过1万家的市,进行通报表扬',
    cites: ['新增网上店铺超过1万家'],
    recipient: cities,
    conditions: [{ compare: { fact: 'newOnlineShops' }, legal: '超过', value: '1万' }],
    award: { honor: '通报表扬' },
  },
  {
    ...base, id: 'sd-2022-42/4.shop-support', article: '四', title: '新设店铺支持（有条件的市）',
    text: '对当年新设且取得一定经营实绩的店铺,鼓励有条件的市根据当地发展规划给予适当支持',
    cites: [],
    recipient: { kinds: ['shop'], tags: ['newlyEstablished', 'operatingResults'], label: '当年新设且取得一定经营实绩的店铺' },
    conditions: [],
    award: { pending: '鼓励有条件的市给予适当支持' },
    funder: 'subject-city',
  },
  {
    ...base, id: 'sd-2022-42/5.repatriated-shops', article: '五', title: '迁入店铺通报表扬',
    text: '对当年迁入店铺纳统网络零售额全省前三名的市,进行通报表扬',
    cites: ['全省前三名'],
    recipient: cities,
    conditions: [{ rank: { by: { fact: 'repatriatedShopsRetail' }, top: 3, label: '迁入店铺纳统网络零售额全省前三名' } }],
    award: { honor: '通报表扬' },
  },
  {
    ...base, id: 'sd-2022-42/6.live-commerce', article: '六', title: '直播电商企业支持（有条件的市）',
    text: '对MCN机构、直播团队当年新设且实现网络零售额5000万元以上的独立法人直播电商企业,鼓励有条件的市根据当地发展规划给予适当支持',
    cites: ['网络零售额5000万元以上'],
    recipient: { kinds: ['enterprise'], tags: ['independentLegalPerson', 'newlyEstablished'], anyTags: ['mcn', 'liveTeam'], label: 'MCN机构、直播团队当年新设的独立法人直播电商企业' },
    conditions: [{ compare: { fact: 'onlineRetail' }, legal: '以上', value: '5000万元' }],
    award: { pending: '鼓励有条件的市给予适当支持' },
    funder: 'subject-city',
  },
  {
    ...base, id: 'sd-2022-42/7.export-to-domestic', article: '七', title: '外贸企业出口产品转内销支持（有条件的市）',
    text: '鼓励有条件的市根据当地发展规划,对外贸企业依托电商平台开展出口产品转内销给予适当支持',
    cites: [],
    recipient: { kinds: ['enterprise'], tags: ['foreignTrade', 'exportToDomestic'], label: '依托电商平台开展出口产品转内销的外贸企业' },
    conditions: [],
    award: { pending: '鼓励有条件的市给予适当支持' },
    funder: 'subject-city',
  },
  {
    ...base, id: 'sd-2022-42/8.park-recommendation', article: '八', title: '电商产业园区综合评价优先推荐',
    text: '每年开展电商产业园区综合评价,对综合排名靠前的电商产业园区,优先推荐申报国家电子商务示范基地',
    cites: [],
    recipient: { kinds: ['park'], label: '电商产业园区' },
    conditions: [{ rank: { by: { composite: [{ fact: 'onlineSales' }, { fact: 'enterpriseCount' }] }, top: 3, topParameter: 'topN', label: '年度综合评价排名靠前（前N名，N默认为3，可由参数 topN 设定）' } }],
    award: { recommendation: '优先推荐申报国家电子商务示范基地' },
    note: '“综合排名靠前”未规定名次，按前3名（参数 topN 可调）；综合评价未规定方法，按 I-composite。',
  },
  {
    ...base, id: 'sd-2022-42/10.hiring', article: '十', title: '吸纳培训人员就业支持（有条件的市）',
    text: '对省内电商、跨境电商企业吸纳经电商生态链企业“白名单”培训机构培训或经院校“专业+实训”电商培训的人员就业,并连续缴纳6个月以上社会保险的,有条件的市可根据当地发展规划给予企业适当支持',
    cites: ['连续缴纳6个月以上社会保险'],
    recipient: { kinds: ['enterprise'], label: '省内电商、跨境电商企业' },
    conditions: [{ compare: { fact: 'trainedHireInsuredMonths' }, legal: '以上', value: '6', label: '吸纳的培训人员连续缴纳社会保险月数' }],
    award: { pending: '有条件的市可给予企业适当支持' },
    funder: 'subject-city',
  },
  {
    ...base, id: 'sd-2022-42/11.county-hub', article: '十一', title: '县域快递物流配送中心支持',
    text: '对整合全国性快递物流企业5家以上、实现县域内仓储、分拣、运输、配送、揽件“五统一”的县域快递物流配送中心……鼓励有条件的市根据当地发展规划给予适当支持',
    cites: ['整合全国性快递物流企业5家以上'],
    recipient: { kinds: ['logisticsCentre'], tags: ['fiveUnified'], label: '实现“五统一”的县域快递物流配送中心' },
    conditions: [{ compare: { fact: 'expressCompaniesIntegrated' }, legal: '以上', value: '5' }],
    award: { pending: '鼓励有条件的市给予适当支持' },
    funder: 'subject-city',
  },
  {
    ...base, id: 'sd-2022-42/11.info-platform', article: '十一', title: '快递物流信息平台支持',
    text: '能够提供实时比价和撮合对接服务、整合县域80%以上快递单量的快递物流信息平台,鼓励有条件的市根据当地发展规划给予适当支持',
    cites: ['整合县域80%以上快递单量'],
    recipient: { kinds: ['platform'], tags: ['priceMatching'], label: '提供实时比价和撮合对接服务的快递物流信息平台' },
    conditions: [{ compare: { fact: 'countyParcelShare' }, legal: '以上', value: '80%' }],
    award: { pending: '鼓励有条件的市给予适当支持' },
    funder: 'subject-city',
  },
  {
    ...base, id: 'sd-2022-42/11.sorting-centre', article: '十一', title: '新设一级分拨中心一次性支持',
    text: '支持国际性、全国性物流快递企业在省内建设……枢纽型分拨中心,省财政对符合条件的新设一级分拨中心,首年度给予一次性支持300万元',
    cites: ['首年度给予一次性支持300万元'],
    recipient: { kinds: ['sortingCentre'], tags: ['expressCompany', 'newlyEstablished', 'firstLevel', 'nationalCoverage', 'provinceCoverage'], label: '国际性、全国性物流快递企业在省内新设的一级分拨中心（干线覆盖全国大中型城市、省内设区市全覆盖）' },
    conditions: [],
    award: { money: '300万元' },
    once: true,
    interpretations: ['I-once'],
  },
];

export const groups: readonly ExclusiveGroup[] = [
  {
    id: 'sd-2022-42/1', document: 'sd-2022-42', rules: ['sd-2022-42/1.growth', 'sd-2022-42/1.share'],
    text: '上述两项奖励政策不重复奖励,奖励标准“就高不就低”',
  },
];

export const validations: readonly Validation[] = [
  {
    id: 'sd-2022-42/12.loan', document: 'sd-2022-42', article: '十二', fact: 'loanAmount', min: '10万元', max: '1000万元',
    text: '单户贷款额度为10万元至1000万元', cites: ['单户贷款额度为10万元至1000万元'],
  },
];
