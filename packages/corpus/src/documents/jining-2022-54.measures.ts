import type { Measure } from '../types.js';

// 济政字〔2022〕54号: eleven numbered measures 一 … 十一, each closing with "（责任单位：…）".
// The text names no 牵头单位, so lead is empty; responsible = the 责任单位 list in the text's order,
// split at 、 and ，("各县市区政府、管委会" gives "各县市区政府" and "管委会": the county governments
// and the 管委会 of the four functional zones).
const COUNTIES = ['各县市区政府', '管委会'];
const m = (article: string, n: number, title: string, responsible: string[], rules: string[]): Measure => ({
  document: 'jining-2022-54', article, anchor: `art-${n}`, title, heading: `${article}、${title}。`, lead: [], responsible, rules,
});

export const JINING_2022_54_MEASURES: readonly Measure[] = [
  m('一', 1, '实施网络零售倍增行动', ['市商务局', '市统计局', '市财政局', ...COUNTIES],
    ['jining-2022-54/1.retail', 'jining-2022-54/1.rural', 'jining-2022-54/1.share']),
  m('二', 2, '培育电商龙头企业', ['市商务局', '市统计局', '市财政局', ...COUNTIES],
    ['jining-2022-54/2.retail-2022', 'jining-2022-54/2.retail-2023', 'jining-2022-54/2.national-title', 'jining-2022-54/2.county-honor']),
  m('三', 3, '吸引电商大企业落户', ['市财政局', '市商务局', '市统计局', '市税务局', '市行政审批服务局', ...COUNTIES],
    ['jining-2022-54/3.relocation']),
  m('四', 4, '壮大网上店铺规模', ['市商务局', '市行政审批服务局', '市税务局', '市司法局', '市知识产权事业发展中心', ...COUNTIES],
    ['jining-2022-54/4.new-shops', 'jining-2022-54/4.repatriated-shops']),
  m('五', 5, '加快直播电商发展', ['市商务局', ...COUNTIES], ['jining-2022-54/5.live-commerce']),
  m('六', 6, '提升完善电商产业园区生态', ['市商务局', '市财政局'], ['jining-2022-54/6.national-base', 'jining-2022-54/6.base-recommendation']),
  // 七 builds and manages the city's whitelist (a task) and recommends to the province's (a rule)
  { ...m('七', 7, '建立生态链企业“白名单”', ['市商务局', '市委网信办', '市发展改革委', '市市场监管局'], ['jining-2022-54/7.whitelist-recommendation']), alsoTask: true },
  // 八: the 职业培训补贴 it mentions is paid under 鲁人社字〔2022〕72号 (see not-computable), not by this document.
  m('八', 8, '加强实用型人才引进培育', ['市商务局', '市教育局', '市人力资源社会保障局', ...COUNTIES], ['jining-2022-54/8.hiring']),
  m('九', 9, '提升快递物流支撑能力', ['市自然资源和规划局', '市邮政管理局', '市财政局', '市公安局', ...COUNTIES], []),
  m('十', 10, '支持农产品网上销售', ['市农业农村局', '市商务局', '市供销社', '市邮政管理局', ...COUNTIES], []),
  m('十一', 11, '健全电子商务发展保障要素', ['市商务局', '市财政局', '市地方金融监管局', ...COUNTIES], []),
];
