/**
 * 东政发〔2020〕9号 东营市人民政府关于加快电子商务产业发展的实施意见 — the rules (三、扶持政策).
 * Text: ../../texts/dongying-2020-9.txt. The text keeps spaces around some figures ("最高 50% 的补助").
 */
import type { ExclusiveGroup, PolicyDocument, Rule } from '@duixian/engine';

export const document: PolicyDocument = {
  id: 'dongying-2020-9',
  number: '东政发〔2020〕9号',
  title: '东营市人民政府关于加快电子商务产业发展的实施意见',
  issuer: '370500',
  issuerName: '东营市',
  validFrom: '2020-06-28',
  validTo: '2023-06-27',
  funder: '370500',
  funderName: '市财政',
};

const base = { document: 'dongying-2020-9' } as const;
const threeYears = { sumOverYears: 'onlineSales', from: 2020, to: 2022 } as const;
const threeYearScore = { composite: [threeYears, { fact: 'enterpriseCount' }] } as const;
const threeYearNote = '三年（2020—2022年）综合评定在2022年度一次评定；未规定评定方法时按 I-composite：专家评分（panelScore），否则按三年网络销售额合计与入驻企业数最小—最大标准化等权相加。';
const certifiedTownsAndVillages = { kinds: ['town', 'village'], tags: ['certified'], label: '认定的市级电商小镇、电商村' } as const;
const shared = '以上资金由市、县区(市属开发区)按现行财政体制分级负担';

export const rules: readonly Rule[] = [
  {
    ...base, id: 'dongying-2020-9/2.4.title', article: '二(四)', title: '市级电商小镇、电商村称号',
    text: '积极培育特色电商小镇、电商村,到2022年,全市认定5个具备地方特色的电商小镇、10个电商村,授予称号并优先推荐省级评定',
    cites: [],
    recipient: certifiedTownsAndVillages,
    conditions: [],
    award: { honor: '授予市级电商小镇、电商村称号' },
    once: true,
  },
  {
    ...base, id: 'dongying-2020-9/2.4.recommendation', article: '二(四)', title: '电商小镇、电商村优先推荐省级评定',
    text: '全市认定5个具备地方特色的电商小镇、10个电商村,授予称号并优先推荐省级评定',
    cites: [],
    recipient: certifiedTownsAndVillages,
    conditions: [],
    award: { recommendation: '优先推荐省级评定' },
    once: true,
  },
  {
    ...base, id: 'dongying-2020-9/3.1.park', article: '三(一)', title: '电子商务园区三年综合评定奖励',
    text: '对三年(2020—2022年)综合评定位列前3位电子商务园区,分别给予100万元、50万元、30万元的奖励',
    cites: ['对三年(2020—2022年)综合评定位列前3位电子商务园区', '分别给予100万元、50万元、30万元的奖励'],
    recipient: { kinds: ['park'], label: '东营市电子商务园区' },
    years: [2022],
    conditions: [{ rank: { by: threeYearScore, top: 3, label: '三年(2020—2022年)综合评定位列前3位' } }],
    award: { prizes: ['100万元', '50万元', '30万元'] },
    note: threeYearNote,
  },
  {
    ...base, id: 'dongying-2020-9/3.1.platform', article: '三(一)', title: '行业电子商务平台三年综合评定奖励',
    text: '对三年综合评定位列前2位的行业电子商务平台,分别给予50万元、30万元奖励',
    cites: ['对三年综合评定位列前2位的行业电子商务平台', '分别给予50万元、30万元奖励'],
    recipient: { kinds: ['platform'], label: '东营市行业电子商务平台' },
    years: [2022],
    conditions: [{ rank: { by: threeYearScore, top: 2, label: '三年综合评定位列前2位' } }],
    award: { prizes: ['50万元', '30万元'] },
    note: threeYearNote,
  },
  {
    ...base, id: 'dongying-2020-9/3.3.leader', article: '三(三)', title: '电子商务龙头企业奖励',
    text: '对全市年网络零售额8000万元以上,排名前3位的电子商务企业分别奖励50万元、30万元、20万元',
    cites: ['年网络零售额8000万元以上,排名前3位', '分别奖励50万元、30万元、20万元'],
    recipient: { kinds: ['enterprise'], label: '东营市电子商务企业' },
    conditions: [
      { compare: { fact: 'onlineRetail' }, legal: '以上', value: '8000万元', label: '年网络零售额' },
      { rank: { by: { fact: 'onlineRetail' }, top: 3, label: '年网络零售额排名前3位' } },
    ],
    award: { prizes: ['50万元', '30万元', '20万元'] },
    exclusiveGroup: 'dongying-2020-9/3.3',
  },
  {
    ...base, id: 'dongying-2020-9/3.3.agri', article: '三(三)', title: '销售本地农副产品企业奖励',
    text: '鼓励企业应用电子商务销售本地农副产品,对年网络零售额500万元以上,排名前3位的企业分别奖励30万元、20万元、10万元',
    cites: ['对年网络零售额500万元以上,排名前3位', '分别奖励30万元、20万元、10万元'],
    recipient: { kinds: ['enterprise'], tags: ['sellsLocalAgriProducts'], label: '应用电子商务销售本地农副产品的企业' },
    conditions: [
      { compare: { fact: 'onlineRetail' }, legal: '以上', value: '500万元', label: '年网络零售额' },
      { rank: { by: { fact: 'onlineRetail' }, top: 3, label: '年网络零售额排名前3位' } },
    ],
    award: { prizes: ['30万元', '20万元', '10万元'] },
    exclusiveGroup: 'dongying-2020-9/3.3',
  },
  {
    ...base, id: 'dongying-2020-9/3.3.supermarket', article: '三(三)', title: '电商赋能传统商超奖励',
    text: '支持电商赋能传统商超,对年网络零售额600万元以上,排名前3位的企业分别奖励20万元、10万元、5万元',
    cites: ['对年网络零售额600万元以上,排名前3位', '分别奖励20万元、10万元、5万元'],
    recipient: { kinds: ['enterprise'], tags: ['traditionalSupermarket'], label: '电商赋能的传统商超' },
    conditions: [
      { compare: { fact: 'onlineRetail' }, legal: '以上', value: '600万元', label: '年网络零售额' },
      { rank: { by: { fact: 'onlineRetail' }, top: 3, label: '年网络零售额排名前3位' } },
    ],
    award: { prizes: ['20万元', '10万元', '5万元'] },
    exclusiveGroup: 'dongying-2020-9/3.3',
  },
  {
    ...base, id: 'dongying-2020-9/3.4.town', article: '三(四)', title: '市级电商小镇一次性奖励',
    text: '对认定的市级电商小镇分别一次性给予20万元奖励',
    cites: ['一次性给予20万元奖励'],
    recipient: { kinds: ['town'], tags: ['certified'], label: '认定的市级电商小镇' },
    conditions: [],
    award: { money: '20万元' },
    once: true,
  },
  {
    ...base, id: 'dongying-2020-9/3.4.village', article: '三(四)', title: '市级电商村一次性奖励',
    text: '对认定的市级电商村分别一次性给予10万元奖励',
    cites: ['一次性给予10万元奖励'],
    recipient: { kinds: ['village'], tags: ['certified'], label: '认定的市级电商村' },
    conditions: [],
    award: { money: '10万元' },
    once: true,
  },
  {
    ...base, id: 'dongying-2020-9/3.5.promotion', article: '三(五)', title: '跨境宣传推介费用补助',
    text: '对企业自建站或利用第三方跨境电商平台宣传推介发生的相关费用给予最高 50% 的补助,单个企业每年最高补助不超过 10 万元。已享受其他补贴的不再重复补贴',
    cites: ['给予最高 50% 的补助', '单个企业每年最高补助不超过 10 万元'],
    recipient: { kinds: ['enterprise'], label: '通过互联网开拓国际市场的企业' },
    // the tag marks all of the enterprise's costs; the costSubsidisedElsewhere fact marks one cost item
    conditions: [{ notTag: 'costSubsidisedElsewhere', label: '已享受其他补贴的不再重复补贴' }],
    award: { costShare: { facts: ['promotionAbroadCost'], rate: '50%', yearCap: '10万元', except: 'costSubsidisedElsewhere' }, ceiling: true },
    funder: 'city-county',
    note: shared,
  },
  {
    ...base, id: 'dongying-2020-9/3.5.1688', article: '三(五)', title: '首批入驻1688平台年费补贴',
    text: '对首批入驻 1688 平台的企业,在省补贴 50% 年费的基础上,再给予 50% 补贴',
    cites: ['在省补贴 50% 年费的基础上,再给予 50% 补贴'],
    recipient: { kinds: ['enterprise'], tags: ['firstBatch1688'], label: '首批入驻1688平台的企业' },
    conditions: [],
    award: { costShare: { facts: ['annualFee1688'], rate: '50%' } },
    funder: 'city-county',
    note: `在省补贴50%年费的基础上由市、县区再补贴年费的50%；${shared}`,
  },
  {
    ...base, id: 'dongying-2020-9/3.5.export-live', article: '三(五)', title: '出口产品线上直播活动补贴',
    text: '举办出口产品线上直播“带货”、电商直播走进外贸企业专项活动,在省补贴直播机构服务费和网红服务费的基础上,再给予补贴',
    cites: [],
    recipient: { kinds: ['enterprise'], tags: ['exportLiveEvent'], label: '举办出口产品线上直播带货活动的外贸企业' },
    conditions: [],
    award: { pending: '在省补贴直播机构服务费和网红服务费的基础上再给予补贴' },
    funder: 'city-county',
  },
  {
    ...base, id: 'dongying-2020-9/3.5.contest', article: '三(五)', title: '电商直播大赛费用补贴',
    text: '鼓励各县区、商协会、电子商务企业主办或承办电商直播大赛,按照其实际发生费用的 80% 给予补贴,每次活动不超过 5 万元,年内累计不超过 10 万元',
    cites: ['按照其实际发生费用的 80% 给予补贴,每次活动不超过 5 万元,年内累计不超过 10 万元'],
    recipient: { kinds: ['organiser', 'county', 'enterprise'], label: '主办或承办电商直播大赛的县区、商协会、电子商务企业' },
    conditions: [],
    award: { costShare: { facts: ['contestEventCost'], rate: '80%', itemCap: '5万元', yearCap: '10万元' } },
    funder: 'city-county',
    note: shared,
  },
];

export const groups: readonly ExclusiveGroup[] = [
  {
    id: 'dongying-2020-9/3.3', document: 'dongying-2020-9',
    rules: ['dongying-2020-9/3.3.leader', 'dongying-2020-9/3.3.agri', 'dongying-2020-9/3.3.supermarket'],
    text: '以上事项不重复奖励',
  },
];
