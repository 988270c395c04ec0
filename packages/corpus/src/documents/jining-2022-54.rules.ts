/**
 * 济政字〔2022〕54号 济宁市关于促进电子商务高质量发展的若干措施（暂行） — the rules.
 * Text: ../../texts/jining-2022-54.txt. 济宁's functional zones are recipients like counties.
 */
import type { ExclusiveGroup, PolicyDocument, Rule } from '@duixian/engine';

export const document: PolicyDocument = {
  id: 'jining-2022-54',
  number: '济政字〔2022〕54号',
  title: '济宁市关于促进电子商务高质量发展的若干措施（暂行）',
  issuer: '370800',
  issuerName: '济宁市',
  validFrom: '2022-11-10',
  validTo: '2023-12-31',
  funder: '370800',
  funderName: '市财政',
  exclusive: { interpretation: 'I-jining-doc-exclusive', text: '以上奖励政策按就高原则执行，不重复享受' },
};

const base = { document: 'jining-2022-54' } as const;
const counties = { kinds: ['county'], label: '济宁市各县（市、区）及济宁高新区、太白湖新区、济宁经济技术开发区、曲阜文化建设示范区' } as const;
const retailGrowth = { growth: 'onlineRetail', published: 'onlineRetailGrowth' } as const;
const ruralGrowth = { growth: 'ruralOnlineRetail', published: 'ruralOnlineRetailGrowth' } as const;
const prizes = ['50万元', '40万元', '30万元'] as const;
const statsTrade = { kinds: ['enterprise'], tags: ['inStatsLibrary', 'tradeCirculation'], label: '在济宁开展电商经营活动且纳入统计部门“企业一套表”法人库的商贸流通企业' } as const;

export const rules: readonly Rule[] = [
  {
    ...base, id: 'jining-2022-54/1.retail', article: '一', title: '网络零售总额和增幅综合评价奖励',
    text: '对于当年网络零售总额和增幅进行综合评价,得分列全市前3位且增幅高于全市和全省平均增幅的县(市、区),市财政分别给予每个县(市、区)补贴50万元、40万元、30万元',
    cites: ['对于当年网络零售总额和增幅进行综合评价,得分列全市前3位', '补贴50万元、40万元、30万元'],
    recipient: counties,
    conditions: [
      { rank: { by: { composite: [{ fact: 'onlineRetail' }, retailGrowth] }, top: 3, label: '网络零售总额和增幅综合评价得分列全市前3位' } },
      { compare: retailGrowth, legal: '高于', benchmark: { average: 'city', metric: retailGrowth }, label: '网络零售额增幅' },
      { compare: retailGrowth, legal: '高于', benchmark: { average: 'province', metric: retailGrowth }, label: '网络零售额增幅' },
    ],
    award: { prizes },
    exclusiveGroup: 'jining-2022-54/1',
  },
  {
    ...base, id: 'jining-2022-54/1.rural', article: '一', title: '农村网络零售总额和增幅综合评价奖励',
    text: '对于当年农村网络零售总额和增幅进行综合评价,得分列全市前3位且增幅高于全市和全省平均增幅的县(市、区),市财政分别给予每个县(市、区)补贴50万元、40万元、30万元',
    cites: ['对于当年农村网络零售总额和增幅进行综合评价,得分列全市前3位', '补贴50万元、40万元、30万元'],
    recipient: counties,
    conditions: [
      { rank: { by: { composite: [{ fact: 'ruralOnlineRetail' }, ruralGrowth] }, top: 3, label: '农村网络零售总额和增幅综合评价得分列全市前3位' } },
      { compare: ruralGrowth, legal: '高于', benchmark: { average: 'city', metric: ruralGrowth }, label: '农村网络零售额增幅' },
      { compare: ruralGrowth, legal: '高于', benchmark: { average: 'province', metric: ruralGrowth }, label: '农村网络零售额增幅' },
    ],
    award: { prizes },
    exclusiveGroup: 'jining-2022-54/1',
    note: '“增幅高于全市和全省平均增幅”按农村网络零售额增幅与全市、全省农村网络零售额平均增幅比较。',
  },
  {
    ...base, id: 'jining-2022-54/1.share', article: '一', title: '纳统电商零售企业占比提升和增长贡献率综合评价奖励',
    text: '对于纳入统计部门“企业一套表”法人库的电商零售企业(以下简称纳统电商零售企业)当年实物商品网络零售额占当年限额以上消费品零售额比重提升幅度，以及对全市纳统电商零售企业当年实物商品网络零售额增长贡献率综合得分列全市前3位的县（市、区），市财政分别给予每个县（市、区）补贴50万元、40万元、30万元',
    cites: ['增长贡献率综合得分列全市前3位', '补贴50万元、40万元、30万元'],
    recipient: counties,
    conditions: [{ rank: { by: { composite: [{ fact: 'statsShareRise' }, { fact: 'statsGrowthContribution' }] }, top: 3, label: '比重提升幅度与增长贡献率综合得分列全市前3位' } }],
    award: { prizes },
    exclusiveGroup: 'jining-2022-54/1',
  },
  {
    ...base, id: 'jining-2022-54/2.retail-2022', article: '二', title: '2022年度电商龙头企业一次性奖励',
    text: '面向在济宁市开展电商经营活动且纳入统计部门“企业一套表”法人库的商贸流通企业，2022年度通过公共网络交易平台实现实物商品网络零售额达到1000万元以上（含1000万元）的，给予最高5万元的一次性奖励',
    cites: ['达到1000万元以上（含1000万元）', '给予最高5万元的一次性奖励'],
    recipient: statsTrade,
    years: [2022],
    conditions: [{ compare: { fact: 'physicalGoodsOnlineRetail' }, legal: '以上（含）', value: '1000万元' }],
    award: { money: '5万元', ceiling: true },
    once: true,
  },
  {
    ...base, id: 'jining-2022-54/2.retail-2023', article: '二', title: '2023年度电商龙头企业分档一次性奖励',
    text: '对2023年度实现实物商品网络零售额达到5000万元、1亿元、2亿元的电商企业，分别给予最高10万元、20万元、30万元的一次性奖励',
    cites: ['达到5000万元、1亿元、2亿元', '分别给予最高10万元、20万元、30万元的一次性奖励'],
    recipient: statsTrade,
    years: [2023],
    conditions: [],
    award: {
      tiers: [
        { from: '5000万元', legal: '达到', money: '10万元' },
        { from: '1亿元', legal: '达到', money: '20万元' },
        { from: '2亿元', legal: '达到', money: '30万元' },
      ],
      on: 'physicalGoodsOnlineRetail',
      ceiling: true,
    },
    once: true,
    note: '支持对象按同款第一句理解为纳统商贸流通企业（policy-catalogue）。',
  },
  {
    ...base, id: 'jining-2022-54/2.national-title', article: '二', title: '国家级示范称号一次性奖励',
    text: '对于取得数字商务企业、电子商务示范企业等国家级示范项目称号的，市财政给予最高50万元的一次性奖励',
    cites: ['市财政给予最高50万元的一次性奖励'],
    recipient: { kinds: ['enterprise'], label: '电商企业' },
    conditions: [{ flag: 'nationalTitle', label: '当年取得数字商务企业、电子商务示范企业等国家级示范项目称号' }],
    award: { money: '50万元', ceiling: true },
    once: true,
  },
  {
    ...base, id: 'jining-2022-54/2.county-honor', article: '二', title: '培育电商企业通报表扬',
    text: '对于新培育实物商品网络零售额过亿元电商企业1家以上或者过5000万元电商企业3家以上的县（市、区）予以通报表扬',
    cites: ['过亿元电商企业1家以上', '过5000万元电商企业3家以上'],
    recipient: counties,
    conditions: [{
      anyOf: [
        { compare: { newlyOver: 'physicalGoodsOnlineRetail', legal: '过', value: '1亿元', published: 'newEnterprisesOver100m' }, legal: '以上', value: '1', label: '新培育过亿元电商企业数' },
        { compare: { newlyOver: 'physicalGoodsOnlineRetail', legal: '过', value: '5000万元', published: 'newEnterprisesOver50m' }, legal: '以上', value: '3', label: '新培育过5000万元电商企业数' },
      ],
      label: '新培育过亿元企业1家以上或过5000万元企业3家以上',
    }],
    award: { honor: '通报表扬' },
    interpretations: ['I-guo'],
  },
  {
    ...base, id: 'jining-2022-54/3.relocation', article: '三', title: '省外电商企业分支机构转法人企业奖励（县级）',
    text: '政策施行期内，对该纳统的法人企业产生的新增财力省级不再分成部分，由企业所在县（市、区）财政按一定比例给予一次性奖励',
    cites: [],
    recipient: { kinds: ['enterprise'], tags: ['convertedFromBranch', 'inStatsLibrary'], label: '省外电商企业在济宁分支机构转为入库纳统的法人企业' },
    conditions: [{ dateInForce: 'conversionDate', label: '转为法人企业的日期' }],
    award: { pending: '由企业所在县（市、区）财政按一定比例给予一次性奖励' },
    once: true,
    funder: 'subject-county',
  },
  {
    ...base, id: 'jining-2022-54/4.new-shops', article: '四', title: '新增网上店铺通报表扬',
    text: '对当年新增网上店铺超过1000家的县（市、区）予以通报表扬',
    cites: ['新增网上店铺超过1000家'],
    recipient: counties,
    conditions: [{ compare: { fact: 'newOnlineShops' }, legal: '超过', value: '1000' }],
    award: { honor: '通报表扬' },
  },
  {
    ...base, id: 'jining-2022-54/4.repatriated-shops', article: '四', title: '迁入店铺通报表扬',
    text: '对当年迁入店铺纳统实物商品网络零售额列全市前3名的县（市、区）予以通报表扬',
    cites: ['列全市前3名'],
    recipient: counties,
    conditions: [{ rank: { by: { fact: 'repatriatedShopsRetail' }, top: 3, label: '迁入店铺纳统实物商品网络零售额列全市前3名' } }],
    award: { honor: '通报表扬' },
  },
  {
    ...base, id: 'jining-2022-54/5.live-commerce', article: '五', title: '直播电商企业支持（县级）',
    text: '鼓励有条件的县（市、区）根据实际情况和需求对MCN机构、直播团队等独立法人直播电商企业给予适当支持',
    cites: [],
    recipient: { kinds: ['enterprise'], tags: ['independentLegalPerson'], anyTags: ['mcn', 'liveTeam'], label: 'MCN机构、直播团队等独立法人直播电商企业' },
    conditions: [],
    award: { pending: '鼓励有条件的县（市、区）给予适当支持' },
    funder: 'subject-county',
  },
  {
    ...base, id: 'jining-2022-54/6.national-base', article: '六', title: '国家级电子商务示范基地一次性奖励',
    text: '对于取得国家级电子商务示范基地称号的电商园区（基地），市财政给予50万元的一次性奖励',
    cites: ['市财政给予50万元的一次性奖励'],
    recipient: { kinds: ['park'], label: '电商园区（基地）' },
    conditions: [{ flag: 'nationalBaseTitle', label: '当年取得国家级电子商务示范基地称号' }],
    award: { money: '50万元' },
    once: true,
  },
  {
    ...base, id: 'jining-2022-54/6.base-recommendation', article: '六', title: '综合性电商产业园区优先推荐申报国家级示范基地',
    text: '结合创建国家电子商务示范基地，对要素齐全、服务完备、产业融合、业态丰富的综合性电商产业园区，优先向省商务厅推荐申报国家级电子商务示范基地',
    cites: [],
    recipient: { kinds: ['park'], tags: ['comprehensivePark'], label: '要素齐全、服务完备、产业融合、业态丰富的综合性电商产业园区' },
    conditions: [],
    award: { recommendation: '优先向省商务厅推荐申报国家级电子商务示范基地' },
  },
  {
    ...base, id: 'jining-2022-54/7.whitelist-recommendation', article: '七', title: '推荐列入省电商生态链企业“白名单”库',
    text: '对于具有一定实力和知名度、无违法违规和不良信用记录的电商园区、机构、企业，推荐列入省电商生态链企业“白名单”库',
    cites: [],
    recipient: { kinds: ['park', 'organiser', 'enterprise'], tags: ['reputable'], label: '具有一定实力和知名度的电商园区、机构、企业' },
    // the text's own condition, whatever I-blacklist says about awards in general
    conditions: [{ notTag: 'creditBlacklisted', label: '无违法违规和不良信用记录' }],
    award: { recommendation: '推荐列入省电商生态链企业“白名单”库' },
  },
  {
    ...base, id: 'jining-2022-54/8.hiring', article: '八', title: '吸纳培训人员就业支持（县级）',
    text: '对我市电商、跨境电商企业吸纳经省电商生态链企业“白名单”培训机构培训或经院校“专业+实训”电商培训的人员就业，并连续缴纳6个月以上社会保险的，鼓励有条件的县（市、区）给予企业适当支持奖励',
    cites: ['并连续缴纳6个月以上社会保险'],
    recipient: { kinds: ['enterprise'], label: '济宁市电商、跨境电商企业' },
    conditions: [{ compare: { fact: 'trainedHireInsuredMonths' }, legal: '以上', value: '6', label: '吸纳的培训人员连续缴纳社会保险月数' }],
    award: { pending: '鼓励有条件的县（市、区）给予企业适当支持奖励' },
    funder: 'subject-county',
  },
];

export const groups: readonly ExclusiveGroup[] = [
  {
    id: 'jining-2022-54/1', document: 'jining-2022-54',
    rules: ['jining-2022-54/1.retail', 'jining-2022-54/1.rural', 'jining-2022-54/1.share'],
    text: '上述奖励政策不重复奖励',
  },
];
