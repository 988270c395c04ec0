import type { Measure } from '../types.js';

// 济阳政字[2021]80号: 三、政策措施 items 1 … 8 (numbered through, under the groups (一)…(六)) and
// 四、工作要求 (一)…(三). The items name no departments; 四(一) assigns them by subject. Mapping used:
//   lead of every item 1–8: 区商务发展促进中心 (负责争取上级扶持政策, 加强对电商发展的协调服务和政策指导;
//     四(三): the measures are interpreted by it and adjusted on its proposal) — the text names no other lead;
//   区财政局 (电商专项资金及时拨付): every item that awards money (1–7);
//   区统计局 (电商企业统计数据的审核): items whose thresholds are enterprise sales figures (1, 2, 3, 5);
//   区农业农村局 (农业+电商品牌创建, 促进农产品上行): agricultural items 2, 3, 7;
//   区发改局 (物流行业的指导管理), 区工信局 (协调全区物流产业发展), 区交通运输、供销、邮政等部门
//     (农村物流发展): logistics item 4;
//   区人社、工会、金融等部门 (为电商发展提供政策支持): talent item 8.
// Names are written as 四(一) writes them ("区交通运输、供销、邮政等部门" stays one entry).
const LEAD = ['区商务发展促进中心'];
const item = (n: number, title: string, heading: string, responsible: string[], rules: string[]): Measure => ({
  document: 'jiyang-2021-80', article: String(n), anchor: `art-3-${n}`, title, heading, lead: LEAD, responsible, rules,
});
const req = (n: number, title: string, lead: string[], responsible: string[]): Measure => {
  const cn = '一二三'.charAt(n - 1);
  return { document: 'jiyang-2021-80', article: `四(${cn})`, anchor: `art-4-${n}`, title, heading: `(${cn})${title}。`, lead, responsible, rules: [] };
};

export const JIYANG_2021_80_MEASURES: readonly Measure[] = [
  item(1, '加大对电子商务集聚区扶持力度', '1. 加大对电子商务集聚区扶持力度', ['区财政局', '区统计局'], ['jiyang-2021-80/1.cluster']),
  item(2, '支持农特产品线上销售', '2. 支持农特产品线上销售。', ['区农业农村局', '区财政局', '区统计局'], ['jiyang-2021-80/2.agri-sales']),
  item(3, '支持农特产品电商品牌创建', '3. 支持农特产品电商品牌创建。', ['区农业农村局', '区财政局', '区统计局'], ['jiyang-2021-80/3.agri-brand']),
  item(4, '加快现代物流配送体系建设', '4. 加快现代物流配送体系建设。', ['区发改局', '区工信局', '区交通运输、供销、邮政等部门', '区财政局'],
    ['jiyang-2021-80/4.logistics-centre', 'jiyang-2021-80/4.parcels']),
  item(5, '发挥龙头企业带动作用', '5. 发挥龙头企业带动作用。', ['区财政局', '区统计局'],
    ['jiyang-2021-80/5.wholesale', 'jiyang-2021-80/5.retail', 'jiyang-2021-80/5.title']),
  item(6, '发挥新媒体电商带货优势', '6. 发挥新媒体电商带货优势。', ['区财政局'],
    ['jiyang-2021-80/6.product', 'jiyang-2021-80/6.shop', 'jiyang-2021-80/6.influencer']),
  item(7, '提升直播经济拉动能力', '7. 提升直播经济拉动能力。', ['区农业农村局', '区财政局'], ['jiyang-2021-80/7.live-base', 'jiyang-2021-80/7.supply-chain']),
  // 8: the talent policies of 济阳办发[2020]12号 and 济阳发[2017]56号 apply; nothing computed here.
  item(8, '鼓励电商人才发展', '8. 鼓励电商人才发展。', ['区人社、工会、金融等部门'], []),
  req(1, '强化组织保障', ['济阳区电子商务发展工作领导小组'], [
    '区商务发展促进中心', '区发改局', '区工信局', '区财政局', '区统计局', '区农业农村局', '区交通运输、供销、邮政等部门',
    '区人社、工会、金融等部门', '区审计局', '区委宣传部', '区市场监管、税务、通信等部门', '各镇(街道)',
  ]),
  req(2, '加大财政保障', ['区财政局'], ['区审计局']),
  req(3, '优化发展环境', ['区商务发展促进中心'], ['各相关部门']),
];
