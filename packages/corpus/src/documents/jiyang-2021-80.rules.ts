/**
 * 济阳政字[2021]80号 济南市济阳区关于进一步加快电子商务发展的若干措施 — the rules (三、政策措施).
 * Text: ../../texts/jiyang-2021-80.txt (spaces around figures as in the original).
 */
import type { ExclusiveGroup, PolicyDocument, Rule } from '@duixian/engine';

export const document: PolicyDocument = {
  id: 'jiyang-2021-80',
  number: '济阳政字[2021]80号',
  title: '济南市济阳区关于进一步加快电子商务发展的若干措施',
  issuer: '370115',
  issuerName: '济阳区',
  validFrom: '2021-08-30',
  validTo: '2024-08-29',
  funder: '370115',
  funderName: '区财政',
};

const base = { document: 'jiyang-2021-80' } as const;
const popularity = { composite: [{ fact: 'salesVolume' }, { fact: 'onlineRetail' }, { fact: 'feedbackScore' }, { fact: 'followers' }] } as const;
const selectionNote = '年度评选“根据产品销量、网络零售额、反馈评价、粉丝量等指标综合评价”，按 I-composite：专家评分（panelScore），否则四项指标最小—最大标准化等权相加。';

export const rules: readonly Rule[] = [
  {
    ...base, id: 'jiyang-2021-80/1.cluster', article: '1', title: '电子商务集聚区一次性奖励',
    text: '对于电子商务集聚区面积达到 5000 m²、入驻企业 50 家以上、网络销售额 1 亿元以上的, 给予一次性奖励 20 万元',
    cites: ['面积达到 5000 m²', '入驻企业 50 家以上', '网络销售额 1 亿元以上', '给予一次性奖励 20 万元'],
    recipient: { kinds: ['park'], label: '电子商务集聚区' },
    conditions: [
      { compare: { fact: 'area' }, legal: '达到', value: '5000', label: '集聚区面积' },
      { compare: { fact: 'enterpriseCount' }, legal: '以上', value: '50', label: '入驻企业数' },
      { compare: { fact: 'onlineSales' }, legal: '以上', value: '1亿元', label: '网络销售额' },
    ],
    award: { money: '20万元' },
    once: true,
  },
  {
    ...base, id: 'jiyang-2021-80/2.agri-sales', article: '2', title: '农特产品线上销售一次性奖励',
    text: '对于销售本地"三品一标"、区域品牌等农特产品且年网络零售额达到100万元以上的电商企业,给予每家一次性奖励5万元',
    cites: ['年网络零售额达到100万元以上的电商企业', '给予每家一次性奖励5万元'],
    recipient: { kinds: ['enterprise'], tags: ['sellsBrandedAgriProducts'], label: '销售本地“三品一标”、区域品牌等农特产品的电商企业' },
    conditions: [{ compare: { fact: 'onlineRetail' }, legal: '达到', value: '100万元', label: '年网络零售额' }],
    award: { money: '5万元' },
    once: true,
  },
  {
    ...base, id: 'jiyang-2021-80/3.agri-brand', article: '3', title: '农特产品电商品牌创建补贴',
    text: '对农特产品电商企业投入品牌注册、SC认证、包装设计费用,且年网络零售额达到100万元以上的,根据企业申请品牌注册、SC认证、包装设计费用中的一项最高50%的补贴',
    cites: ['且年网络零售额达到100万元以上的', '一项最高50%的补贴'],
    recipient: { kinds: ['enterprise'], tags: ['agriEcommerce'], label: '农特产品电商企业' },
    conditions: [{ compare: { fact: 'onlineRetail' }, legal: '达到', value: '100万元', label: '年网络零售额' }],
    award: { costShare: { facts: ['brandRegistrationCost', 'scCertificationCost', 'packagingDesignCost'], rate: '50%', pick: 'one' }, ceiling: true },
  },
  {
    ...base, id: 'jiyang-2021-80/4.logistics-centre', article: '4', title: '区级仓储物流一体配送中心一次性补贴',
    text: '对于承担全区电商仓储物流一体配送中心功能经认定后,给予一次性最高补贴 50 万元',
    cites: ['给予一次性最高补贴 50 万元'],
    recipient: { kinds: ['logisticsCentre'], tags: ['certified'], label: '经认定承担全区电商仓储物流一体配送中心功能的配送中心' },
    conditions: [],
    award: { money: '50万元', ceiling: true },
    once: true,
  },
  {
    ...base, id: 'jiyang-2021-80/4.parcels', article: '4', title: '发往乡镇中心村快件补贴',
    text: '对由区级配送中心发往乡镇中心村的快件,给予每件包裹最高 0.20 元补贴',
    cites: ['给予每件包裹最高 0.20 元补贴'],
    recipient: { kinds: ['logisticsCentre'], tags: ['certified'], label: '区级配送中心' },
    conditions: [],
    award: { perUnit: { fact: 'parcelsToVillages', per: '1', pay: '0.20元' }, ceiling: true },
  },
  {
    ...base, id: 'jiyang-2021-80/5.wholesale', article: '5', title: '电商批发零售企业分档一次性奖励',
    text: '对从事电商批发和零售行业的企业:年网络销售额达到 2000 万元至 1 亿元的电商企业一次性奖励 5 万元;年网络销售额达到 1 亿元至 6 亿元的电商企业一次性奖励 10 万元;年网络销售额达到 6 亿元以上的电商企业一次性奖励 15 万元',
    cites: ['年网络销售额达到 2000 万元至 1 亿元的电商企业一次性奖励 5 万元', '年网络销售额达到 1 亿元至 6 亿元的电商企业一次性奖励 10 万元', '年网络销售额达到 6 亿元以上的电商企业一次性奖励 15 万元'],
    recipient: { kinds: ['enterprise'], tags: ['ecommerceWholesaleRetail'], label: '从事电商批发和零售行业的企业' },
    conditions: [],
    award: {
      tiers: [
        { from: '2000万元', to: '1亿元', money: '5万元' },
        { from: '1亿元', to: '6亿元', money: '10万元' },
        { from: '6亿元', legal: '以上', money: '15万元' },
      ],
      on: 'onlineSales',
    },
    once: true,
    exclusiveGroup: 'jiyang-2021-80/5',
  },
  {
    ...base, id: 'jiyang-2021-80/5.retail', article: '5', title: '网络零售电商企业分档一次性奖励',
    text: '对从事网络零售电商的企业:年网络零售额达到 500 万元至 3000 万元的电商企业一次性奖励 10 万元;年网络零售额达到 3000 万元至 6000 万元的电商企业一次性奖励 20 万元;年网络零售额达到 6000 万元以上电商企业一次性奖励 30 万元',
    cites: ['年网络零售额达到 500 万元至 3000 万元的电商企业一次性奖励 10 万元', '年网络零售额达到 3000 万元至 6000 万元的电商企业一次性奖励 20 万元', '年网络零售额达到 6000 万元以上电商企业一次性奖励 30 万元'],
    recipient: { kinds: ['enterprise'], tags: ['onlineRetailer'], label: '从事网络零售电商的企业' },
    conditions: [],
    award: {
      tiers: [
        { from: '500万元', to: '3000万元', money: '10万元' },
        { from: '3000万元', to: '6000万元', money: '20万元' },
        { from: '6000万元', legal: '以上', money: '30万元' },
      ],
      on: 'onlineRetail',
    },
    once: true,
    exclusiveGroup: 'jiyang-2021-80/5',
  },
  {
    ...base, id: 'jiyang-2021-80/5.title', article: '5', title: '济阳区电商龙头企业荣誉称号',
    text: '同一企业只能享受其中一项奖励并授予"济阳区电商龙头企业"荣誉称号',
    cites: [],
    recipient: { kinds: ['enterprise'], label: '获得第5条奖励的企业' },
    conditions: [{ wonGroup: 'jiyang-2021-80/5', label: '本年度获得第5条（批发零售或网络零售）奖励' }],
    award: { honor: '济阳区电商龙头企业' },
  },
  {
    ...base, id: 'jiyang-2021-80/6.product', article: '6', title: '网红产品评选奖励',
    text: '每年开展评选活动,根据产品销量、网络零售额、反馈评价、粉丝量等指标综合评价。评选出的"网红产品"前3名各奖励5000元',
    cites: ['"网红产品"前3名各奖励5000元'],
    recipient: { kinds: ['product'], label: '参评网红产品' },
    conditions: [{ rank: { by: popularity, top: 3, label: '年度评选综合评价前3名' } }],
    award: { money: '5000元' },
    note: selectionNote,
  },
  {
    ...base, id: 'jiyang-2021-80/6.shop', article: '6', title: '网红店铺评选奖励',
    text: '每年开展评选活动,根据产品销量、网络零售额、反馈评价、粉丝量等指标综合评价。"网红店铺"前3名各奖励1万元',
    cites: ['"网红店铺"前3名各奖励1万元'],
    recipient: { kinds: ['shop'], label: '参评网红店铺' },
    conditions: [{ rank: { by: popularity, top: 3, label: '年度评选综合评价前3名' } }],
    award: { money: '1万元' },
    note: selectionNote,
  },
  {
    ...base, id: 'jiyang-2021-80/6.influencer', article: '6', title: '网红达人评选奖励',
    text: '每年开展评选活动,根据产品销量、网络零售额、反馈评价、粉丝量等指标综合评价。"网红达人"前5名各奖励5000元',
    cites: ['"网红达人"前5名各奖励5000元'],
    recipient: { kinds: ['influencer'], label: '参评网红达人' },
    conditions: [{ rank: { by: popularity, top: 5, label: '年度评选综合评价前5名' } }],
    award: { money: '5000元' },
    note: selectionNote,
  },
  {
    ...base, id: 'jiyang-2021-80/7.live-base', article: '7', title: '直播基地一次性补贴',
    text: '对于直播间数量达到 10 个以上的直播基地,给予一次性补贴 5 万元;对于直播间数量达到 20 个以上的直播基地,给予一次性补贴 10 万元',
    cites: ['直播间数量达到 10 个以上的直播基地,给予一次性补贴 5 万元', '直播间数量达到 20 个以上的直播基地,给予一次性补贴 10 万元'],
    recipient: { kinds: ['liveBase'], label: '直播基地' },
    conditions: [],
    award: { tiers: [{ from: '10', legal: '以上', money: '5万元' }, { from: '20', legal: '以上', money: '10万元' }], on: 'liveRooms' },
    once: true,
  },
  {
    ...base, id: 'jiyang-2021-80/7.supply-chain', article: '7', title: '农特产品供应链整合企业一次性补贴',
    text: '对于整合农特产品供应链的企业,整合品牌达 50 个以上,且综合展厅达到 150 平米以上的企业,给予一次性补贴 10 万元',
    cites: ['整合品牌达 50 个以上,且综合展厅达到 150 平米以上的企业,给予一次性补贴 10 万元'],
    recipient: { kinds: ['enterprise'], tags: ['agriSupplyChain'], label: '整合农特产品供应链的企业' },
    conditions: [
      { compare: { fact: 'brandsIntegrated' }, legal: '以上', value: '50', label: '整合品牌数' },
      { compare: { fact: 'showroomArea' }, legal: '以上', value: '150', label: '综合展厅面积' },
    ],
    award: { money: '10万元' },
    once: true,
  },
];

export const groups: readonly ExclusiveGroup[] = [
  {
    id: 'jiyang-2021-80/5', document: 'jiyang-2021-80',
    rules: ['jiyang-2021-80/5.wholesale', 'jiyang-2021-80/5.retail'],
    text: '同一企业只能享受其中一项奖励',
  },
];
