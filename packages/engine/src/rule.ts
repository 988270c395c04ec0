/**
 * The rule vocabulary: what a policy article can say, as data. Conditions, metrics and
 * awards are a closed set of shapes interpreted by the engine; no rule carries code.
 * Amounts and thresholds are written as the document writes them ("1亿元", "50%").
 */
import type { ReadingDeclaration, ReadingId } from './interpretations.js';
import type { LegalWord } from './legal.js';
import type { FactKey, SubjectKind, Tag, Vocabulary } from './vocabulary.js';
import type { Region } from './regions.js';

/** A policy document (文件): who issued it, when it is in force, who pays by default. */
export interface PolicyDocument {
  readonly id: string; // "sd-2022-42"
  readonly number: string; // 文号, e.g. "鲁政字〔2022〕42号"
  readonly title: string;
  readonly issuer: string; // region code of the issuing government (jurisdiction)
  readonly issuerName: string;
  readonly validFrom: string; // YYYY-MM-DD
  readonly validTo?: string; // YYYY-MM-DD; open-ended when absent
  readonly funder: string; // region code whose finance pays unless a rule says otherwise
  readonly funderName: string; // 省财政, 市财政 …
  /**
   * document-wide 就高 exclusivity (jining: 以上奖励政策按就高原则执行，不重复享受), under the document's
   * own reading `interpretation` when it reads `documentWide` (any other value: each group alone)
   */
  readonly exclusive?: { readonly interpretation: ReadingId; readonly documentWide: string; readonly text: string };
  /**
   * This document amends (the listed articles of) another, or without `articles` supersedes it,
   * from a date: the amended rules stop the day before `from`, whatever their own validTo says,
   * and a performance year split between the versions is decided by one of them (I-split-year).
   */
  readonly amends?: { readonly document: string; readonly from: string; readonly articles?: readonly string[] };
  /** 年度资金总额不超过…: every money award of the document in a year shares the cap (I-pool, I-pool-period) */
  readonly budget?: { readonly cap: string; readonly text: string; readonly article?: string };
}

/** A quantity measured on a subject for a year. */
export type Metric =
  | { readonly fact: FactKey }
  /** growth of `of` over last year; the `published` rate is used when given (I-growth) */
  | { readonly growth: FactKey; readonly published?: FactKey }
  /** numerator / denominator of the same year; the `published` share is used when given */
  | { readonly ratio: readonly [FactKey, FactKey]; readonly published?: FactKey }
  /** the sum of a fact over a span of years (three-year evaluations) */
  | { readonly sumOverYears: FactKey; readonly from: number; readonly to: number }
  /** 综合评价 with no method in the text: panel scores, else min–max (I-composite) */
  | { readonly composite: readonly Metric[] }
  /**
   * 新培育…过X的企业数: the published count when given, else the member enterprises whose
   * `fact` passes the threshold this year and did not last year (the word follows I-guo).
   */
  | { readonly newlyOver: FactKey; readonly legal: LegalWord; readonly value: string; readonly published: FactKey };

/** The regional average a growth or share is compared with (I-avg). */
export interface Benchmark {
  readonly average: 'province' | 'city' | 'country';
  readonly metric: Metric;
}

/** 前N名: rank among the rule's peer set (its recipients in the issuer's jurisdiction). */
export interface Ranking {
  readonly by: Metric;
  readonly top: number;
  /** a parameter key that may set N for a year (sd 八: 综合排名靠前, N is ours to set) */
  readonly topParameter?: 'topN';
  /** a ranking over a span of years is still decided once */
  readonly label: string; // "增幅列全省前5位"
}

export type Condition =
  | { readonly compare: Metric; readonly legal: LegalWord; readonly value: string; readonly label?: string }
  | { readonly compare: Metric; readonly legal: LegalWord; readonly benchmark: Benchmark; readonly label?: string }
  /** a yuan figure against a USD threshold, converted at the year's CNY/USD rate (I-usd) */
  | { readonly usd: { readonly usdFact: FactKey; readonly yuanFact: FactKey }; readonly legal: LegalWord; readonly value: string; readonly label?: string }
  /** a yes/no fact of the year (称号 obtained that year) */
  | { readonly flag: FactKey; readonly label?: string }
  | { readonly tag: Tag }
  /** an exception written into the article (已享受其他补贴的不再重复补贴) */
  | { readonly notTag: Tag; readonly label: string }
  /** a date fact inside the document's period of validity (政策施行期内) */
  | { readonly dateInForce: FactKey; readonly label?: string }
  | { readonly anyOf: readonly Condition[]; readonly label?: string }
  | { readonly rank: Ranking }
  /** the subject keeps an award of the group after exclusivity (济阳 5: 并授予荣誉称号) */
  | { readonly wonGroup: string; readonly label?: string }
  /** the subject was granted `rule`'s award `yearsBefore` years before the run's year (济南 三(二)2: 次年度) */
  | { readonly awardedBefore: string; readonly yearsBefore: number; readonly label: string };

export interface Tier {
  readonly from: string; // lower bound as written ("5000万元")
  readonly legal?: LegalWord; // word of the lower bound for threshold tiers (达到, 以上)
  readonly to?: string; // upper bound of a range tier "A至B" (I-tier-range)
  readonly money: string;
}

export type Award =
  /** 给予X (or 最高给予X with `ceiling`) */
  | { readonly money: string; readonly ceiling?: boolean }
  /** the highest tier reached */
  | { readonly tiers: readonly Tier[]; readonly on: FactKey; readonly ceiling?: boolean }
  /** 每实现 per … pay (I-per-unit), capped per subject */
  | { readonly perUnit: { readonly fact: FactKey; readonly per: string; readonly pay: string }; readonly cap?: string; readonly ceiling?: boolean }
  /** rate × cost; per-item cap; per-year cap; `pick` takes a single item (CostPick) */
  | {
      readonly costShare: {
        readonly facts: readonly FactKey[];
        readonly rate: string;
        readonly itemCap?: string;
        readonly yearCap?: string;
        readonly pick?: CostPick;
        /** an itemised flag fact: the cost items it marks (same `item`) are left out (已享受其他补贴的不再重复补贴) */
        readonly except?: FactKey;
      };
      readonly ceiling?: boolean;
    }
  /** a prize ladder by rank (requires a `rank` condition) */
  | { readonly prizes: readonly string[] }
  | { readonly honor: string }
  | { readonly recommendation: string }
  /** eligible, amount set later by the `amount` parameter of the rule and year */
  | { readonly pending: string };

export type FunderSpec =
  | 'document' // the document's funder
  | 'subject-city' // 有条件的市 / 企业所在市财政
  | 'subject-county' // 县（市、区）财政
  | 'city-county'; // 市、县区按现行财政体制分级负担 (share: parameter cityShare)

export interface Recipient {
  readonly kinds: readonly SubjectKind[];
  readonly tags?: readonly Tag[]; // all required
  readonly anyTags?: readonly Tag[]; // at least one
  readonly label: string; // 中文: "实物商品网络零售额1亿元以上企业"
  /**
   * The text sets the recipient by its activity in the city (在我市举办, 在我市开展, 面向全市服务):
   * I-recipient-place decides whether the registered location or the `inCity` tag places it.
   */
  readonly byActivity?: true;
}

export interface Rule {
  readonly id: string; // "sd-2022-42/2.traffic"
  readonly document: string;
  readonly article: string; // "二", "三(五)" (the corpus measure listing this rule holds its anchor)
  readonly title: string;
  /** the article's words this rule implements, verbatim */
  readonly text: string;
  /** verbatim figures of the text this rule accounts for (coverage check) */
  readonly cites: readonly string[];
  readonly recipient: Recipient;
  readonly conditions: readonly Condition[];
  readonly award: Award;
  /** only these performance years, within the document's validity */
  readonly years?: readonly number[];
  readonly once?: boolean; // 一次性
  readonly exclusiveGroup?: string;
  readonly pool?: { readonly cap: string; readonly text: string };
  readonly funder?: FunderSpec;
  /** our reading where the text leaves something open (shown in explanations) */
  readonly note?: string;
  /** readings this rule depends on beyond those implied by its shapes */
  readonly interpretations?: readonly ReadingId[];
  /**
   * The rule of an amended document this one continues, when the amending document renumbered it
   * (without it, a rule continues the amended document's rule of the same article and id suffix).
   */
  readonly continues?: string;
  /**
   * Figures that change from a date (OpenFisca's dated values): each `set` changes figures by the
   * names a 政策模拟 change uses (amount, threshold, cap, rate, pay, pool, prizes, top, tierN.from,
   * tierN.money), written as the text writes them; I-split-year picks the day whose figures decide.
   */
  readonly dated?: readonly DatedFigures[];
}

/** Figures of a rule in force from a date: `{ from: '2025-01-01', set: { amount: '30万元' } }`. */
export interface DatedFigures {
  readonly from: string; // YYYY-MM-DD
  readonly set: Readonly<Record<string, string>>;
}

/**
 * 一项最高50%: only one cost item is paid — the largest, or, when the document's own `reading`
 * reads `appliedWhen`, the one the fact `applied` names (1 = the first of `facts`, …).
 */
export interface CostPick {
  readonly reading: ReadingId;
  readonly applied: FactKey;
  readonly appliedWhen: string;
}

/** An exclusive group (不重复奖励 / 就高不就低). */
export interface ExclusiveGroup {
  readonly id: string; // "sd-2022-42/1"
  /** the document whose text declares the group (its rules may be of several documents: 同一事项不重复享受) */
  readonly document: string;
  /** the declaring article, named when the group excludes across documents */
  readonly article?: string;
  readonly rules: readonly string[]; // in the order listed (ties keep the first)
  readonly text: string; // "上述两项奖励政策不重复奖励，奖励标准“就高不就低”"
}

/** A figure checked on input rather than awarded (齐鲁电商贷 单户贷款额度为10万元至1000万元). */
export interface Validation {
  readonly id: string;
  readonly document: string;
  readonly article: string;
  readonly fact: FactKey;
  readonly min: string;
  readonly max: string;
  readonly text: string;
  readonly cites: readonly string[];
}

export interface Corpus {
  readonly version: string;
  readonly documents: readonly PolicyDocument[];
  readonly rules: readonly Rule[];
  readonly groups: readonly ExclusiveGroup[];
  readonly validations: readonly Validation[];
  /** the words the rules and the inputs use (corpus/vocabulary.yaml): kinds, fact keys with labels and units, tags */
  readonly vocabulary: Vocabulary;
  /** the readings the corpus offers (readings.yaml and its documents' own); absent: the engine's general ones */
  readonly readings?: Readonly<Record<string, ReadingDeclaration>>;
  /** the province's region table (regions.yaml), over the national one; absent: the engine's built-in table */
  readonly regions?: readonly Region[];
}
