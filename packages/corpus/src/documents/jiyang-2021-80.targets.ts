import type { Target } from '../types.js';

// 二、目标任务 of 济阳政字[2021]80号: "利用 2021-2023 三年时间 … 到 2023 年". Subject 370115 = 济阳区.
type T = Omit<Target, 'document' | 'id' | 'article' | 'year'> & { readonly id: string };
const t = (x: T): Target => ({ ...x, document: 'jiyang-2021-80', id: `jiyang-2021-80/T.${x.id}`, article: '二', year: 2023 });
const none = (what: string) => ({ computed: `${what} (no fact key)` });

export const JIYANG_2021_80_TARGETS: readonly Target[] = [
  t({ id: 'online-retail', description: '全区电商网络零售额突破70亿元', legal: '突破', value: '70 亿元', unit: '元',
    indicator: { key: 'onlineRetail', subject: '370115' }, cites: ['全区电商网络零售额突破 70 亿元'] }),
  t({ id: 'enterprises-over-2000wan', description: '培育3家年网络零售额2000万元以上的电商企业', legal: '培育', value: '3 家', unit: '家',
    indicator: { computed: 'enterprises of 370115 with onlineRetail ≥ 2000万元' }, cites: ['培育 3 家年网络零售额 2000 万元以上的电商企业'] }),
  t({ id: 'talent', description: '培育电商人才1000名', legal: '培育', value: '1000 名', unit: '人',
    indicator: none('people trained'), cites: ['培育电商人才 1000 名'] }),
  t({ id: 'agri-brands', description: '培育电商农特产品品牌10个以上', legal: '以上', value: '10 个', unit: '个',
    indicator: none('e-commerce brands of agricultural products'), cites: ['培育电商农特产品品牌 10 个以上'] }),
  t({ id: 'service-station-coverage', description: '农村电商服务站点覆盖率达到90%以上', legal: '达到…以上', value: '90%', unit: 'ratio',
    indicator: none('villages with a rural e-commerce service station ÷ all villages'), cites: ['农村电商服务站点覆盖率达到 90%以上'] }),
  t({ id: 'cbec-incubator', description: '引进跨境孵化平台不少于1家', legal: '不少于', value: '1 家', unit: '家',
    indicator: none('cross-border incubation platforms'), cites: ['引进跨境孵化平台不少于 1 家'] }),
  t({ id: 'cbec-enterprises', description: '跨境电商企业100家以上', legal: '以上', value: '100 家', unit: '家',
    indicator: none('cross-border e-commerce enterprises of 370115'), cites: ['跨境电商企业 100 家以上'] }),
  t({ id: 'live-bases', description: '电商直播基地2个以上', legal: '以上', value: '2 个', unit: '个',
    indicator: { computed: 'liveBase subjects of 370115' }, cites: ['电商直播基地 2 个以上'] }),
];
