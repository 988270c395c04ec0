import type { Measure } from '../types.js';

// 济南市人民政府关于加快跨境电子商务发展的意见: 三、重点任务 "六大工程" (一)…(六) with numbered
// tasks (19 in all), and 四、保障措施 (一)…(三). Each closes with "(牵头单位:…,责任单位:…)":
// lead = 牵头单位, responsible = 责任单位, in the text's order.
const CN = '一二三四五六';
const c = (group: number, n: number, title: string, lead: string[], responsible: string[], rules: string[] = []): Measure => ({
  document: 'jinan-2021-cbec', article: `三(${CN.charAt(group - 1)})${n}`, anchor: `art-3-${group}-${n}`,
  title, heading: `${n}.${title}。`, lead, responsible, rules,
});
const s = (n: number, title: string, lead: string[], responsible: string[], rules: string[] = []): Measure => ({
  document: 'jinan-2021-cbec', article: `四(${CN.charAt(n - 1)})`, anchor: `art-4-${n}`,
  title, heading: `(${CN.charAt(n - 1)})${title}。`, lead, responsible, rules,
});
const PBOC = ['人民银行济南分行营管部', '人民银行莱芜中心支行'];

export const JINAN_2021_CBEC_MEASURES: readonly Measure[] = [
  // (一)市场主体培育工程
  c(1, 1, '培育引进龙头企业', ['市商务局'], ['市财政局', '市投资促进局', '各区县'], ['jinan-2021-cbec/1.1.leader']),
  c(1, 2, '推动传统企业开展跨境电商', ['市商务局'], ['市财政局', '泉城海关', '莱芜海关', '各区县']),
  c(1, 3, '推进跨境电商服务体系建设', ['市商务局'], ['各区县']),
  // (二)平台载体建设工程
  c(2, 1, '支持建设和发展跨境电商服务平台', ['市商务局'], ['市财政局'], ['jinan-2021-cbec/2.1.service-platform']),
  c(2, 2, '建设跨境电商产业园区', ['市商务局'], ['市财政局', '各区县'], ['jinan-2021-cbec/2.2.park', 'jinan-2021-cbec/2.2.park-next-year']),
  c(2, 3, '创新发展“产业带+跨境电商”模式', ['市商务局'], ['各区县']),
  // (三)新业态新模式融合工程
  c(3, 1, '加快推动跨境电商模式创新', ['市商务局'], ['泉城海关', '莱芜海关', '济南邮局海关', '济南机场海关', '济南综合保税区管委会']),
  c(3, 2, '加快布局建设跨境电商展示体验店', ['市商务局'], ['市市场监管局', '市财政局', '泉城海关', '各区县'], ['jinan-2021-cbec/3.2.experience-store']),
  { ...c(3, 3, '培育建设跨境电商直播基地', ['市商务局'], ['市财政局', '各区县'], ['jinan-2021-cbec/3.3.live-base']), alsoTask: true }, // 培育 the bases, and support them
  // (四)供应链体系提升工程
  c(4, 1, '做大做强综合保税区跨境电商保税业务', ['济南综合保税区管委会'],
    ['市商务局', '市财政局', '泉城海关', '济南高新区管委会', '自贸试验区济南片区管委会']),
  c(4, 2, '布局和提升海外仓功能', ['市商务局'], ['市财政局', '泉城海关', '各区县'], ['jinan-2021-cbec/4.2.overseas-warehouse']),
  c(4, 3, '拓展跨境电商物流通道', ['市商务局'], ['市口岸物流办', '市交通运输局', '泉城海关', '市财政局'], ['jinan-2021-cbec/4.3.logistics']),
  // (五)产业要素保障工程
  c(5, 1, '举办跨境电商产业交流及资源对接活动', ['市商务局'], ['市财政局', '市贸促会'], ['jinan-2021-cbec/5.1.event']),
  c(5, 2, '加强跨境电商多层次人才培养', ['市商务局'], ['市人力资源社会保障局']),
  c(5, 3, '加强全产业链数据研究', ['市商务局'], ['泉城海关', '市税务局', ...PBOC]),
  // (六)发展环境优化工程
  c(6, 1, '完善综合服务平台功能', ['市商务局'], ['泉城海关', '市口岸物流办', '市税务局']),
  c(6, 2, '提升通关便利化水平', ['泉城海关'], ['济南高新区管委会']),
  c(6, 3, '提高出口退税效率', ['市税务局'], ['泉城海关', '市财政局', '市商务局', ...PBOC]),
  c(6, 4, '加大金融支持', ['市商务局'], ['市财政局', '市地方金融监管局', ...PBOC], ['jinan-2021-cbec/6.4.payment']),
  // 四、保障措施. 四(三) ends with 优先推荐申报国家级、省级外贸新业态试点: a recommendation.
  s(1, '加强组织领导', ['市商务局'], ['中国(济南)跨境电商综试区建设工作专班成员单位', '各区县']),
  s(2, '强化政策支持', ['市商务局'], ['市财政局', '各区县']),
  { ...s(3, '健全评价激励机制', ['市商务局'], ['各区县'], ['jinan-2021-cbec/safeguard.3.pilot-recommendation']), alsoTask: true }, // the evaluation mechanism is work; the recommendation a part
];
