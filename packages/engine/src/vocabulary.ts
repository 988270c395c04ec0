/**
 * The closed vocabulary of interchange format v1 (shared/spec/interchange-format.md):
 * subject kinds, fact keys with their units, and tags. Names here are public interface.
 * Keys marked `added` are this project's additions, allowed by the format ("the project may add keys").
 */

export const SUBJECT_KINDS = {
  country: '国家',
  province: '省',
  city: '市',
  county: '县（市、区）及功能区',
  enterprise: '企业',
  park: '电商产业园区/集聚区',
  platform: '行业电子商务平台',
  liveBase: '直播基地',
  logisticsCentre: '配送中心',
  sortingCentre: '分拨中心',
  town: '电商小镇',
  village: '电商村',
  shop: '网店/网红店铺',
  product: '网红产品',
  influencer: '网红达人',
  servicePlatform: '跨境电商服务平台',
  paymentPlatform: '第三方支付平台',
  overseasWarehouse: '海外仓',
  experienceStore: '跨境电商体验店',
  organiser: '活动主办方（协会等）',
} as const;
export type SubjectKind = keyof typeof SUBJECT_KINDS;
export const REGION_KINDS: readonly SubjectKind[] = ['country', 'province', 'city', 'county'];
const REGION_KIND_SET: ReadonlySet<string> = new Set(REGION_KINDS);
/** A country, province, city or county: a region, not an enterprise, platform, park… */
export const isRegionKind = (kind: string): boolean => REGION_KIND_SET.has(kind);

/**
 * Units fix how a value is held exactly: as a safe integer at the unit's scale (decimal places).
 * yuan 2 → fen; ratio 6 → millionths ("15.3%" = 153000); date → yyyymmdd.
 */
export const UNITS = {
  yuan: { scale: 2, label: '元' },
  usd: { scale: 2, label: '美元' },
  ratio: { scale: 6, label: '比率' },
  count: { scale: 0, label: '个' },
  sqm: { scale: 2, label: '平方米' },
  score: { scale: 6, label: '分' },
  flag: { scale: 0, label: '是/否' },
  date: { scale: 0, label: '日期' },
} as const;
export type Unit = keyof typeof UNITS;

export interface FactKeyInfo {
  readonly label: string; // 中文列名
  readonly unit: Unit;
  readonly usedBy: string;
  /** a fact that only makes sense scoped to one rule (`rule` on the fact is required) */
  readonly ruleScoped?: true;
  /** several facts of one key in one year, told apart by `item` */
  readonly itemised?: true;
  readonly added?: true;
}

export const FACT_KEYS = {
  onlineRetail: { label: '网络零售额', unit: 'yuan', usedBy: 'regions, enterprises, products, shops' },
  onlineRetailGrowth: { label: '网络零售额增幅', unit: 'ratio', usedBy: 'regions (published rate; else computed from last year)' },
  physicalGoodsOnlineRetail: { label: '实物商品网络零售额', unit: 'yuan', usedBy: 'regions, enterprises' },
  totalRetailSales: { label: '社会消费品零售总额', unit: 'yuan', usedBy: 'regions' },
  physicalGoodsOnlineRetailShare: { label: '实物商品网络零售额占社零比重', unit: 'ratio', usedBy: 'CN benchmark (regions: computed)' },
  ruralOnlineRetail: { label: '农村网络零售额', unit: 'yuan', usedBy: 'counties' },
  ruralOnlineRetailGrowth: { label: '农村网络零售额增幅', unit: 'ratio', usedBy: 'counties (else computed)' },
  statsShareRise: { label: '纳统电商零售企业实物商品网络零售额占限上消费品零售额比重提升幅度', unit: 'ratio', usedBy: 'counties' },
  statsGrowthContribution: { label: '纳统电商零售企业实物商品网络零售额增长贡献率', unit: 'ratio', usedBy: 'counties' },
  newOnlineShops: { label: '新增网上店铺数', unit: 'count', usedBy: 'regions' },
  repatriatedShopsRetail: { label: '迁入店铺纳统网络零售额', unit: 'yuan', usedBy: 'regions' },
  newEnterprisesOver100m: { label: '新培育过亿元电商企业数', unit: 'count', usedBy: 'counties' },
  newEnterprisesOver50m: { label: '新培育过5000万元电商企业数', unit: 'count', usedBy: 'counties' },
  onlineSales: { label: '网络销售额', unit: 'yuan', usedBy: 'enterprises, parks' },
  crossBorderTransactions: { label: '跨境电商交易额', unit: 'yuan', usedBy: 'parks, enterprises' },
  crossBorderTransactionsUsd: { label: '跨境电商交易额（美元）', unit: 'usd', usedBy: 'enterprises' },
  cnyPerUsd: { label: '人民币对美元年平均汇率', unit: 'ratio', usedBy: 'CN' },
  area: { label: '面积', unit: 'sqm', usedBy: 'parks/clusters, experience stores, overseas warehouses' },
  enterpriseCount: { label: '入驻企业数', unit: 'count', usedBy: 'parks/clusters' },
  liveRooms: { label: '直播间数量', unit: 'count', usedBy: 'liveBase' },
  brandsIntegrated: { label: '整合品牌数', unit: 'count', usedBy: 'supply-chain enterprises' },
  showroomArea: { label: '综合展厅面积', unit: 'sqm', usedBy: 'supply-chain enterprises' },
  parcelsToVillages: { label: '发往乡镇中心村快件数', unit: 'count', usedBy: 'logisticsCentre' },
  promotionAbroadCost: { label: '跨境推介费用', unit: 'yuan', usedBy: 'enterprises', itemised: true },
  annualFee1688: { label: '1688平台年费', unit: 'yuan', usedBy: 'enterprises' },
  contestEventCost: { label: '直播大赛实际发生费用（每次）', unit: 'yuan', usedBy: 'organisers', itemised: true },
  brandRegistrationCost: { label: '品牌注册费用', unit: 'yuan', usedBy: 'enterprises' },
  scCertificationCost: { label: 'SC认证费用', unit: 'yuan', usedBy: 'enterprises' },
  packagingDesignCost: { label: '包装设计费用', unit: 'yuan', usedBy: 'enterprises' },
  salesVolume: { label: '销量', unit: 'count', usedBy: 'products, shops, influencers' },
  feedbackScore: { label: '反馈评价', unit: 'score', usedBy: 'products, shops, influencers' },
  followers: { label: '粉丝量', unit: 'count', usedBy: 'products, shops, influencers' },
  panelScore: { label: '综合评价得分', unit: 'score', usedBy: 'any ranked recipient', ruleScoped: true },
  loanAmount: { label: '齐鲁电商贷申请额度', unit: 'yuan', usedBy: 'enterprises' },
  nationalTitle: { label: '当年取得国家级示范称号', unit: 'flag', usedBy: 'enterprises (year-scoped tag)' },
  // ---- added by this project (the format allows added keys) ----
  nationalBaseTitle: { label: '当年取得国家电子商务示范基地称号', unit: 'flag', usedBy: 'parks (year-scoped)', added: true },
  conversionDate: { label: '分支机构转为法人企业日期', unit: 'date', usedBy: 'enterprises (sd 三, jining 三)', added: true },
  trainedHireInsuredMonths: { label: '吸纳培训人员连续缴纳社保月数', unit: 'count', usedBy: 'enterprises (sd 十, jining 八)', added: true },
  expressCompaniesIntegrated: { label: '整合全国性快递物流企业数', unit: 'count', usedBy: 'logisticsCentre (sd 十一)', added: true },
  countyParcelShare: { label: '整合县域快递单量占比', unit: 'ratio', usedBy: 'platform (sd 十一)', added: true },
  appliedBrandCostItem: { label: '申请补贴的品牌费用项（1品牌注册 2SC认证 3包装设计）', unit: 'count', usedBy: 'enterprises (jiyang 3, I-brand-item=applied)', added: true },
  exportLiveServiceFee: { label: '出口产品直播带货服务费', unit: 'yuan', usedBy: 'enterprises (dongying 三(五))', added: true },
  enterprisesServed: { label: '服务企业数', unit: 'count', usedBy: 'overseas warehouses, service platforms', added: true },
  crossBorderSettlement: { label: '跨境电商结算金额', unit: 'yuan', usedBy: 'payment platforms', added: true },
  /** 已享受其他补贴的不再重复补贴 (dongying 三(五)): 1 on the cost item (same `item`) already subsidised elsewhere */
  costSubsidisedElsewhere: { label: '该费用项已享受其他补贴（按费用项 item 填写，1为是）', unit: 'flag', usedBy: 'enterprises (dongying 三(五) cost items)', itemised: true, added: true },
} as const satisfies Record<string, FactKeyInfo>;
export type FactKey = keyof typeof FACT_KEYS;

export const TAGS = {
  inStatsLibrary: '纳入“企业一套表”法人库',
  tradeCirculation: '商贸流通企业',
  independentLegalPerson: '独立法人',
  newlyEstablished: '当年新设',
  mcn: 'MCN机构',
  liveTeam: '直播团队',
  sellsLocalAgriProducts: '销售本地农副产品',
  sellsBrandedAgriProducts: '销售三品一标/区域品牌农特产品',
  agriEcommerce: '农特产品电商企业',
  traditionalSupermarket: '传统商超',
  ecommerceWholesaleRetail: '电商批发零售企业',
  onlineRetailer: '网络零售电商企业',
  nationalTitle: '国家级示范称号（请作为当年事实提供）',
  nationalBaseTitle: '国家电子商务示范基地称号',
  certified: '经认定',
  firstBatch1688: '首批入驻1688平台',
  convertedFromBranch: '由省外电商企业分支机构转为法人企业',
  costSubsidisedElsewhere: '同一费用已享受其他补贴',
  firstLevel: '一级分拨中心',
  nationalCoverage: '干线基本覆盖全国大中型城市',
  provinceCoverage: '省内设区市网络全覆盖',
  whitelisted: '电商生态链企业白名单',
  creditBlacklisted: '信用黑名单',
  // ---- added by this project ----
  fiveUnified: '实现“五统一”（仓储、分拣、运输、配送、揽件）',
  priceMatching: '提供实时比价和撮合对接服务',
  crossBorderDeclarant: '在济南开展跨境电商进出口申报',
  influentialEvent: '在济南举办具有一定影响力的跨境电商峰会、展会',
  paymentLicence: '取得《支付业务许可证》并符合跨境支付标准',
  operatingResults: '取得一定经营实绩',
  exportLiveEvent: '举办出口产品线上直播带货活动',
  foreignTrade: '外贸企业',
  exportToDomestic: '依托电商平台开展出口产品转内销',
  expressCompany: '由国际性、全国性物流快递企业建设',
  agriSupplyChain: '整合农特产品供应链',
  comprehensivePark: '要素齐全、服务完备、产业融合、业态丰富的综合性电商产业园区',
  reputable: '具有一定实力和知名度',
  crossBorderLiveBase: '专业运营机构在济南建立的跨境电商直播综合服务基地',
  newBusinessModel: '发展模式新、业务规模增长快、带动能力强',
  /** I-recipient-place = activity: the activity the rule names takes place in the issuing city */
  inCity: '在发文城市开展该项活动（在济南举办活动、开展跨境结算或面向全市服务）',
} as const;
export type Tag = keyof typeof TAGS;

export const isSubjectKind = (s: string): s is SubjectKind => Object.hasOwn(SUBJECT_KINDS, s);
export const isFactKey = (s: string): s is FactKey => Object.hasOwn(FACT_KEYS, s);
export const isTag = (s: string): s is Tag => Object.hasOwn(TAGS, s);
export const factKeyInfo = (k: FactKey): FactKeyInfo => FACT_KEYS[k];
