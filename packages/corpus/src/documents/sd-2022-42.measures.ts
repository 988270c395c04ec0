import type { Measure } from '../types.js';

// 鲁政字〔2022〕42号: thirteen numbered measures 一 … 十三, each closing with
// "(牵头单位:…;参与单位:…)". lead = 牵头单位, responsible = 参与单位, in the text's order.
const m = (article: string, n: number, title: string, lead: string[], responsible: string[], rules: string[]): Measure => ({
  document: 'sd-2022-42', article, anchor: `art-${n}`, title, heading: `${article}、${title}。`, lead, responsible, rules,
});

export const SD_2022_42_MEASURES: readonly Measure[] = [
  m('一', 1, '实施网络零售倍增行动', ['省商务厅', '省财政厅'], [], ['sd-2022-42/1.growth', 'sd-2022-42/1.share']),
  m('二', 2, '培育电商龙头企业', ['省商务厅', '省财政厅'], [], ['sd-2022-42/2.traffic']),
  m('三', 3, '吸引电商大企业落户', ['省财政厅', '省商务厅'], ['省市场监管局'], ['sd-2022-42/3.relocation']),
  m('四', 4, '壮大网上店铺规模', ['省商务厅'], [], ['sd-2022-42/4.new-shops', 'sd-2022-42/4.shop-support']),
  m('五', 5, '强化迁入店铺服务保障', ['省商务厅'], [], ['sd-2022-42/5.repatriated-shops']),
  m('六', 6, '加快直播电商发展', ['省商务厅'], [], ['sd-2022-42/6.live-commerce']),
  // 七 is mostly work for 省商务厅 (论坛, 海外仓, 一类出口企业…); its one award is the cities' support for 出口转内销
  { ...m('七', 7, '推动国际国内电商融合互促', ['省商务厅'], [], ['sd-2022-42/7.export-to-domestic']), alsoTask: true },
  m('八', 8, '提升完善产业园区生态', ['省商务厅'], [], ['sd-2022-42/8.park-recommendation']),
  m('九', 9, '建立生态链企业“白名单”', ['省商务厅'], ['省委网信办', '省市场监管局'], []),
  m('十', 10, '加强实用型人才引进培育', ['省商务厅', '省教育厅', '省人力资源和社会保障厅'], [], ['sd-2022-42/10.hiring']),
  m('十一', 11, '提升快递物流支撑能力', ['省商务厅', '省财政厅', '省邮政管理局'], ['省自然资源厅', '省交通运输厅', '省公安厅'],
    ['sd-2022-42/11.county-hub', 'sd-2022-42/11.info-platform', 'sd-2022-42/11.sorting-centre']),
  m('十二', 12, '创新融资支持方式', ['省商务厅'], ['省财政厅', '省地方金融监管局'], ['sd-2022-42/12.loan']),
  m('十三', 13, '建立健全工作推进机制', ['省商务厅'], ['省农业农村厅'], []),
];
