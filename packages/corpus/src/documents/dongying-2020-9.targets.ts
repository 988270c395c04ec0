import type { Target } from '../types.js';

// Targets of 东政发〔2020〕9号: "力争到 2022 年" (一) and "到2022年" (二(一)…(六)); 二(六)'s first two
// sentences and 二(一)'s "至少建设 1 处" carry no date of their own and are read as due with the rest
// (2022). 二(七)'s live rooms are due 年内 (the year of issue, 2020). Subject 370500 = 东营市.
type T = Omit<Target, 'document' | 'id'> & { readonly id: string };
const t = (x: T): Target => ({ ...x, document: 'dongying-2020-9', id: `dongying-2020-9/T.${x.id}` });
const none = (what: string) => ({ computed: `${what} (no fact key)` });

export const DONGYING_2020_9_TARGETS: readonly Target[] = [
  t({ id: 'transactions', article: '一', description: '全市电子商务交易额突破1000亿元', year: 2022, legal: '突破', value: '1000 亿元', unit: '元',
    indicator: none('e-commerce transactions (电子商务交易额) of 370500'), cites: ['全市电子商务交易额突破 1000 亿元'] }),
  t({ id: 'industrial-transactions', article: '一', description: '工业电商交易额突破800亿元', year: 2022, legal: '突破', value: '800 亿元', unit: '元',
    indicator: none('industrial e-commerce transactions of 370500'), cites: ['工业电商交易额突破 800 亿元'] }),
  t({ id: 'online-retail', article: '一', description: '网络零售交易额突破80亿元', year: 2022, legal: '突破', value: '80 亿元', unit: '元',
    indicator: { key: 'onlineRetail', subject: '370500' }, cites: ['网络零售交易额突破 80 亿元'] }),
  t({ id: 'cross-border', article: '一', description: '跨境电商交易额突破80亿元', year: 2022, legal: '突破', value: '80 亿元', unit: '元',
    indicator: { key: 'crossBorderTransactions', subject: '370500' }, cites: ['跨境电商交易额突破 80 亿元'] }),
  t({ id: 'county-parks', article: '二(一)', description: '各县区、市属开发区至少建设1处电子商务产业园区(基地)', year: 2022, legal: '至少', value: '1 处', unit: '处',
    indicator: { computed: 'for each county and 开发区 of 370500: number of e-commerce parks (bases) ≥ 1' }, cites: ['至少建设 1 处电子商务产业园区(基地)'] }),
  t({ id: 'park-enterprises', article: '二(一)', description: '全市入驻园区企业累计达到1000家', year: 2022, legal: '达到', value: '1000 家', unit: '家',
    indicator: { computed: 'sum of enterpriseCount over the parks of 370500' }, cites: ['全市入驻园区企业累计达到 1000 家'] }),
  t({ id: 'platform-enterprises', article: '二(二)', description: '全市入驻平台企业达到15000家', year: 2022, legal: '达到', value: '15000家', unit: '家',
    indicator: none('enterprises on the city\'s e-commerce platforms'), cites: ['全市入驻平台企业达到15000家'] }),
  t({ id: 'platforms-over-10yi', article: '二(二)', description: '培育电子商务交易额过10亿元的平台5个', year: 2022, legal: '过', value: '5个', unit: '个',
    indicator: none('platforms of 370500 with e-commerce transactions over 10亿元'),
    cites: ['培育电子商务交易额过10亿元的华东石油交易中心“油品汇”、海科优油电子营销综合服务、易瑞跨境电子商务等平台5个'] }),
  t({ id: 'platforms-over-2yi', article: '二(二)', description: '培育电子商务交易额过2亿元的平台5个', year: 2022, legal: '过', value: '5个', unit: '个',
    indicator: none('platforms of 370500 with e-commerce transactions over 2亿元'), cites: ['过2亿元的海科“危化品汇”、银座家居云商城等平台5个'] }),
  t({ id: 'industrial-ecommerce-rate', article: '二(三)', description: '规模以上工业企业通过自营或第三方平台开展电子商务达到70%以上', year: 2022, legal: '达到…以上', value: '70%', unit: 'ratio',
    indicator: none('share of 规模以上工业企业 doing e-commerce'), cites: ['规模以上工业企业通过自营或第三方平台开展电子商务达到70%以上'] }),
  t({ id: 'enterprises-over-5yi', article: '二(三)', description: '电子商务交易额5亿元以上的企业达到10家', year: 2022, legal: '达到', value: '10家', unit: '家',
    indicator: none('enterprises of 370500 with e-commerce transactions ≥ 5亿元'), cites: ['电子商务交易额5亿元以上的企业达到10家'] }),
  t({ id: 'towns', article: '二(四)', description: '全市认定5个具备地方特色的电商小镇', year: 2022, legal: '认定', value: '5个', unit: '个',
    indicator: { computed: 'town subjects of 370500 tagged certified' }, cites: ['全市认定5个具备地方特色的电商小镇'] }),
  t({ id: 'villages', article: '二(四)', description: '全市认定10个电商村', year: 2022, legal: '认定', value: '10个', unit: '个',
    indicator: { computed: 'village subjects of 370500 tagged certified' }, cites: ['、10个电商村'] }),
  t({ id: 'online-retail-share', article: '二(五)', description: '全市网络零售交易额占社会消费品零售总额的比重达到8%以上', year: 2022, legal: '达到…以上', value: '8%', unit: 'ratio',
    indicator: { computed: 'onlineRetail ÷ totalRetailSales of 370500' }, cites: ['全市网络零售交易额占社会消费品零售总额的比重达到8%以上'] }),
  t({ id: 'trade-ecommerce-rate', article: '二(五)', description: '规模以上商贸流通企业应用电子商务率达到80%以上', year: 2022, legal: '达到…以上', value: '80%', unit: 'ratio',
    indicator: none('share of 规模以上商贸流通企业 using e-commerce'), cites: ['规模以上商贸流通企业应用电子商务率达到80%以上'] }),
  t({ id: 'cbec-platform-enterprises', article: '二(六)', description: '培育引进5家以上跨境电子商务平台型企业及综合服务企业', year: 2022, legal: '以上', value: '5家', unit: '家',
    indicator: none('cross-border platform and comprehensive-service enterprises'), cites: ['培育引进5家以上跨境电子商务平台型企业及综合服务企业'] }),
  t({ id: 'cbec-incubators', article: '二(六)', description: '建设3个跨境电子商务创新创业孵化基地', year: 2022, legal: '建设', value: '3个', unit: '个',
    indicator: none('cross-border incubation bases'), cites: ['建设3个跨境电子商务创新创业孵化基地'] }),
  t({ id: 'overseas-warehouses', article: '二(六)', description: '全市培育建设10个海外仓', year: 2022, legal: '建设', value: '10个', unit: '个',
    indicator: { computed: 'overseasWarehouse subjects of 370500' }, cites: ['全市培育建设科瑞俄罗斯海外仓等10个海外仓'] }),
  t({ id: 'county-live-rooms', article: '二(七)', description: '各县区、市属开发区年内分别建成特色直播室(馆)3个以上', year: 2020, legal: '以上', value: '3个', unit: '个',
    indicator: none('for each county and 开发区: special live-streaming rooms built'), cites: ['年内分别建成特色直播室(馆)3个以上'] }),
];
