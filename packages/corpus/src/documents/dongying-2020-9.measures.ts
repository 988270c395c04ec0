import type { Measure } from '../types.js';

// 东政发〔2020〕9号: 二、发展重点 (一)…(七), 三、扶持政策 (一)…(八), 四、保障措施 (一)…(四).
// (一、总体要求 holds only the overall targets: see the targets file.)
// Only the 二 tasks close with "(责任单位:…)"; none names a 牵头单位. The first one adds
// "以下任务均需各县区政府、市属开发区管委会落实,不再一一列出", so COUNTIES is responsible for every
// measure of the document. Where a measure has no 责任单位 list, responsible holds the bodies its own
// text charges with the task (marked "named in the text"), then COUNTIES. lead is set only where
// the text says 牵头 (四(一): 市商务局牵头).
const COUNTIES = ['各县区政府', '市属开发区管委会'];
const m = (section: 2 | 3 | 4, n: number, title: string, lead: string[], responsible: string[], rules: string[] = []): Measure => {
  const cn = '一二三四五六七八'.charAt(n - 1);
  return {
    document: 'dongying-2020-9', article: `${'一二三四'.charAt(section - 1)}(${cn})`, anchor: `art-${section}-${n}`,
    title, heading: `(${cn})${title}。`, lead, responsible: [...responsible, ...COUNTIES], rules,
  };
};

export const DONGYING_2020_9_MEASURES: readonly Measure[] = [
  m(2, 1, '加快建设电商产业园', [], ['市商务局', '市发展改革委', '市投资促进局', '市口岸办', '市邮政管理局']),
  m(2, 2, '创建特色电子商务平台', [], ['市工业和信息化局', '市发展改革委', '市商务局', '市农业农村局', '市口岸办']),
  m(2, 3, '发展壮大电商龙头企业', [], ['市商务局', '市工业和信息化局', '市口岸办', '市投资促进局']),
  // 二(四) is the departments' rural e-commerce work; its titles and recommendation are a part of it
  { ...m(2, 4, '大力发展农村电商', [], ['市商务局', '市农业农村局', '市海洋发展和渔业局', '市市场监管局', '市发展改革委', '市住房城乡建设管理局'],
    ['dongying-2020-9/2.4.title', 'dongying-2020-9/2.4.recommendation']), alsoTask: true },
  m(2, 5, '拓展电子商务应用领域', [], ['市商务局', '市文化和旅游局', '市农业农村局', '市海洋发展和渔业局', '市教育局', '市口岸办', '市邮政管理局']),
  m(2, 6, '加快发展跨境电子商务', [], ['市商务局', '东营海关', '市投资促进局']),
  m(2, 7, '积极发展直播电商', [], ['市商务局', '市农业农村局', '市海洋发展和渔业局']),
  m(3, 1, '支持电子商务园区和行业电子商务平台建设', [], [], ['dongying-2020-9/3.1.park', 'dongying-2020-9/3.1.platform']),
  // 三(二) refers to 东委〔2018〕99号 (another policy): nothing computed here.
  m(3, 2, '支持电子商务行业“双招双引”', [], []),
  m(3, 3, '支持电子商务龙头企业壮大规模', [], [],
    ['dongying-2020-9/3.3.leader', 'dongying-2020-9/3.3.agri', 'dongying-2020-9/3.3.supermarket']),
  m(3, 4, '支持特色电商小镇、电商村建设', [], [], ['dongying-2020-9/3.4.town', 'dongying-2020-9/3.4.village']),
  // 三(五): "以上资金由市、县区(市属开发区)按现行财政体制分级负担".
  m(3, 5, '支持企业拓展网络市场', [], [],
    ['dongying-2020-9/3.5.promotion', 'dongying-2020-9/3.5.1688', 'dongying-2020-9/3.5.export-live', 'dongying-2020-9/3.5.contest']),
  m(3, 6, '支持跨境电子商务综合试验区建设', [], ['东营综合保税区', '市国有平台公司']), // named in the text
  m(3, 7, '支持开展电子商务公共性活动', [], ['市、县区(市属开发区)行业主管部门']), // named in the text
  m(3, 8, '支持金融企业扶持电子商务发展', [], []),
  m(4, 1, '加强组织领导', ['市商务局'], ['市直各有关责任部门']), // named in the text
  m(4, 2, '培养和引进电商专业人才', [], ['东营职业学院', '市技师学院', '市化工学校']), // named in the text
  m(4, 3, '优化发展环境', [], []),
  m(4, 4, '加大对外宣传', [], []),
];
