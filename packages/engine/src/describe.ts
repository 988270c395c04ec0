/**
 * A rule as the Chinese sentences an analyst checks against the article (`duixian show`, the
 * 政策库 page): 条件、金额、上限、排名、资金来源、互斥、适用年度、数额调整、说明、所依解读. Written from the rule's
 * data alone, with the figures and legal words exactly as encoded, so that a wrong figure or word
 * shows up beside the article's own. Pure and deterministic.
 */
import { benchmarkName } from './conditions.js';
import { declaredReadings } from './interpretations.js';
import { LEGAL_WORDS, type LegalWord } from './legal.js';
import { metricLabelIn } from './metrics.js';
import { ruleInterpretations } from './rule-run.js';
import type { Award, Condition, Corpus, DatedFigures, FunderSpec, Metric, PolicyDocument, Ranking, Recipient, Rule, Tier } from './rule.js';
import { articleLabel } from './trace.js';
import { Versions, type Life } from './versions.js';

export type SentenceLabel = '条件' | '金额' | '上限' | '排名' | '资金来源' | '互斥' | '适用年度' | '数额调整' | '说明' | '所依解读';
export interface Sentence { readonly label: SentenceLabel; readonly text: string }
export interface Description { readonly sentences: readonly Sentence[] }

/** The Chinese names of the corpus's words: fact keys, tags, subject kinds and readings. */
export interface Words {
  readonly factKeys: Readonly<Record<string, { readonly label: string; readonly unit?: string }>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly kinds: Readonly<Record<string, string>>;
  readonly readings: Readonly<Record<string, { readonly question: string; readonly values: readonly string[] }>>;
}

/** The words a corpus declares (its vocabulary), with its readings' questions. */
export const corpusWords = (corpus: Pick<Corpus, 'vocabulary' | 'readings'>): Words =>
  ({ factKeys: corpus.vocabulary.facts, tags: corpus.vocabulary.tags, kinds: corpus.vocabulary.kinds, readings: declaredReadings(corpus) });

/** What a rule points at outside itself: its document (issuer, validity, funder), its group's words, other rules' titles. */
export type DescribeContext = Pick<Corpus, 'documents' | 'rules' | 'groups'> & Partial<Pick<Corpus, 'vocabulary'>>;

/** The versions of a context's rules, worked out once per context (the 政策库 describes every rule of a document). */
const VERSIONS = new WeakMap<DescribeContext, Versions>();
function versionsOf(corpus: DescribeContext): Versions {
  let v = VERSIONS.get(corpus);
  if (!v) VERSIONS.set(corpus, (v = new Versions(corpus)));
  return v;
}

/**
 * The rule's sentences in the order an article reads. A sentence with nothing to say is left out.
 * Without `corpus` the sentences that need the document say so in general terms.
 */
export function describeRule(rule: Rule, words: Words, corpus?: DescribeContext): Description {
  const say = new Say(words, corpus, corpus?.documents.find((d) => d.id === rule.document), corpus && versionsOf(corpus).span(rule.id));
  const ranking = rule.conditions.find((c): c is { rank: Ranking } => 'rank' in c)?.rank;
  const parts: [SentenceLabel, string | undefined][] = [
    ['条件', [`对象为${say.recipient(rule.recipient)}`, ...rule.conditions.map((c) => say.condition(c))].join('；')],
    ['金额', say.award(rule.award)],
    ['上限', say.limits(rule)],
    ['排名', ranking && say.ranking(ranking, rule.recipient)],
    ['资金来源', 'honor' in rule.award || 'recommendation' in rule.award ? undefined : say.funder(rule.funder ?? 'document')],
    ['互斥', say.exclusive(rule)],
    ['适用年度', say.years(rule.years)],
    ['数额调整', rule.dated?.length ? datedText(rule.dated) : undefined],
    ['说明', rule.note],
    ['所依解读', say.readings(rule)],
  ];
  return { sentences: parts.flatMap(([label, text]) => (text ? [{ label, text }] : [])) };
}

/** One sentence a line: "条件：…". */
export const renderDescription = (d: Description): string => d.sentences.map((s) => `${s.label}：${s.text}`).join('\n');

const joined = (xs: readonly (string | undefined)[]): string | undefined => xs.filter((x) => x).join('；') || undefined;
const ceilingOf = (a: Award): boolean => 'ceiling' in a && a.ceiling === true;
const paysMoney = (a: Award): boolean => !('honor' in a || 'recommendation' in a || 'pending' in a);

/** The figures a dated value may change, in the words of the text (the keys of a 政策模拟 change). */
const FIGURES: Readonly<Record<string, string>> = {
  amount: '金额', threshold: '门槛', cap: '上限', itemCap: '单项上限', rate: '比例', pay: '每单位补助', pool: '总额上限', prizes: '名次奖励', top: '名次数',
};
function figureName(key: string): string {
  const tier = /^tier(\d+)\.(from|money)$/.exec(key);
  if (tier) return `第${tier[1]}档${tier[2] === 'from' ? '起点' : '金额'}`;
  return FIGURES[key] ?? key;
}

/** 自2031-01-01起金额为30万元；… in date order. */
function datedText(dated: readonly DatedFigures[]): string {
  const inOrder = [...dated].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return inOrder.map((d) => `自${d.from}起${Object.entries(d.set).map(([k, v]) => `${figureName(k)}为${v}`).join('、')}`).join('；');
}

/** 以上 and 以下 follow the figure (100万元以上); the other words precede it (超过100万元). */
const FOLLOWS: ReadonlySet<LegalWord> = new Set(['以上', '以上（含）', '以下']);
const bound = (word: LegalWord, figure: string): string => (FOLLOWS.has(word) ? `${figure}${word}` : `${word}${figure}`);

/** Whether the figure itself qualifies, as 民法典 第1259条 reads the word (过 by I-guo's default). */
function inclusion(word: LegalWord): string {
  if (word === '过') return '按“超过”理解，不含本数';
  return LEGAL_WORDS[word].op.endsWith('=') ? '含本数' : '不含本数';
}

const FUNDERS: Readonly<Record<Exclude<FunderSpec, 'document'>, string>> = {
  'subject-city': '对象所在市财政',
  'subject-county': '对象所在县（市、区）财政',
  'city-county': '市、县区按现行财政体制分级负担',
};

const ORDINAL_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (prize ladders are short). */
function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = ORDINAL_DIGITS[n % 10]!;
  if (tens === 0) return ones;
  return `${tens === 1 ? '' : ORDINAL_DIGITS[tens]}十${ones}`;
}

/** The words of one rule's sentences, named by the corpus's vocabulary. */
class Say {
  constructor(
    private readonly words: Words,
    private readonly corpus: DescribeContext | undefined,
    private readonly doc: PolicyDocument | undefined,
    /** the rule's days in force when an amendment sets them */
    private readonly life: Life | undefined,
  ) {}

  private fact = (key: string): string => this.words.factKeys[key]?.label ?? key;
  private tag = (tag: string): string => this.words.tags[tag] ?? tag;
  private metric = (m: Metric): string => metricLabelIn(m, this.fact);

  /** An area written as a bare number ("5000") is in square metres: say so; other figures carry their own unit. */
  private figure(m: Metric, value: string): string {
    return 'fact' in m && this.words.factKeys[m.fact]?.unit === 'sqm' && /^[\d.,]+$/.test(value) ? `${value}平方米` : value;
  }

  recipient(r: Recipient): string {
    const details = [
      `主体类别：${r.kinds.map((k) => this.words.kinds[k] ?? k).join('、')}`,
      r.tags?.length ? `须为：${r.tags.map(this.tag).join('、')}` : undefined,
      r.anyTags?.length ? `至少其一：${r.anyTags.map(this.tag).join('、')}` : undefined,
      r.byActivity ? '按活动所在地认定' : undefined,
    ];
    return `${r.label}（${joined(details)}）`;
  }

  condition(c: Condition): string {
    if ('compare' in c && 'benchmark' in c) return `${c.label ?? this.metric(c.compare)}${c.legal}${benchmarkName(c.benchmark)}（${inclusion(c.legal)}）`;
    if ('compare' in c) return `${c.label ?? this.measured(c.compare)}${bound(c.legal, this.figure(c.compare, c.value))}（${inclusion(c.legal)}）`;
    if ('usd' in c) return `${c.label ?? this.fact(c.usd.usdFact)}${bound(c.legal, c.value)}（${inclusion(c.legal)}；只有人民币金额时按当年人民币对美元平均汇率折算）`;
    if ('flag' in c) return c.label ?? this.fact(c.flag);
    if ('tag' in c) return this.tag(c.tag);
    if ('notTag' in c) return `例外：${c.label}（${this.tag(c.notTag)}的不适用）`;
    if ('dateInForce' in c) return `${c.label ?? this.fact(c.dateInForce)}在政策施行期内${this.doc ? `（${this.doc.validFrom}至${this.doc.validTo ?? '长期'}）` : ''}`;
    if ('anyOf' in c) {
      const list = `下列之一：${c.anyOf.map((x) => this.condition(x)).join('；或')}`;
      return c.label ? `${c.label}（${list}）` : list;
    }
    if ('rank' in c) return `${c.rank.label}（排名前${c.rank.top}名）`;
    if ('wonGroup' in c) return c.label ?? '获得同组奖励';
    return `${c.label}（${c.yearsBefore}年前已获“${this.corpus?.rules.find((r) => r.id === c.awardedBefore)?.title ?? c.awardedBefore}”）`;
  }

  /** A metric compared with a figure; a count of newly cultivated enterprises says how it is counted. */
  private measured(m: Metric): string {
    if (!('newlyOver' in m)) return this.metric(m);
    return `${this.metric(m)}（本年${this.fact(m.newlyOver)}${bound(m.legal, m.value)}而上年未达到的企业）`;
  }

  award(a: Award): string {
    const most = ceilingOf(a) ? '最高' : '';
    if ('money' in a) return `${most}给予${a.money}`;
    if ('tiers' in a) return `按${this.fact(a.on)}分档（取达到的最高一档）：${a.tiers.map((t) => `${tierRange(t)} ${most}${t.money}`).join('；')}`;
    if ('perUnit' in a) return `按${this.fact(a.perUnit.fact)}每${a.perUnit.per}${most}补${a.perUnit.pay}${a.cap ? `，每个对象最高${a.cap}` : ''}`;
    if ('costShare' in a) {
      const cs = a.costShare;
      const except = cs.except ? `；${this.fact(cs.except).replace(/（[^（）]*）$/, '')}的不计入` : '';
      return `${most}按${cs.facts.map(this.fact).join('、')}的${cs.rate}补助${cs.pick ? '（多项中只补一项）' : ''}${cs.itemCap ? `，单项最高${cs.itemCap}` : ''}${cs.yearCap ? `，每年最高${cs.yearCap}` : ''}${except}`;
    }
    if ('prizes' in a) return `按名次给予：${a.prizes.map((p, k) => `第${chineseNumber(k + 1)}名${p}`).join('，')}`;
    if ('honor' in a) return `授予荣誉“${a.honor}”，不涉及资金`;
    if ('recommendation' in a) return `${a.recommendation}，不涉及资金`;
    return `金额待定，由资金承担方确定（${a.pending}）`;
  }

  /** A ceiling, the rule's pool, the document's yearly budget (over its money awards), once-only. */
  limits(rule: Rule): string | undefined {
    const budget = this.doc?.budget && paysMoney(rule.award) ? this.doc.budget : undefined;
    return joined([
      ceilingOf(rule.award) ? '所列金额为最高额，审核时可低于此数' : undefined,
      rule.pool && `总额不超过${rule.pool.cap}（原文：${rule.pool.text}）`,
      budget && `文件年度资金总额不超过${budget.cap}（原文：${budget.text}）`,
      rule.once ? '一次性，同一对象只给一次' : undefined,
    ]);
  }

  ranking(r: Ranking, recipient: Recipient): string {
    const where = this.doc ? `${this.doc.issuerName}辖区内` : '发文机关辖区内';
    const yearly = r.topParameter ? '（名次数可按年度设定）' : '';
    return `按${this.metric(r.by)}在${where}的${recipient.label}中排名，取前${r.top}名${yearly}；名次并列时并列者同名次（默认解读）`;
  }

  funder(f: FunderSpec): string {
    if (f !== 'document') return FUNDERS[f];
    return this.doc?.funderName ?? '文件的资金承担方';
  }

  /** 就高: the rule's group, and the document's rule over all its awards (金额待定 stays out of it, as in the engine). */
  exclusive(rule: Rule): string | undefined {
    const group = rule.exclusiveGroup === undefined ? undefined : this.corpus?.groups.find((g) => g.id === rule.exclusiveGroup);
    const titles = group?.rules.map((id) => this.corpus?.rules.find((r) => r.id === id)?.title ?? id);
    const declared = group && group.document !== rule.document ? this.declaredBy(group.document, group.article) : '';
    const own = rule.exclusiveGroup === undefined ? undefined : group ? `${declared}${group.text}（同组：${titles!.join('、')}）` : '与同组奖励不重复享受，就高不就低';
    const wide = this.doc?.exclusive && !('pending' in rule.award) ? `全文：${this.doc.exclusive.text}` : undefined;
    return joined([own, wide]);
  }

  /** 示政发〔2030〕9号第十条：, for words another document declares. */
  private declaredBy(document: string, article: string | undefined): string {
    const number = this.corpus?.documents.find((d) => d.id === document)?.number ?? document;
    return `${number}${article ? articleLabel(article) : ''}：`;
  }

  years(years: readonly number[] | undefined): string | undefined {
    if (years?.length) return `仅${years.join('、')}年度`;
    if (this.life) return this.versionYears(this.life);
    if (!this.doc) return undefined;
    return `文件有效期内各年度（${this.doc.validFrom}${this.doc.validTo ? `至${this.doc.validTo}` : '起，长期'}）`;
  }

  /** The days an amendment leaves the rule: from its takeover, to the day before the amending document's. */
  private versionYears(life: Life): string {
    const title = (id: string) => this.corpus?.rules.find((r) => r.id === id)?.title ?? id;
    const amends = life.takesOver ? life.doc.amends : undefined;
    const amended = amends && this.corpus?.documents.find((d) => d.id === amends.document)?.number;
    return joined([
      `本条有效期内各年度（${life.from}至${life.to ?? '长期'}）`,
      amends && `自${amends.from}起${amends.articles ? `修订${amended ?? amends.document}${amends.articles.map(articleLabel).join('、')}` : `取代${amended ?? amends.document}`}${life.predecessor ? `，接续“${title(life.predecessor)}”` : ''}`,
      life.cut && `自${life.cut.from}起由${life.cut.by.number}修订${life.successor ? `，由“${title(life.successor)}”接续` : ''}`,
    ])!;
  }

  readings(rule: Rule): string | undefined {
    // a rule that amendments or dated figures version is decided, in a split year, by I-split-year
    const versioned = this.life !== undefined || rule.dated?.length ? ['I-split-year' as const] : [];
    const used = new Set([...ruleInterpretations(rule, this.doc), ...versioned]);
    const inOrder = [...Object.keys(this.words.readings).filter((id) => used.has(id as never)), ...[...used].filter((id) => !(id in this.words.readings))];
    return joined(inOrder.map((id) => {
      const r = this.words.readings[id];
      return r ? `${r.question}（${id}，默认 ${r.values[0]}）` : id;
    }));
  }
}

/** 2000万元至1亿元 / 1亿元以上 / 达到500万元: a tier's bounds as the text writes them. */
const tierRange = (t: Tier): string => (t.to === undefined ? bound(t.legal ?? '以上', t.from) : `${t.from}至${t.to}`);
