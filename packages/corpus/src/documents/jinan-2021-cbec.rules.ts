/**
 * 济南市人民政府关于加快跨境电子商务发展的意见 (2021-05-28) — the rules. Every award of this
 * document but one recommendation (四(三)) is `pending`: the text sets eligibility ("给予重点支持",
 * "按服务能力给予支持") but no amount, which an administrator sets per rule and year (parameter `amount`).
 * Text: ../../texts/jinan-2021-cbec.txt.
 */
import type { PolicyDocument, Rule } from '@duixian/engine';

export const document: PolicyDocument = {
  id: 'jinan-2021-cbec',
  number: '济南市人民政府关于加快跨境电子商务发展的意见（2021年5月28日）',
  title: '济南市人民政府关于加快跨境电子商务发展的意见',
  issuer: '370100',
  issuerName: '济南市',
  validFrom: '2021-05-28',
  funder: '370100',
  funderName: '市财政',
};

const base = { document: 'jinan-2021-cbec', conditions: [] } as const;

export const rules: readonly Rule[] = [
  {
    ...base, id: 'jinan-2021-cbec/1.1.leader', article: '三(一)1', title: '跨境电商龙头企业重点支持',
    text: '对跨境电商交易额超过1000万美元的跨境电商企业给予重点支持。特别重大的项目,可采取“一事一议”方式予以支持',
    cites: ['对跨境电商交易额超过1000万美元的跨境电商企业给予重点支持'],
    recipient: { kinds: ['enterprise'], label: '跨境电商企业' },
    conditions: [{ usd: { usdFact: 'crossBorderTransactionsUsd', yuanFact: 'crossBorderTransactions' }, legal: '超过', value: '1000万美元', label: '跨境电商交易额' }],
    award: { pending: '给予重点支持（特别重大的项目一事一议）' },
  },
  {
    ...base, id: 'jinan-2021-cbec/2.1.service-platform', article: '三(二)1', title: '跨境电商服务平台支持',
    text: '对面向全市跨境电商企业提供报关报验、物流、退税、结算、信保、融资等综合服务或提供代运营等专业服务的平台,按服务能力给予支持',
    cites: [],
    recipient: { kinds: ['servicePlatform'], label: '面向全市跨境电商企业提供综合服务或专业服务的平台', byActivity: true },
    award: { pending: '按服务能力给予支持' },
  },
  {
    ...base, id: 'jinan-2021-cbec/2.2.park', article: '三(二)2', title: '跨境电商产业园区一次性奖励',
    text: '对经认定的年跨境电商交易额超过2亿元、入驻企业不少于20家的园区给予一次性奖励,次年度根据跨境电商交易额带动情况给予适当扶持',
    cites: ['年跨境电商交易额超过2亿元', '入驻企业不少于20家'],
    recipient: { kinds: ['park'], tags: ['certified'], label: '经认定的跨境电商产业园区' },
    conditions: [
      { compare: { fact: 'crossBorderTransactions' }, legal: '超过', value: '2亿元', label: '年跨境电商交易额' },
      { compare: { fact: 'enterpriseCount' }, legal: '不少于', value: '20', label: '入驻企业数' },
    ],
    award: { pending: '给予一次性奖励（金额待定）' },
    once: true,
  },
  {
    ...base, id: 'jinan-2021-cbec/2.2.park-next-year', article: '三(二)2', title: '跨境电商产业园区次年度扶持',
    text: '对经认定的年跨境电商交易额超过2亿元、入驻企业不少于20家的园区给予一次性奖励,次年度根据跨境电商交易额带动情况给予适当扶持',
    cites: [],
    recipient: { kinds: ['park'], tags: ['certified'], label: '上一年度获得跨境电商产业园区一次性奖励的园区' },
    conditions: [{ awardedBefore: 'jinan-2021-cbec/2.2.park', yearsBefore: 1, label: '上一年度获得园区一次性奖励（次年度）' }],
    award: { pending: '次年度根据跨境电商交易额带动情况给予适当扶持' },
    note: '“次年度”指获得一次性奖励的下一年度；扶持金额按交易额带动情况由市里设定（参数 amount）。',
  },
  {
    ...base, id: 'jinan-2021-cbec/3.2.experience-store', article: '三(三)2', title: '跨境电商展示体验店运营支持',
    text: '对跨境电商展示体验店根据实际营业面积和销售额给予运营支持',
    cites: [],
    recipient: { kinds: ['experienceStore'], label: '跨境电商展示体验店' },
    award: { pending: '根据实际营业面积和销售额给予运营支持' },
  },
  {
    ...base, id: 'jinan-2021-cbec/3.3.live-base', article: '三(三)3', title: '跨境电商直播综合服务基地支持',
    text: '支持专业运营机构在我市建立跨境电商直播综合服务基地,打造跨境直播电商孵化中心',
    cites: [],
    recipient: { kinds: ['liveBase'], tags: ['crossBorderLiveBase'], label: '专业运营机构在济南建立的跨境电商直播综合服务基地' },
    award: { pending: '予以支持（金额待定）' },
  },
  {
    ...base, id: 'jinan-2021-cbec/4.2.overseas-warehouse', article: '三(四)2', title: '跨境电商海外仓支持',
    text: '对企业自建或租用的跨境电商海外仓,按海外仓面积以及服务企业情况给予政策支持',
    cites: [],
    recipient: { kinds: ['overseasWarehouse'], label: '企业自建或租用的跨境电商海外仓' },
    award: { pending: '按海外仓面积以及服务企业情况给予政策支持' },
  },
  {
    ...base, id: 'jinan-2021-cbec/4.3.logistics', article: '三(四)3', title: '跨境电商物流支持',
    text: '对在我市开展跨境电商进出口申报的企业给予物流支持,合理控制物流成本',
    cites: [],
    recipient: { kinds: ['enterprise'], tags: ['crossBorderDeclarant'], label: '在济南开展跨境电商进出口申报的企业' },
    award: { pending: '给予物流支持' },
  },
  {
    ...base, id: 'jinan-2021-cbec/5.1.event', article: '三(五)1', title: '跨境电商公共活动主办方支持',
    text: '对国内外知名的跨境电商企业、行业服务机构在我市举办的具有一定影响力的峰会、展会等跨境电商公共活动,给予活动主办方适当支持',
    cites: [],
    recipient: { kinds: ['organiser', 'enterprise'], tags: ['influentialEvent'], label: '在济南举办具有一定影响力的跨境电商公共活动的主办方', byActivity: true },
    award: { pending: '给予活动主办方适当支持' },
  },
  {
    ...base, id: 'jinan-2021-cbec/6.4.payment', article: '三(六)4', title: '第三方跨境支付平台支持',
    text: '对取得中国人民银行《支付业务许可证》并符合跨境支付标准,在我市开展跨境电商结算的第三方支付平台按结算金额给予支持',
    cites: [],
    recipient: { kinds: ['paymentPlatform'], tags: ['paymentLicence'], label: '取得《支付业务许可证》并在济南开展跨境电商结算的第三方支付平台', byActivity: true },
    award: { pending: '按结算金额给予支持' },
  },
  {
    ...base, id: 'jinan-2021-cbec/safeguard.3.pilot-recommendation', article: '四(三)', title: '优先推荐申报外贸新业态试点',
    text: '对发展模式新、业务规模增长快、带动能力强的企业或项目,优先推荐申报国家级、省级外贸新业态试点',
    cites: [],
    recipient: { kinds: ['enterprise'], tags: ['newBusinessModel'], label: '发展模式新、业务规模增长快、带动能力强的企业或项目' },
    award: { recommendation: '优先推荐申报国家级、省级外贸新业态试点' },
  },
];
