import type { Target } from '../types.js';

// Targets of 鲁政字〔2022〕42号, all due 力争到2023年年底. Subject 370000 = 山东省, CN = 全国.
type T = Omit<Target, 'document' | 'id'> & { readonly id: string };
const t = (x: T): Target => ({ ...x, document: 'sd-2022-42', id: `sd-2022-42/T.${x.id}` });

export const SD_2022_42_TARGETS: readonly Target[] = [
  t({ id: 'online-retail', article: '一', description: '全省网络零售额达到1万亿元', year: 2023, legal: '达到', value: '1万亿元', unit: '元',
    indicator: { key: 'onlineRetail', subject: '370000' }, cites: ['全省网络零售额达到1万亿元'] }),
  t({ id: 'physical-goods-share', article: '一', description: '全省实物商品网络零售额占社会消费品零售总额的比重达到全国平均水平', year: 2023, legal: '达到', value: '全国平均水平', unit: 'ratio',
    indicator: { computed: 'physicalGoodsOnlineRetail ÷ totalRetailSales of 370000 ≥ physicalGoodsOnlineRetailShare of CN' },
    cites: ['实物商品网络零售额占社会消费品零售总额的比重达到全国平均水平'] }),
  t({ id: 'enterprises-over-10yi', article: '二', description: '全省网络零售额10亿元以上的企业数量翻一番', year: 2023, legal: '实现', value: '翻一番', unit: '家',
    indicator: { computed: 'enterprises with onlineRetail ≥ 10亿元: count in 2023 ≥ 2 × count in the base year (the text names none; 2021 assumed)' },
    cites: ['全省网络零售额10亿元以上'] }),
  t({ id: 'enterprises-over-1yi', article: '二', description: '全省网络零售额1亿元以上的企业数量翻一番', year: 2023, legal: '实现', value: '翻一番', unit: '家',
    indicator: { computed: 'enterprises with onlineRetail ≥ 1亿元: count in 2023 ≥ 2 × count in the base year (the text names none; 2021 assumed)' },
    cites: ['、1亿元以上的企业数量均实现翻一番'] }),
  t({ id: 'online-shops', article: '四', description: '全省网上店铺数量超过200万家', year: 2023, legal: '超过', value: '200万家', unit: '家',
    indicator: { computed: 'stock of online shops in Shandong (newOnlineShops counts only the year\'s new shops)' },
    cites: ['全省网上店铺数量超过200万家'] }),
  t({ id: 'repatriated-shops', article: '五', description: '回迁省内店铺超过3000家', year: 2023, legal: '超过', value: '3000家', unit: '家',
    indicator: { computed: 'cumulative number of shops moved back into the province (no fact key)' },
    cites: ['回迁省内店铺超过3000家'] }),
  t({ id: 'college-training', article: '十', description: '全省50%以上开设电商、跨境电商专业的院校开展产教融合培训或设立企业化实训基地', year: 2023, legal: '以上', value: '50%', unit: 'ratio',
    indicator: { computed: 'colleges with 电商/跨境电商 majors running 产教融合 training or a 实训基地 ÷ all such colleges (no fact key)' },
    cites: ['全省50%以上开设电商、跨境电商专业的院校开展产教融合培训或设立企业化实训基地'] }),
];
