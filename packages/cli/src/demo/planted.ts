/**
 * Showcase subjects planted in the demo so that every rule of the catalogue has someone to
 * decide, most of them at or just across a threshold (a 1亿元 enterprise exactly, a cluster of
 * exactly 5000 m², a 2亿元 park that fails "超过", …). Values are fixed by design; names and
 * USCCs come from the seed. SHOWCASE lists, per rule id, the subjects planted for it.
 */
import type { SubjectKind, Tag } from '@duixian/engine';
import { cityOf, region } from '@duixian/corpus';
import { sortTags } from './enterprises.js';
import { tradeName, uscc } from './names.js';
import { DONGYING, JINAN, JINING, JIYANG, cityName, place } from './regions.js';
import type { Rng } from './random.js';
import type { DemoFact, DemoHistory, DemoParameter, DemoSubject, DemoValue } from './types.js';
import { isoDate, toFen, yuanFromFen } from './values.js';

export interface Planted {
  readonly subjects: DemoSubject[];
  readonly facts: DemoFact[];
  readonly history: DemoHistory[];
  readonly parameters: DemoParameter[];
}

/** Rule id → what is planted for it (the regional rules are decided on the region subjects). */
export const SHOWCASE: Readonly<Record<string, string>> = {
  'sd-2022-42/1.growth': 'cities: growth shaped so the top 5 (聊城、德州、济宁 …) beat the province and the country',
  'sd-2022-42/1.share': 'cities: 临沂、菏泽 above the national 27.6% share (they keep 1.share over 1.growth)',
  'sd-2022-42/2.traffic': 'P-SD-TRAFFIC-1 (≈62亿, capped 100万), -2 (≈1.5亿), -3 (exactly 1亿元), -BL (blacklisted) + random tail',
  'sd-2022-42/3.relocation': 'P-SD-RELOC (青岛, converted YYYY-03-15), P-JN-RELOC',
  'sd-2022-42/4.new-shops': 'cities with newOnlineShops > 1万',
  'sd-2022-42/4.shop-support': 'P-SD-SHOP-1 (new + operating results); P-SD-SHOP-2 fails',
  'sd-2022-42/5.repatriated-shops': 'cities: repatriatedShopsRetail',
  'sd-2022-42/6.live-commerce': 'P-SD-MCN (6800万); P-SD-LIVETEAM (4999.99万, fails)',
  'sd-2022-42/8.park-recommendation': 'every park (P-SD-PARK-QD, P-SD-PARK-LY, 东营/济阳/济南/济宁 parks)',
  'sd-2022-42/10.hiring': 'P-SD-HIRE-1 (8 months), -2 (6, boundary), -3 (5, fails), P-JN-HIRE + random',
  'sd-2022-42/11.county-hub': 'P-SD-HUB-1 (7), -2 (5, boundary), -3 (4, fails), P-JY-LOGI (6)',
  'sd-2022-42/11.info-platform': 'P-SD-EXPRESS-INFO (86%); P-SD-EXPRESS-INFO-2 (76%, fails)',
  'sd-2022-42/11.sorting-centre': 'P-SD-SORT-1; P-SD-SORT-2 (no provinceCoverage, fails)',
  'sd-2022-42/12.loan': 'P-SD-LOAN-1 (10万, boundary), P-SD-LOAN-2 (1000万, boundary) + random in range',
  'jining-2022-54/1.retail': '济宁 counties: the 3 largest grow fastest',
  'jining-2022-54/1.rural': '济宁 counties 4th–6th by size lead rural online retail and its growth',
  'jining-2022-54/1.share': '济宁 counties 7th–9th by size lead share rise and contribution',
  'jining-2022-54/2.retail-2022': 'year 2022: P-JN-RETAIL-1 (1860万), -2 (exactly 1000万), -4 (2650万); -3 (980万, fails); history for 2023',
  'jining-2022-54/2.retail-2023': 'P-JN-RETAIL-1 (1.32亿 → 20万), -2 (5200万 → 10万), -3 (2.15亿 → 30万); -4 (3100万, fails)',
  'jining-2022-54/2.national-title': 'P-JN-TITLE (nationalTitle fact) + random 济宁',
  'jining-2022-54/2.county-honor': '济宁 counties: largest has newEnterprisesOver100m 1; another newEnterprisesOver50m 3',
  'jining-2022-54/3.relocation': 'P-JN-RELOC (converted YYYY-11-20)',
  'jining-2022-54/4.new-shops': '济宁 counties with newOnlineShops > 1000',
  'jining-2022-54/4.repatriated-shops': '济宁 counties: repatriatedShopsRetail',
  'jining-2022-54/5.live-commerce': 'P-JN-LIVE (liveTeam), P-JN-MCN (mcn)',
  'jining-2022-54/6.national-base': 'P-JN-PARK (nationalBaseTitle fact)',
  'jining-2022-54/8.hiring': 'P-JN-HIRE (7 months)',
  'dongying-2020-9/3.1.park': 'P-DY-PARK-1..4 (onlineSales, enterpriseCount 2020–2022 and later)',
  'dongying-2020-9/3.1.platform': 'P-DY-PLAT-1..3 (onlineSales, enterpriseCount 2020–2022 and later)',
  'dongying-2020-9/3.3.leader': 'P-DY-LEAD-1 (1.26亿), -2 (9800万), -3 (exactly 8000万); -4 (7600万, fails)',
  'dongying-2020-9/3.3.agri': 'P-DY-AGRI-1..3 (2300万/1200万/650万); -4 (480万, fails)',
  'dongying-2020-9/3.3.supermarket': 'P-DY-MARKET-1..3 (1800万/900万/exactly 600万)',
  'dongying-2020-9/3.4.town': 'P-DY-TOWN-1 (certified), -2 (certified, already awarded: history), -3 (not certified)',
  'dongying-2020-9/3.4.village': 'P-DY-VILLAGE-1, -2 (certified); -3 (not certified)',
  'dongying-2020-9/3.5.promotion': 'P-DY-PROMO-1 (2 items, capped 10万), -2 (36000), -3 (costSubsidisedElsewhere)',
  'dongying-2020-9/3.5.1688': 'P-DY-1688 (annual fee 29800)',
  'dongying-2020-9/3.5.export-live': 'P-DY-EXPORTLIVE (exportLiveEvent, fee 60000)',
  'dongying-2020-9/3.5.contest': 'P-DY-ORG-1 (3 events: 80000 capped 5万/event, total capped 10万), P-DY-ORG-2 (20000)',
  'jiyang-2021-80/1.cluster': 'P-JY-CLUSTER-1 (6800 m², 62, 1.35亿), -2 (exactly 5000 m², 50, 1亿); -3 (4200 m², fails)',
  'jiyang-2021-80/2.agri-sales': 'P-JY-AGRI-1 (186万), -2 (exactly 100万); -3 (96万, fails)',
  'jiyang-2021-80/3.agri-brand': 'P-JY-BRAND-1 (largest item SC 46000), P-JY-BRAND-2 (appliedBrandCostItem 1)',
  'jiyang-2021-80/4.logistics-centre': 'P-JY-LOGI (certified)',
  'jiyang-2021-80/4.parcels': 'P-JY-LOGI (486000 parcels)',
  'jiyang-2021-80/5.wholesale': 'P-JY-WHOLE-1 (3200万), -2 (2.4亿), -3 (6.8亿); -4 (1800万, fails)',
  'jiyang-2021-80/5.retail': 'P-JY-RETAIL-1 (860万), -2 (4100万), -3 (7300万); -4 (5200万, already awarded: history)',
  'jiyang-2021-80/5.title': 'every 5.wholesale / 5.retail winner',
  'jiyang-2021-80/6.product': 'P-JY-PRODUCT-1..5 (-3 and -4 tie exactly at rank 3)',
  'jiyang-2021-80/6.shop': 'P-JY-SHOP-1..5',
  'jiyang-2021-80/6.influencer': 'P-JY-INFL-1..7 (-5 and -6 tie exactly at rank 5)',
  'jiyang-2021-80/7.live-base': 'P-JY-LIVEBASE-1 (12 rooms), -2 (25 rooms); -3 (8, fails)',
  'jiyang-2021-80/7.supply-chain': 'P-JY-SUPPLY-1 (56 brands, 180 m²); -2 (48 brands, fails)',
  'jinan-2021-cbec/1.1.leader': 'P-JNC-LEAD-1 (1580万美元), -2 (7.2亿元 in yuan); -3 (exactly 1000万美元, fails)',
  'jinan-2021-cbec/2.1.service-platform': 'P-JNC-SERVICE',
  'jinan-2021-cbec/2.2.park': 'P-JNC-PARK-1 (3.6亿, 46 enterprises, amount parameter 50万元); -2 (exactly 2亿, fails); -3 (not certified)',
  'jinan-2021-cbec/3.2.experience-store': 'P-JNC-STORE',
  'jinan-2021-cbec/4.2.overseas-warehouse': 'P-JNC-WAREHOUSE',
  'jinan-2021-cbec/4.3.logistics': 'P-JNC-DECLARE, P-JNC-LEAD-1 + random 济南 declarants',
  'jinan-2021-cbec/5.1.event': 'P-JNC-EVENT',
  'jinan-2021-cbec/6.4.payment': 'P-JNC-PAY',
};

class Planter {
  readonly subjects: DemoSubject[] = [];
  readonly facts: DemoFact[] = [];
  readonly history: DemoHistory[] = [];
  readonly parameters: DemoParameter[] = [];
  private serial = 0;

  constructor(
    private readonly seed: number,
    readonly year: number,
    readonly rng: Rng,
  ) {}

  /** "济宁市任城区" for a county, "济宁市" for a city. */
  where(code: string): string {
    const r = region(code);
    const city = cityOf(code);
    if (!r || !city || city === code) return cityName(code);
    return cityName(city) + r.name;
  }

  add(id: string, kind: SubjectKind, at: string, body: string, tags: Tag[] = [], usccKind?: '91' | '51'): string {
    const s: DemoSubject = { id, kind, name: `（演示）${this.where(at)}${body}`, region: at };
    if (usccKind) s.uscc = uscc(this.seed, at, this.serial++, usccKind);
    if (tags.length) s.tags = sortTags(tags.slice());
    this.subjects.push(s);
    return id;
  }

  /** An enterprise with a synthetic trade name: "（演示）济宁市任城区甲子丰电子商务有限公司". */
  company(id: string, at: string, industry: string, tags: Tag[] = [], kind: SubjectKind = 'enterprise'): string {
    return this.add(id, kind, at, `${tradeName(this.rng)}${industry}有限公司`, tags, '91');
  }

  fact(subject: string, key: DemoFact['key'], value: DemoValue, y = this.year, item?: string): void {
    this.facts.push(item === undefined ? { subject, year: y, key, value } : { subject, year: y, key, item, value });
  }

  awarded(subject: string, rule: string, y: number, amount: string | null): void {
    if (y < this.year) this.history.push({ subject, rule, year: y, amount });
  }
}

/** A yuan amount near `yuan` (log-sd 0.4%), exact to the fen. */
const about = (rng: Rng, yuan: number): string => yuanFromFen(toFen(yuan * rng.noise(0.004)));

export function plant(seed: number, year: number, rng: Rng): Planted {
  const p = new Planter(seed, year, rng);
  const Y = year;
  const prev = year - 1;
  const trade: Tag[] = ['inStatsLibrary', 'tradeCirculation', 'onlineRetailer'];

  // ================= sd-2022-42 (province) =================
  const qdHuangdao = place('370200', '370211');
  const qdChengyang = place('370200', '370214');
  const lyLanshan = place('371300', '371302');
  const lyLuozhuang = place('371300', '371311', '371312');
  const hzCao = place('371700', '371721');
  const wfQingzhou = place('370700', '370781', '370702');
  const ytZhifu = place('370600', '370602');
  const dzXiajin = place('371400', '371427', '371402');
  const lcShen = place('371500', '371522', '371502');
  const jnLixia = place(JINAN, '370102');
  const jnLicheng = place(JINAN, '370112');
  const jnShizhong = place(JINAN, '370103');
  const jnHuaiyin = place(JINAN, '370104');
  const jnTianqiao = place(JINAN, '370105');
  const jnZhangqiu = place(JINAN, '370114');
  const jnHighTech = place(JINAN, '370171', '370102');
  const jiyang = place(JINAN, JIYANG);

  p.company('P-SD-TRAFFIC-1', qdHuangdao, '跨境电子商务', trade);
  p.fact('P-SD-TRAFFIC-1', 'physicalGoodsOnlineRetail', about(rng, 6_235_000_000));
  p.fact('P-SD-TRAFFIC-1', 'onlineRetail', about(rng, 6_480_000_000));
  p.company('P-SD-TRAFFIC-2', lyLanshan, '电子商务', trade);
  p.fact('P-SD-TRAFFIC-2', 'physicalGoodsOnlineRetail', about(rng, 150_000_000));
  p.company('P-SD-TRAFFIC-3', wfQingzhou, '网络科技', trade);
  p.fact('P-SD-TRAFFIC-3', 'physicalGoodsOnlineRetail', '1亿元');
  p.company('P-SD-TRAFFIC-BL', hzCao, '服饰', [...trade, 'creditBlacklisted']);
  p.fact('P-SD-TRAFFIC-BL', 'physicalGoodsOnlineRetail', about(rng, 320_000_000));

  p.company('P-SD-RELOC', qdChengyang, '电子商务', ['convertedFromBranch', 'inStatsLibrary', 'independentLegalPerson', 'tradeCirculation']);
  p.fact('P-SD-RELOC', 'conversionDate', isoDate(Y, 3, 15));
  p.fact('P-SD-RELOC', 'physicalGoodsOnlineRetail', about(rng, 86_000_000));

  p.add('P-SD-SHOP-1', 'shop', lyLanshan, `${tradeName(rng)}旗舰店`, ['newlyEstablished', 'operatingResults']);
  p.fact('P-SD-SHOP-1', 'onlineRetail', '86.5万元');
  p.add('P-SD-SHOP-2', 'shop', lyLanshan, `${tradeName(rng)}专营店`, ['newlyEstablished']);
  p.fact('P-SD-SHOP-2', 'onlineRetail', '3.2万元');

  p.company('P-SD-MCN', lyLuozhuang, '文化传媒', ['mcn', 'independentLegalPerson', 'newlyEstablished']);
  p.fact('P-SD-MCN', 'onlineRetail', about(rng, 68_000_000));
  p.company('P-SD-LIVETEAM', jnLixia, '直播电子商务', ['liveTeam', 'independentLegalPerson', 'newlyEstablished']);
  p.fact('P-SD-LIVETEAM', 'onlineRetail', '4999.99万元');

  for (const [id, at, sales, count, area] of [
    ['P-SD-PARK-QD', qdHuangdao, 8_500_000_000, 420, 120_000],
    ['P-SD-PARK-LY', lyLanshan, 12_000_000_000, 860, 200_000],
  ] as const) {
    p.add(id, 'park', at, '电子商务产业园', ['certified']);
    p.fact(id, 'onlineSales', about(rng, sales / 1.15), prev);
    p.fact(id, 'enterpriseCount', Math.round(count / 1.1), prev);
    p.fact(id, 'onlineSales', about(rng, sales));
    p.fact(id, 'enterpriseCount', count);
    p.fact(id, 'area', area);
  }

  p.company('P-SD-HIRE-1', ytZhifu, '电子商务', ['tradeCirculation']);
  p.fact('P-SD-HIRE-1', 'trainedHireInsuredMonths', 8);
  p.company('P-SD-HIRE-2', ytZhifu, '跨境电子商务', ['tradeCirculation']);
  p.fact('P-SD-HIRE-2', 'trainedHireInsuredMonths', 6);
  p.company('P-SD-HIRE-3', ytZhifu, '网络科技', []);
  p.fact('P-SD-HIRE-3', 'trainedHireInsuredMonths', 5);

  for (const [id, at, n] of [
    ['P-SD-HUB-1', hzCao, 7],
    ['P-SD-HUB-2', dzXiajin, 5],
    ['P-SD-HUB-3', lcShen, 4],
  ] as const) {
    p.add(id, 'logisticsCentre', at, '县级快递物流共同配送中心', ['fiveUnified'], '91');
    p.fact(id, 'expressCompaniesIntegrated', n);
  }

  p.add('P-SD-EXPRESS-INFO', 'platform', jnLixia, '山东省快递物流信息服务平台（县域共配）', ['priceMatching'], '91');
  p.fact('P-SD-EXPRESS-INFO', 'countyParcelShare', '86%');
  p.add('P-SD-EXPRESS-INFO-2', 'platform', hzCao, '快递物流信息平台', ['priceMatching'], '91');
  p.fact('P-SD-EXPRESS-INFO-2', 'countyParcelShare', '76%');

  p.add('P-SD-SORT-1', 'sortingCentre', lyLanshan, '快递鲁南一级分拨中心', ['expressCompany', 'newlyEstablished', 'firstLevel', 'nationalCoverage', 'provinceCoverage'], '91');
  p.add('P-SD-SORT-2', 'sortingCentre', jnLicheng, '快递济南分拨中心', ['expressCompany', 'newlyEstablished', 'firstLevel', 'nationalCoverage'], '91');

  const jnRencheng = place(JINING, '370811');
  const dyDongying = place(DONGYING, '370502');
  p.company('P-SD-LOAN-1', jnRencheng, '电子商务', ['tradeCirculation']);
  p.fact('P-SD-LOAN-1', 'loanAmount', '10万元');
  p.company('P-SD-LOAN-2', dyDongying, '供应链管理', ['tradeCirculation']);
  p.fact('P-SD-LOAN-2', 'loanAmount', '1000万元');

  // ================= jining-2022-54 (济宁市) =================
  const jnYanzhou = place(JINING, '370812');
  const jnZoucheng = place(JINING, '370883');
  const jnJinxiang = place(JINING, '370828');
  const jnJiaxiang = place(JINING, '370829');
  const jnHighZone = place(JINING, '370871');
  const retail2022 = Y === 2022;
  const jn: readonly [string, string, string, string][] = [
    // id, where, value in the year, value the year before
    ['P-JN-RETAIL-1', jnRencheng, retail2022 ? '1860万元' : '1.32亿元', retail2022 ? '1420万元' : '1860万元'],
    ['P-JN-RETAIL-2', jnYanzhou, retail2022 ? '1000万元' : '5200万元', retail2022 ? '760万元' : '1000万元'],
    ['P-JN-RETAIL-3', jnZoucheng, retail2022 ? '980万元' : '2.15亿元', retail2022 ? '1.1亿元' : '980万元'],
    ['P-JN-RETAIL-4', jnJinxiang, retail2022 ? '2650万元' : '3100万元', retail2022 ? '2010万元' : '2650万元'],
  ];
  for (const [id, at, now, before] of jn) {
    p.company(id, at, '电子商务', trade);
    p.fact(id, 'physicalGoodsOnlineRetail', before, prev);
    p.fact(id, 'physicalGoodsOnlineRetail', now);
  }
  p.awarded('P-JN-RETAIL-1', 'jining-2022-54/2.retail-2022', 2022, '50000');

  p.company('P-JN-TITLE', jnHighZone, '数字科技', ['inStatsLibrary', 'tradeCirculation']);
  p.fact('P-JN-TITLE', 'physicalGoodsOnlineRetail', about(rng, 86_000_000));
  p.fact('P-JN-TITLE', 'nationalTitle', 1);

  p.company('P-JN-RELOC', jnRencheng, '电子商务', ['convertedFromBranch', 'inStatsLibrary', 'independentLegalPerson']);
  p.fact('P-JN-RELOC', 'conversionDate', isoDate(Y, 11, 20));
  p.fact('P-JN-RELOC', 'physicalGoodsOnlineRetail', about(rng, 23_000_000));

  p.company('P-JN-LIVE', jnJinxiang, '直播电子商务', ['liveTeam', 'independentLegalPerson']);
  p.fact('P-JN-LIVE', 'onlineRetail', about(rng, 12_600_000));
  p.company('P-JN-MCN', jnRencheng, '文化传媒', ['mcn', 'independentLegalPerson', 'newlyEstablished']);
  p.fact('P-JN-MCN', 'onlineRetail', about(rng, 4_300_000));

  p.add('P-JN-PARK', 'park', jnHighZone, '电子商务产业园', ['certified']);
  p.fact('P-JN-PARK', 'onlineSales', about(rng, 3_300_000_000), prev);
  p.fact('P-JN-PARK', 'enterpriseCount', 231, prev);
  p.fact('P-JN-PARK', 'onlineSales', about(rng, 3_800_000_000));
  p.fact('P-JN-PARK', 'enterpriseCount', 260);
  p.fact('P-JN-PARK', 'area', 86_000);
  p.fact('P-JN-PARK', 'nationalBaseTitle', 1);

  p.company('P-JN-HIRE', jnJiaxiang, '电子商务', ['tradeCirculation']);
  p.fact('P-JN-HIRE', 'trainedHireInsuredMonths', 7);

  // ================= dongying-2020-9 (东营市) =================
  const dyHekou = place(DONGYING, '370503');
  const dyKenli = place(DONGYING, '370505');
  const dyLijin = place(DONGYING, '370522');
  const dyGuangrao = place(DONGYING, '370523');
  const dyZone = place(DONGYING, '370571', '370502');
  const threeYears = [...new Set([2020, 2021, 2022, prev, Y])].filter((y) => y <= Y).sort((a, b) => a - b);
  const grow = (base: number, y: number, rate: number): number => base / (1 + rate) ** (Y - y);
  for (const [id, at, body, sales, count] of [
    ['P-DY-PARK-1', dyDongying, '电子商务产业园', 2_600_000_000, 180],
    ['P-DY-PARK-2', dyGuangrao, '轮胎电商产业园', 1_800_000_000, 140],
    ['P-DY-PARK-3', dyKenli, '农村电商产业园', 1_200_000_000, 95],
    ['P-DY-PARK-4', dyZone, '跨境电商产业园', 600_000_000, 60],
  ] as const) {
    p.add(id, 'park', at, body, ['certified']);
    const rate = 0.1 + 0.1 * rng.next();
    for (const y of threeYears) {
      p.fact(id, 'onlineSales', about(rng, grow(sales, y, rate)), y);
      p.fact(id, 'enterpriseCount', Math.round(grow(count, y, rate / 2)), y);
    }
    p.fact(id, 'area', Math.round(count * 300 * rng.noise(0.2)));
  }
  for (const [id, at, body, sales, count] of [
    ['P-DY-PLAT-1', dyDongying, '石油装备行业电子商务平台', 4_200_000_000, 1800],
    ['P-DY-PLAT-2', dyGuangrao, '橡胶轮胎行业电子商务平台', 3_000_000_000, 1300],
    ['P-DY-PLAT-3', dyLijin, '农产品行业电子商务平台', 900_000_000, 600],
  ] as const) {
    p.add(id, 'platform', at, body, [], '91');
    const rate = 0.12 + 0.1 * rng.next();
    for (const y of threeYears) {
      p.fact(id, 'onlineSales', about(rng, grow(sales, y, rate)), y);
      p.fact(id, 'enterpriseCount', Math.round(grow(count, y, rate / 2)), y);
    }
  }
  for (const [id, at, value] of [
    ['P-DY-LEAD-1', dyDongying, '1.26亿元'],
    ['P-DY-LEAD-2', dyGuangrao, '9800万元'],
    ['P-DY-LEAD-3', dyZone, '8000万元'],
    ['P-DY-LEAD-4', dyKenli, '7600万元'],
  ] as const) {
    p.company(id, at, '电子商务', trade);
    p.fact(id, 'onlineRetail', value);
  }
  for (const [id, at, value] of [
    ['P-DY-AGRI-1', dyLijin, '2300万元'],
    ['P-DY-AGRI-2', dyKenli, '1200万元'],
    ['P-DY-AGRI-3', dyHekou, '650万元'],
    ['P-DY-AGRI-4', dyGuangrao, '480万元'],
  ] as const) {
    p.company(id, at, '农产品电子商务', ['sellsLocalAgriProducts', 'agriEcommerce', 'onlineRetailer']);
    p.fact(id, 'onlineRetail', value);
  }
  for (const [id, at, value] of [
    ['P-DY-MARKET-1', dyDongying, '1800万元'],
    ['P-DY-MARKET-2', dyGuangrao, '900万元'],
    ['P-DY-MARKET-3', dyLijin, '600万元'],
  ] as const) {
    p.company(id, at, '超市连锁', ['traditionalSupermarket', 'tradeCirculation']);
    p.fact(id, 'onlineRetail', value);
  }
  p.add('P-DY-TOWN-1', 'town', dyGuangrao, '电商小镇', ['certified']);
  p.add('P-DY-TOWN-2', 'town', dyKenli, '电商小镇', ['certified']);
  p.awarded('P-DY-TOWN-2', 'dongying-2020-9/3.4.town', Math.max(2020, Y - 1), '200000');
  p.add('P-DY-TOWN-3', 'town', dyLijin, '电商小镇（培育中）');
  p.add('P-DY-VILLAGE-1', 'village', dyLijin, '电商村', ['certified']);
  p.add('P-DY-VILLAGE-2', 'village', dyHekou, '电商村', ['certified']);
  p.add('P-DY-VILLAGE-3', 'village', dyKenli, '电商村（培育中）');

  p.company('P-DY-PROMO-1', dyZone, '进出口', ['tradeCirculation']);
  p.fact('P-DY-PROMO-1', 'promotionAbroadCost', '89800', Y, '阿里巴巴国际站会员费');
  p.fact('P-DY-PROMO-1', 'promotionAbroadCost', '120000', Y, '海外社交媒体推广费');
  p.company('P-DY-PROMO-2', dyGuangrao, '轮胎进出口', ['tradeCirculation']);
  p.fact('P-DY-PROMO-2', 'promotionAbroadCost', '36000', Y, '亚马逊站内推广费');
  p.company('P-DY-PROMO-3', dyDongying, '跨境电子商务', ['costSubsidisedElsewhere']);
  p.fact('P-DY-PROMO-3', 'promotionAbroadCost', '50000', Y, '独立站搜索引擎推广费');

  p.company('P-DY-1688', dyGuangrao, '工贸', ['firstBatch1688']);
  p.fact('P-DY-1688', 'annualFee1688', '29800');
  p.company('P-DY-EXPORTLIVE', dyDongying, '进出口', ['exportLiveEvent']);
  p.fact('P-DY-EXPORTLIVE', 'exportLiveServiceFee', '60000');

  p.add('P-DY-ORG-1', 'organiser', dyDongying, '电子商务协会', [], '51');
  p.fact('P-DY-ORG-1', 'contestEventCost', '80000', Y, '春季直播带货大赛');
  p.fact('P-DY-ORG-1', 'contestEventCost', '45000', Y, '黄河口农品直播节');
  p.fact('P-DY-ORG-1', 'contestEventCost', '30000', Y, '秋季跨境直播赛');
  p.company('P-DY-ORG-2', dyGuangrao, '文化传媒', [], 'organiser');
  p.fact('P-DY-ORG-2', 'contestEventCost', '20000', Y, '县域直播电商技能赛');

  // ================= jiyang-2021-80 (济阳区) =================
  for (const [id, area, count, sales] of [
    ['P-JY-CLUSTER-1', 6800, 62, '1.35亿元'],
    ['P-JY-CLUSTER-2', 5000, 50, '1亿元'],
    ['P-JY-CLUSTER-3', 4200, 38, '8600万元'],
  ] as const) {
    p.add(id, 'park', jiyang, `${tradeName(rng)}电商集聚区`);
    p.fact(id, 'area', area);
    p.fact(id, 'enterpriseCount', count);
    p.fact(id, 'onlineSales', sales);
  }
  for (const [id, value] of [
    ['P-JY-AGRI-1', '186万元'],
    ['P-JY-AGRI-2', '100万元'],
    ['P-JY-AGRI-3', '96万元'],
  ] as const) {
    p.company(id, jiyang, '农业科技', ['sellsLocalAgriProducts', 'sellsBrandedAgriProducts']);
    p.fact(id, 'onlineRetail', value);
  }
  p.company('P-JY-BRAND-1', jiyang, '农产品电子商务', ['agriEcommerce', 'sellsLocalAgriProducts']);
  p.fact('P-JY-BRAND-1', 'onlineRetail', '320万元');
  p.fact('P-JY-BRAND-1', 'brandRegistrationCost', '12000');
  p.fact('P-JY-BRAND-1', 'scCertificationCost', '46000');
  p.fact('P-JY-BRAND-1', 'packagingDesignCost', '28000');
  p.company('P-JY-BRAND-2', jiyang, '食品', ['agriEcommerce']);
  p.fact('P-JY-BRAND-2', 'onlineRetail', '150万元');
  p.fact('P-JY-BRAND-2', 'brandRegistrationCost', '18000');
  p.fact('P-JY-BRAND-2', 'packagingDesignCost', '30000');
  p.fact('P-JY-BRAND-2', 'appliedBrandCostItem', 1);

  p.add('P-JY-LOGI', 'logisticsCentre', jiyang, '区级仓储物流配送中心', ['certified', 'fiveUnified'], '91');
  p.fact('P-JY-LOGI', 'parcelsToVillages', 486_000);
  p.fact('P-JY-LOGI', 'expressCompaniesIntegrated', 6);

  for (const [id, value] of [
    ['P-JY-WHOLE-1', '3200万元'],
    ['P-JY-WHOLE-2', '2.4亿元'],
    ['P-JY-WHOLE-3', '6.8亿元'],
    ['P-JY-WHOLE-4', '1800万元'],
  ] as const) {
    p.company(id, jiyang, '商贸', ['ecommerceWholesaleRetail', 'tradeCirculation']);
    p.fact(id, 'onlineSales', value);
  }
  for (const [id, value] of [
    ['P-JY-RETAIL-1', '860万元'],
    ['P-JY-RETAIL-2', '4100万元'],
    ['P-JY-RETAIL-3', '7300万元'],
    ['P-JY-RETAIL-4', '5200万元'],
  ] as const) {
    p.company(id, jiyang, '电子商务', ['onlineRetailer', 'tradeCirculation']);
    p.fact(id, 'onlineRetail', value);
  }
  p.awarded('P-JY-RETAIL-4', 'jiyang-2021-80/5.retail', Math.max(2021, Y - 1), '200000');

  // rankings: metrics strictly ordered, so the composite order is the designed one whatever the weights
  const ranked = (
    prefix: string,
    kind: SubjectKind,
    body: (i: number) => string,
    rows: readonly (readonly [number, string, string, number])[],
  ): void => {
    rows.forEach(([sales, retail, feedback, followers], i) => {
      const id = `${prefix}-${i + 1}`;
      p.add(id, kind, jiyang, body(i));
      p.fact(id, 'salesVolume', sales);
      p.fact(id, 'onlineRetail', retail);
      p.fact(id, 'feedbackScore', feedback);
      p.fact(id, 'followers', followers);
    });
  };
  const products = ['黄河大米', '仁风西瓜', '曲堤黄瓜', '曲堤黄瓜', '黄河鲤鱼'];
  ranked('P-JY-PRODUCT', 'product', (i) => `${tradeName(rng)}牌${products[i]}礼盒（网红产品）`, [
    [520_000, '1860万元', '4.92', 860_000],
    [410_000, '1420万元', '4.88', 640_000],
    [300_000, '980万元', '4.85', 420_000],
    [300_000, '980万元', '4.85', 420_000],
    [120_000, '360万元', '4.61', 150_000],
  ]);
  ranked('P-JY-SHOP', 'shop', () => `${tradeName(rng)}农特产品网红店铺`, [
    [360_000, '2600万元', '4.95', 1_200_000],
    [280_000, '1900万元', '4.9', 900_000],
    [200_000, '1300万元', '4.86', 650_000],
    [150_000, '900万元', '4.8', 400_000],
    [80_000, '500万元', '4.7', 200_000],
  ]);
  ranked('P-JY-INFL', 'influencer', (i) => `网红达人“济阳${'一二三四五六七'[i]}号”`, [
    [900_000, '5200万元', '4.96', 3_200_000],
    [700_000, '3900万元', '4.93', 2_400_000],
    [520_000, '2800万元', '4.9', 1_700_000],
    [400_000, '2100万元', '4.87', 1_100_000],
    [260_000, '1300万元', '4.82', 700_000],
    [260_000, '1300万元', '4.82', 700_000],
    [90_000, '400万元', '4.6', 180_000],
  ]);

  for (const [id, rooms] of [
    ['P-JY-LIVEBASE-1', 12],
    ['P-JY-LIVEBASE-2', 25],
    ['P-JY-LIVEBASE-3', 8],
  ] as const) {
    p.add(id, 'liveBase', jiyang, `${tradeName(rng)}直播电商基地`, [], '91');
    p.fact(id, 'liveRooms', rooms);
  }
  for (const [id, brands, showroom] of [
    ['P-JY-SUPPLY-1', 56, 180],
    ['P-JY-SUPPLY-2', 48, 220],
  ] as const) {
    p.company(id, jiyang, '农产品供应链管理', ['agriEcommerce', 'agriSupplyChain']);
    p.fact(id, 'brandsIntegrated', brands);
    p.fact(id, 'showroomArea', showroom);
  }

  // ================= jinan-2021-cbec (济南市) =================
  p.company('P-JNC-LEAD-1', jnLixia, '跨境电子商务', ['crossBorderDeclarant', 'tradeCirculation']);
  p.fact('P-JNC-LEAD-1', 'crossBorderTransactionsUsd', '1580万美元');
  p.company('P-JNC-LEAD-2', jnHuaiyin, '跨境电子商务', ['tradeCirculation']);
  p.fact('P-JNC-LEAD-2', 'crossBorderTransactions', '7.2亿元');
  p.company('P-JNC-LEAD-3', jnTianqiao, '跨境电子商务', ['tradeCirculation']);
  p.fact('P-JNC-LEAD-3', 'crossBorderTransactionsUsd', '1000万美元');

  p.add('P-JNC-SERVICE', 'servicePlatform', jnHighTech, '跨境电商综合服务平台', [], '91');
  p.fact('P-JNC-SERVICE', 'enterprisesServed', 320);

  for (const [id, at, cb, count, tags] of [
    ['P-JNC-PARK-1', jnHighTech, '3.6亿元', 46, ['certified']],
    ['P-JNC-PARK-2', jnHuaiyin, '2亿元', 25, ['certified']],
    ['P-JNC-PARK-3', jnZhangqiu, '2.8亿元', 30, []],
  ] as const) {
    p.add(id, 'park', at, '跨境电子商务产业园', [...tags]);
    p.fact(id, 'onlineSales', about(rng, count * 9_000_000));
    p.fact(id, 'crossBorderTransactions', cb);
    p.fact(id, 'enterpriseCount', count);
    p.fact(id, 'area', 20_000 + count * 700);
  }
  p.parameters.push({ rule: 'jinan-2021-cbec/2.2.park', year: Y, key: 'amount', value: '50万元' });

  p.add('P-JNC-STORE', 'experienceStore', jnShizhong, '跨境电商体验店', [], '91');
  p.fact('P-JNC-STORE', 'area', 1200);
  p.fact('P-JNC-STORE', 'onlineSales', '860万元');
  p.add('P-JNC-WAREHOUSE', 'overseasWarehouse', jnLicheng, '国际物流有限公司洛杉矶海外仓', [], '91');
  p.fact('P-JNC-WAREHOUSE', 'area', 12_000);
  p.fact('P-JNC-WAREHOUSE', 'enterprisesServed', 58);
  p.company('P-JNC-DECLARE', jnZhangqiu, '进出口', ['crossBorderDeclarant']);
  p.fact('P-JNC-DECLARE', 'crossBorderTransactions', '3800万元');
  p.add('P-JNC-EVENT', 'organiser', jnLixia, '跨境电子商务协会', ['influentialEvent'], '51');
  p.add('P-JNC-PAY', 'paymentPlatform', jnLixia, '支付科技有限公司', ['paymentLicence'], '91');
  p.fact('P-JNC-PAY', 'crossBorderSettlement', '12.6亿元');

  return { subjects: p.subjects, facts: p.facts, history: p.history, parameters: p.parameters };
}
