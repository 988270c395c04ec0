import type { Target } from '../types.js';

// Targets of 济南市 跨境电商 意见, "到2023年" (二、发展目标 and 三(二)3). Subject 370100 = 济南市.
type T = Omit<Target, 'document' | 'id' | 'year' | 'legal'> & { readonly id: string };
const t = (x: T): Target => ({ ...x, document: 'jinan-2021-cbec', id: `jinan-2021-cbec/T.${x.id}`, year: 2023, legal: '以上' });
const none = (what: string) => ({ computed: `${what} (no fact key)` });

export const JINAN_2021_CBEC_TARGETS: readonly Target[] = [
  t({ id: 'leaders', article: '二', description: '累计引进和培育10个以上跨境电商龙头企业', value: '10个', unit: '个',
    indicator: none('cumulative leading cross-border enterprises'), cites: ['累计引进和培育10个以上跨境电商龙头企业'] }),
  t({ id: 'enterprises', article: '二', description: '集聚跨境电商主体企业500家以上', value: '500家', unit: '家',
    indicator: none('cross-border e-commerce enterprises of 370100'), cites: ['集聚跨境电商主体企业500家以上'] }),
  t({ id: 'parks', article: '二', description: '打造优质特色跨境电商产业园区(集聚区)10家以上', value: '10家', unit: '家',
    indicator: { computed: 'park subjects of 370100 certified as cross-border parks' }, cites: ['打造优质特色跨境电商产业园区(集聚区)10家以上'] }),
  t({ id: 'overseas-warehouses', article: '二', description: '设立跨境电商海外仓10个以上', value: '10个', unit: '个',
    indicator: { computed: 'overseasWarehouse subjects of 370100' }, cites: ['设立跨境电商海外仓10个以上'] }),
  t({ id: 'talent', article: '二', description: '引进培养跨境电商专业人才1万人以上', value: '1万人', unit: '人',
    indicator: none('cross-border e-commerce professionals trained or recruited'), cites: ['引进培养跨境电商专业人才1万人以上'] }),
  t({ id: 'trade-growth', article: '二', description: '跨境电商进出口额实现每年100%以上增长', value: '100%', unit: 'ratio',
    indicator: { computed: 'crossBorderTransactions of 370100: this year ÷ last year − 1 ≥ 100%, every year to 2023' },
    cites: ['跨境电商进出口额实现每年100%以上增长'] }),
  t({ id: 'industrial-belt-share', article: '三(二)3', description: '全市跨境电商本土产业带产品出口占比达30%以上', value: '30%', unit: 'ratio',
    indicator: none('share of local industrial-belt products in cross-border exports'), cites: ['全市跨境电商本土产业带产品出口占比达30%以上'] }),
  t({ id: 'local-enterprises-over-1yi', article: '三(二)3', description: '培育5家以上交易额过亿元的本土跨境电商企业', value: '5家', unit: '家',
    indicator: { computed: 'local enterprises of 370100 with crossBorderTransactions over 1亿元 (过亿元: strict, as I-guo)' },
    cites: ['培育5家以上交易额过亿元的本土跨境电商企业'] }),
];
