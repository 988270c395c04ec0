/**
 * The bulk of the demo: `enterprises` synthetic e-commerce enterprises spread over every
 * county of the province in proportion to its online retail. Enterprise i is drawn from its
 * own PRNG stream (seed, i), so it can be regenerated alone: the streaming writer emits the
 * subjects in one pass and the facts in a second without holding either in memory.
 *
 * Physical-goods online retail is log-normal with median 200万元 and log-sd 1.6: about 0.7%
 * of enterprises exceed 1亿元 (a few dozen per 5000), the largest of a million reach tens of 亿.
 */
import type { Tag } from '@duixian/engine';
import { VOCABULARY } from '@duixian/corpus';
import { tradeName, uscc } from './names.js';
import { DONGYING, JINAN, JINING, JIYANG, type RegionModel, cityName } from './regions.js';
import { Rng, streamSeed } from './random.js';
import type { DemoFact, DemoSubject } from './types.js';
import { isoDate, toFen, usdFromCents, yuanFromFen } from './values.js';

/** USCC serials below this are reserved for the planted showcase subjects. */
export const PLANTED_SERIALS = 1000;

const TAG_ORDER: Readonly<Record<string, number>> = Object.fromEntries(Object.keys(VOCABULARY.tags).map((t, i) => [t, i]));
export const sortTags = (tags: Tag[]): Tag[] => tags.sort((a, b) => TAG_ORDER[a]! - TAG_ORDER[b]!);

const GENERAL = ['电子商务', '网络科技', '电子商务', '服饰', '家居用品', '数码科技', '日用品', '电子商务'] as const;
const AGRI = ['农业科技', '农产品电子商务', '食品'] as const;
const WHOLESALE = ['商贸', '供应链管理'] as const;
const PROMOTION_ITEMS = ['阿里巴巴国际站会员费', '亚马逊站内推广费', '海外社交媒体推广费', '独立站搜索引擎推广费', '线上海外展会推介费'] as const;
const FEES_1688 = [6688, 9800, 29800] as const;

const NO_SUBJECT: DemoSubject = { id: '', kind: 'enterprise', name: '' };
const NO_FACTS: DemoFact[] = [];

export interface EnterpriseRow {
  readonly subject: DemoSubject;
  readonly facts: DemoFact[];
}

/** What every enterprise needs from the regions: placement units and their name prefixes. */
export class EnterpriseFactory {
  private readonly prefixes: string[];
  private readonly total: number;

  constructor(
    private readonly seed: number,
    private readonly year: number,
    private readonly model: RegionModel,
    countyName: (code: string) => string,
  ) {
    this.prefixes = model.units.map((u, i) => {
      const city = model.unitCity[i]!;
      return u === city ? cityName(city) : cityName(city) + countyName(u);
    });
    this.total = model.cumulative.length ? model.cumulative[model.cumulative.length - 1]! : 0;
    if (!(this.total > 0)) throw new Error('the region table has no county to place enterprises in');
  }

  /** Index of the placement unit for a uniform draw u ∈ [0, 1). */
  private unitFor(u: number): number {
    const target = u * this.total;
    const c = this.model.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Enterprise number i (0-based): its subject and facts, a pure function of (seed, year, i). */
  make(i: number): EnterpriseRow {
    return this.draw(i, true, true);
  }

  /** Only the subject of enterprise i (the same as make(i).subject, without making the facts). */
  subject(i: number): DemoSubject {
    return this.draw(i, true, false).subject;
  }

  /** Only the facts of enterprise i (the same as make(i).facts, without the subject's USCC and name). */
  facts(i: number): DemoFact[] {
    return this.draw(i, false, true).facts;
  }

  private draw(i: number, wantSubject: boolean, wantFacts: boolean): EnterpriseRow {
    // Every draw below happens in the same order whatever is wanted, so the parts always agree.
    const r = new Rng(streamSeed(this.seed, 'enterprise', i));
    const year = this.year;
    const k = this.unitFor(r.next());
    const region = this.model.units[k]!;
    const city = this.model.unitCity[k]!;
    const id = `E${String(i + 1).padStart(7, '0')}`;

    const x = r.logNormal(2_000_000, 1.6); // yuan
    const big = x >= 20_000_000;
    let inStats = r.chance(big ? 0.85 : 0.22);
    const trade = r.chance(0.6);
    const wholesale = r.chance(0.15);
    const retailer = r.chance(0.7);
    const agriLocal = r.chance(0.12);
    const agriBranded = agriLocal && r.chance(0.4);
    const agriEcom = r.chance(0.06) || (agriBranded && r.chance(0.5));
    const supermarket = r.chance(0.015);
    const liveDraw = r.next();
    const mcn = liveDraw < 0.008;
    const liveTeam = !mcn && liveDraw < 0.02;
    let newly = r.chance(0.08);
    let legal = false;
    if (mcn || liveTeam) {
      legal = r.chance(0.75);
      newly = newly || r.chance(0.25);
    }
    const converted = r.chance(0.001);
    if (converted) legal = inStats = true;
    const first1688 = r.chance(0.004);
    const whitelisted = r.chance(0.003);
    const blacklisted = r.chance(0.001);
    const exportLive = city === DONGYING && r.chance(0.01);
    const declarant = city === JINAN && r.chance(0.02);
    const promotion = r.chance(city === DONGYING ? 0.03 : 0.004);
    const subsidised = promotion && r.chance(0.15);

    const industry = supermarket
      ? '超市连锁'
      : mcn
        ? '文化传媒'
        : liveTeam
          ? '直播电子商务'
          : agriLocal || agriEcom
            ? r.pick(AGRI)
            : wholesale
              ? r.pick(WHOLESALE)
              : r.pick(GENERAL);
    const tradeWord = tradeName(r);
    let subject = NO_SUBJECT;
    if (wantSubject) {
      // tags in the vocabulary's order
      const tags: Tag[] = [];
      if (inStats) tags.push('inStatsLibrary');
      if (trade) tags.push('tradeCirculation');
      if (legal) tags.push('independentLegalPerson');
      if (newly) tags.push('newlyEstablished');
      if (mcn) tags.push('mcn');
      if (liveTeam) tags.push('liveTeam');
      if (agriLocal) tags.push('sellsLocalAgriProducts');
      if (agriBranded) tags.push('sellsBrandedAgriProducts');
      if (agriEcom) tags.push('agriEcommerce');
      if (supermarket) tags.push('traditionalSupermarket');
      if (wholesale) tags.push('ecommerceWholesaleRetail');
      if (retailer) tags.push('onlineRetailer');
      if (first1688) tags.push('firstBatch1688');
      if (converted) tags.push('convertedFromBranch');
      if (subsidised) tags.push('costSubsidisedElsewhere');
      if (whitelisted) tags.push('whitelisted');
      if (blacklisted) tags.push('creditBlacklisted');
      if (declarant) tags.push('crossBorderDeclarant');
      if (exportLive) tags.push('exportLiveEvent');
      subject = {
        id,
        kind: 'enterprise',
        name: `（演示）${this.prefixes[k]!}${tradeWord}${industry}有限公司`,
        region,
        uscc: uscc(this.seed, region, PLANTED_SERIALS + i),
        tags,
      };
    }
    if (!wantFacts) return { subject, facts: NO_FACTS };

    const facts: DemoFact[] = [];
    const f = (key: DemoFact['key'], value: DemoFact['value'], y = year, item?: string): void => {
      facts.push(item === undefined ? { subject: id, year: y, key, value } : { subject: id, year: y, key, item, value });
    };
    const physical = r.chance(0.92) ? toFen(x) : 0;
    if (physical > 0) {
      f('physicalGoodsOnlineRetail', yuanFromFen(physical));
      if (inStats && !newly) f('physicalGoodsOnlineRetail', yuanFromFen(toFen(x / Math.max(0.5, 1.15 + 0.2 * r.normal()))), year - 1);
    }
    if (retailer || agriLocal || agriEcom || supermarket || mcn || liveTeam || physical === 0 || r.chance(0.3)) {
      f('onlineRetail', yuanFromFen(physical > 0 ? toFen(x * (1 + 0.08 * r.next())) : toFen(x)));
    }
    if (wholesale) f('onlineSales', yuanFromFen(toFen(x * r.logNormal(2.5, 0.5))));
    if (declarant || (city === JINAN && r.chance(0.04))) {
      f('crossBorderTransactionsUsd', usdFromCents(toFen(r.logNormal(600_000, 1.4))));
    }
    if (promotion) {
      const n = r.range(1, 3);
      const items = r.shuffle(PROMOTION_ITEMS).slice(0, n);
      for (const item of items) f('promotionAbroadCost', yuanFromFen(r.range(50, 1500) * 10_000), year, item);
    }
    if (first1688) f('annualFee1688', String(r.pick(FEES_1688)));
    // 济阳 subsidises these costs (jiyang 3), so its agricultural e-commerce enterprises report them
    if (agriEcom && (region === JIYANG || r.chance(0.35))) {
      const pick = r.int(3);
      if (pick === 0 || r.chance(0.5)) f('brandRegistrationCost', String(r.range(30, 300) * 100));
      if (pick === 1 || r.chance(0.5)) f('scCertificationCost', String(r.range(200, 800) * 100));
      if (pick === 2 || r.chance(0.5)) f('packagingDesignCost', String(r.range(50, 500) * 100));
    }
    if (city === JINING && r.chance(0.0015)) f('nationalTitle', 1);
    if (r.chance(0.02)) f('trainedHireInsuredMonths', r.range(1, 18));
    if (r.chance(0.01)) f('loanAmount', `${r.range(10, 1000)}万元`);
    if (converted) f('conversionDate', isoDate(year, r.range(1, 12), r.range(1, 28)));
    if (exportLive) f('exportLiveServiceFee', String(r.range(10, 120) * 1000));
    return { subject, facts };
  }
}
