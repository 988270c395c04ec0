/**
 * Law over time: a document amends (articles of) another from a date, and a figure may change
 * from a date (`Rule.dated`). The engine decides a performance year at once, so a year split
 * between two versions is decided by one of them, by the reading I-split-year:
 *
 * - `year-end`: the version in force on 31 December decides the whole year;
 * - `year-start`: the version in force on 1 January decides it;
 * - `pro-rata-days`: one award, under the last version of the year, of
 *   ⌊Σ (each version's own amount for the subject × its days in force) ÷ days of the year⌋.
 *
 * Which rule of a new version continues which rule of the old one: `Rule.continues` when given,
 * else the amended document's rule of the same article and the same id suffix (`old/5.retail` →
 * `new/5.retail`). Both must agree because the suffix names the award and the article places it;
 * a renumbered article has to say `continues`, since pairing awards across a renumbering by guess
 * could gather different awards into one. Soundness does not hang on the pairing: under
 * `year-end` and `year-start` each version pays only for a year whose deciding day it holds, and
 * a continued rule stops the day before its successor starts, so two versions never both pay for
 * one year; the pairing only gathers `pro-rata-days` shares into one award and names the old
 * version in the explanation.
 *
 * Only boundaries that are versions of the law (an amendment's date, a dated figure) are split
 * years; a document that simply starts or ends mid-year keeps I-year-in-force, as before.
 */
import { withFigure } from './draft.js';
import { formatYuan } from './format.js';
import type { Readings } from './interpretations.js';
import type { Corpus, DatedFigures, PolicyDocument, Rule } from './rule.js';
import type { Vocabulary } from './vocabulary.js';
import type { Decision, RuleRun } from './rule-run.js';
import { articleLabel, type Step } from './trace.js';

const DAY_MS = 86_400_000;
const dayNumber = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
const dateOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
const dayBefore = (d: string): string => dateOf(dayNumber(d) - 1);
const daysFrom = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;
export const daysInYear = (year: number): number => daysFrom(`${year}-01-01`, `${year}-12-31`);
const max = (a: string, b: string): string => (a > b ? a : b);
const min = (a: string, b: string | undefined): string => (b !== undefined && b < a ? b : a);

/** A rule's days in force, and how each end came about. */
export interface Life {
  readonly rule: Rule;
  readonly doc: PolicyDocument;
  readonly from: string;
  readonly to?: string;
  /** the start is where this version takes over from an amended one */
  readonly takesOver: boolean;
  /** the end was set by a later version: from which day, by which document */
  readonly cut?: { readonly from: string; readonly by: PolicyDocument };
  readonly predecessor?: string;
  readonly successor?: string;
}

/** A version of a rule over part of a performance year: its figures on those days. */
export interface Share {
  readonly rule: Rule;
  readonly doc: PolicyDocument;
  readonly from: string;
  readonly to: string;
  readonly days: number;
}

/** How a versioned rule stands in a year: not in force (why), or in force with the rule as it decides. */
export type YearPlan =
  | { readonly inForce: false; readonly step: Step }
  | { readonly inForce: true; readonly step: Step; readonly rule: Rule; readonly shares?: readonly Share[] };

/** Where a year is split for one rule: its first and last days in force in it, and what splits it. */
interface SplitAt {
  readonly head: string;
  readonly first: string;
  readonly last: string;
  readonly splitStart: boolean;
  readonly splitEnd: boolean;
  readonly dated: readonly DatedFigures[];
}

/** What splits the year, in words: this version's start, its amendment, its figures' dates. */
function splitText(life: Life, year: number, at: SplitAt): string {
  return [
    ...(at.splitStart ? [`${year}年自${life.from}起施行本版本${life.predecessor ? `（接续 ${life.predecessor}）` : ''}`] : []),
    ...(at.splitEnd ? [`${year}年自${life.cut!.from}起由${life.cut!.by.number}修订${life.successor ? `（由 ${life.successor} 接续）` : ''}`] : []),
    ...at.dated.map((d) => `${year}年自${d.from}起${setText(d.set)}`),
  ].join('，');
}

const covers = (amends: NonNullable<PolicyDocument['amends']>, article: string): boolean => !amends.articles || amends.articles.includes(article);
const suffixOf = (id: string): string => id.slice(id.indexOf('/') + 1);
const paysMoney = (r: Rule): boolean => !('honor' in r.award || 'recommendation' in r.award || 'pending' in r.award);

export class Versions {
  private readonly lives = new Map<string, Life>();

  /** the corpus's words, to check a dated figure in its fact's unit (absent: any unit's figure will do) */
  private readonly vocabulary: Vocabulary | undefined;

  constructor(corpus: Pick<Corpus, 'documents' | 'rules'> & Partial<Pick<Corpus, 'vocabulary'>>) {
    this.vocabulary = corpus.vocabulary;
    const docs = new Map(corpus.documents.map((d) => [d.id, d]));
    const rules = new Map(corpus.rules.map((r) => [r.id, r]));
    const starts = new Map<string, { from: string; takesOver: boolean; predecessor?: string }>();
    for (const r of corpus.rules) {
      const doc = docs.get(r.document)!;
      const a = doc.amends;
      const amended = a !== undefined && covers(a, r.article);
      const same = amended ? rules.get(`${a.document}/${suffixOf(r.id)}`) : undefined;
      const predecessor = r.continues ?? (same?.article === r.article ? same.id : undefined);
      const takesOver = amended || predecessor !== undefined;
      starts.set(r.id, { from: takesOver && a && a.from > doc.validFrom ? a.from : doc.validFrom, takesOver, ...(predecessor ? { predecessor } : {}) });
    }
    refuseCycles(starts);
    const successors = new Map([...starts].flatMap(([id, s]) => (s.predecessor ? [[s.predecessor, id] as const] : [])));
    for (const r of corpus.rules) {
      const doc = docs.get(r.document)!;
      const successor = successors.get(r.id);
      // the earliest of: an amendment of this article, the start of the rule that continues it
      const cuts = corpus.documents
        .filter((d) => d.amends?.document === doc.id && covers(d.amends, r.article))
        .map((d) => ({ from: d.amends!.from, by: d }));
      if (successor) cuts.push({ from: starts.get(successor)!.from, by: docs.get(rules.get(successor)!.document)! });
      const cut = cuts.sort((x, y) => (x.from < y.from ? -1 : 1))[0];
      const end = cut ? dayBefore(cut.from) : undefined;
      const isCut = end !== undefined && (doc.validTo === undefined || end < doc.validTo);
      const { from, takesOver, predecessor } = starts.get(r.id)!;
      this.lives.set(r.id, {
        rule: r, doc, from, takesOver,
        ...(isCut ? { to: end, cut } : doc.validTo ? { to: doc.validTo } : {}),
        ...(predecessor ? { predecessor } : {}), ...(successor ? { successor } : {}),
      });
    }
  }

  /**
   * Every version of the same award (the rule, the rules it continues and those continuing it):
   * what one version granted counts for the others, in the year (re-runs) and for 一次性.
   */
  readonly sameAward = (id: string): readonly string[] => {
    const out = [id];
    for (let p = this.lives.get(id)?.predecessor; p !== undefined; p = this.lives.get(p)?.predecessor) out.unshift(p);
    for (let n = this.lives.get(id)?.successor; n !== undefined; n = this.lives.get(n)?.successor) out.push(n);
    return out;
  };

  /**
   * The rule's days in force as the versions make them, and who it takes over from or is cut by
   * (for describing the rule); undefined for a rule no amendment touches.
   */
  span(id: string): Life | undefined {
    const life = this.lives.get(id);
    return life && (life.takesOver || life.cut) ? life : undefined;
  }

  /** How the rule stands in `year`; undefined when no version touches it (plain validity decides, as before). */
  plan(rule: Rule, year: number, readings: Readings): YearPlan | undefined {
    const life = this.lives.get(rule.id);
    if (!life || (!life.takesOver && !life.cut && !rule.dated?.length)) return undefined;
    const ys = `${year}-01-01`, ye = `${year}-12-31`;
    const head = `${life.doc.number} ${articleLabel(rule.article)} 有效期 ${life.from} 至 ${life.to ?? '长期'}${life.cut ? `（自${life.cut.from}起由${life.cut.by.number}修订）` : ''}`;
    const out = (text: string): YearPlan => ({ inForce: false, step: { kind: 'validity', holds: false, text } });
    if (!overlaps(life, year)) return out(`${head}，${year}年不在有效期内`);
    if (rule.years && !rule.years.includes(year)) return out(`本条仅适用于${rule.years.join('、')}年度`);
    const startsInside = life.from > ys;
    const endsInside = life.to !== undefined && life.to < ye;
    const plainPartial = (startsInside && !life.takesOver) || (endsInside && !life.cut);
    if (plainPartial && readings['I-year-in-force'] === 'full') return out(`${head}，${year}年仅部分时间在有效期内（I-year-in-force=full）`);
    const splitStart = startsInside && life.takesOver;
    const splitEnd = endsInside && life.cut !== undefined;
    const first = max(ys, life.from), last = min(ye, life.to);
    const datedInside = (rule.dated ?? []).filter((d) => d.from > first && d.from <= last);
    if (!splitStart && !splitEnd && !datedInside.length) {
      const partly = plainPartial ? '部分时间在有效期内（I-year-in-force=overlap，按全年考核，特此提示）' : '在有效期内';
      return { inForce: true, rule: figuresOn(rule, last, this.vocabulary), step: { kind: 'validity', holds: true, text: `${head}，${year}年${partly}${datedText(rule, last)}` } };
    }
    return this.splitPlan(life, year, readings, { head, first, last, splitStart, splitEnd, dated: datedInside });
  }

  /**
   * A year split between versions (an amendment's date, a dated figure inside it): the version
   * holding the deciding day decides, or (pro-rata-days) the year's last version carries the shares.
   */
  private splitPlan(life: Life, year: number, readings: Readings, at: SplitAt): YearPlan {
    const rule = life.rule;
    const split: Rule = { ...rule, interpretations: [...(rule.interpretations ?? []), 'I-split-year'] };
    const reading = readings['I-split-year'];
    const how = reading === 'pro-rata-days' && !paysMoney(rule) ? 'year-end' : reading;
    const tag = `I-split-year=${how}${how !== reading ? '，非金额奖励按年末版本' : ''}`;
    const said = splitText(life, year, at);
    const step = (holds: boolean, text: string): Step => ({ kind: 'validity', holds, text: `${at.head}；${said}；${text}（${tag}）` });
    const inYear = (id: string | undefined) => (id !== undefined && this.lives.has(id) && overlaps(this.lives.get(id)!, year) ? id : undefined);
    const next = inYear(life.successor), before = inYear(life.predecessor);
    if (how === 'year-end') {
      if (at.splitEnd) return { inForce: false, step: step(false, `按12月31日有效的版本决定全年：${next ? `由 ${next} 决定` : '12月31日无本项的有效版本'}，本版本不适用`) };
      return { inForce: true, rule: figuresOn(split, at.last, this.vocabulary), step: step(true, `按12月31日有效的版本决定全年：本版本${datedText(rule, at.last)}`) };
    }
    if (how === 'year-start') {
      if (at.splitStart) return { inForce: false, step: step(false, `按1月1日有效的版本决定全年：${before ? `由 ${before} 决定` : '1月1日无本项的有效版本'}，本版本不适用`) };
      return { inForce: true, rule: figuresOn(split, at.first, this.vocabulary), step: step(true, `按1月1日有效的版本决定全年：本版本${datedText(rule, at.first)}`) };
    }
    if (at.splitEnd && next) return { inForce: false, step: step(false, `按各版本有效天数折算，本版本${daysFrom(at.first, at.last)}天的份额计入 ${next} 的奖励`) };
    return { inForce: true, rule: figuresOn(split, at.last, this.vocabulary), step: step(true, '按各版本有效天数折算，合为一项奖励'), shares: this.sharesOf(life, year) };
  }

  /** The versions of the rule's chain in the year, oldest first, each cut at its dated figures. */
  private sharesOf(life: Life, year: number): Share[] {
    const out = segments(life, year, this.vocabulary);
    for (let p = life.predecessor ? this.lives.get(life.predecessor) : undefined; p && overlaps(p, year); p = p.predecessor ? this.lives.get(p.predecessor) : undefined) {
      out.unshift(...segments(p, year, this.vocabulary));
    }
    return out;
  }
}

/** A chain of versions that comes back to itself has no first version: refused, naming the rules. */
function refuseCycles(starts: ReadonlyMap<string, { readonly predecessor?: string }>): void {
  for (const id of starts.keys()) {
    const seen = [id];
    for (let p = starts.get(id)?.predecessor; p !== undefined; p = starts.get(p)?.predecessor) {
      if (seen.includes(p)) throw new Error(`continues forms a cycle: ${[...seen, p].join(' → ')}`);
      seen.push(p);
    }
  }
}

const overlaps = (life: Life, year: number): boolean => life.from <= `${year}-12-31` && (life.to === undefined || life.to >= `${year}-01-01`);

/**
 * A version's days in the year, one share per set of figures. An end that is not a version
 * boundary (the document's own start or expiry) reaches the year's edge, as I-year-in-force =
 * overlap counts the whole year; days no version holds (a gap between versions) pay nothing.
 */
function segments(life: Life, year: number, vocabulary: Vocabulary | undefined): Share[] {
  const from = life.takesOver ? max(`${year}-01-01`, life.from) : `${year}-01-01`;
  const to = life.cut ? min(`${year}-12-31`, life.to) : `${year}-12-31`;
  const cuts = (life.rule.dated ?? []).map((d) => d.from).filter((d) => d > from && d <= to).sort();
  const starts = [from, ...cuts];
  const split: Rule = { ...life.rule, interpretations: [...(life.rule.interpretations ?? []), 'I-split-year'] };
  return starts.map((s, k) => {
    const e = k + 1 < starts.length ? dayBefore(starts[k + 1]!) : to;
    return { rule: figuresOn(split, s, vocabulary), doc: life.doc, from: s, to: e, days: daysFrom(s, e) };
  });
}

/** The rule with the dated figures in force on `day` (each dated set in date order). */
function figuresOn(rule: Rule, day: string, vocabulary: Vocabulary | undefined): Rule {
  const dated = (rule.dated ?? []).filter((d) => d.from <= day).sort((a, b) => (a.from < b.from ? -1 : 1));
  let r = rule;
  for (const d of dated) {
    for (const [key, value] of Object.entries(d.set)) {
      try {
        r = withFigure(r, key, value, vocabulary);
      } catch (e) {
        throw new Error(`${rule.id} dated ${d.from} ${key}: ${(e as Error).message}`);
      }
    }
  }
  return r;
}

const setText = (set: Readonly<Record<string, string>>): string => Object.entries(set).map(([k, v]) => `${k} 为 ${v}`).join('、');

/** The dated figures a day's version carries, for the validity step ('' when none apply). */
function datedText(rule: Rule, day: string): string {
  const applied = (rule.dated ?? []).filter((d) => d.from <= day);
  return applied.length ? `（数额：${applied.map((d) => `自${d.from}起${setText(d.set)}`).join('；')}）` : '';
}

/** One version's part of a pro-rata award for a subject: its amount (null: not eligible under it). */
export interface ShareDecided {
  readonly share: Share;
  readonly fen: number | null;
}

/** ⌊Σ amount × days ÷ days of the year⌋, exact beyond 2^53 (the sum is floored once: see shareSteps). */
export function proRata(parts: readonly ShareDecided[], year: number): number {
  const sum = parts.reduce((s, p) => s + BigInt(p.fen ?? 0) * BigInt(p.share.days), 0n);
  return Number(sum / BigInt(daysInYear(year)));
}

/**
 * The explanation of a pro-rata award: one step per version (its document, article, days and
 * amount), then the sum. The sum is floored once, not each share: a figure the amendment left
 * unchanged then pays exactly that figure (20万元 × 182/366 + 20万元 × 184/366 = 20万元, where
 * flooring each share would pay 0.01元 less); floored once it never pays more than the exact sum.
 */
export function shareSteps(parts: readonly ShareDecided[], year: number, failing: (k: number) => string | undefined): Step[] {
  const d = daysInYear(year);
  const steps: Step[] = parts.map((p, k) => {
    const at = `${p.share.doc.number} ${articleLabel(p.share.rule.article)}（${p.share.rule.id}）${p.share.from} 至 ${p.share.to}，${p.share.days}天`;
    if (p.fen === null) {
      const why = failing(k);
      return { kind: 'compute', holds: false, text: `${at}：不符合本版本条件${why ? `（${why}）` : ''}，计 0`, data: { rule: p.share.rule.id, days: p.share.days, amount: null } };
    }
    return { kind: 'compute', holds: true, text: `${at}：本版本金额 ${formatYuan(p.fen)} × ${p.share.days}/${d}`, data: { rule: p.share.rule.id, days: p.share.days, amount: p.fen } };
  });
  const total = proRata(parts, year);
  const terms = parts.map((p) => `${formatYuan(p.fen ?? 0)}×${p.share.days}`).join(' + ');
  steps.push({ kind: 'compute', text: `按日折算（I-split-year=pro-rata-days）：(${terms}) ÷ ${d} = ${formatYuan(total)}（合计后不足一分舍去）`, data: { amount: total } });
  return steps;
}

/**
 * One decision per subject from every version's own decisions (I-split-year = pro-rata-days): an
 * award under the carrier (the year's last version) of the days-weighted amount; a version under
 * which the subject is not eligible counts 0; missing data under any version leaves it undecided.
 */
export function combineShares(carrier: RuleRun, parts: readonly { readonly share: Share; readonly run: RuleRun }[], year: number): Decision[] {
  const decided = parts.map((p) => {
    const bySubject = new Map<number, Decision>();
    for (const d of p.run.decideAll()) if (!bySubject.has(d.i)) bySubject.set(d.i, d);
    return bySubject;
  });
  const subjects = [...new Set(decided.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const out: Decision[] = [];
  for (const i of subjects) {
    const ds = decided.map((m) => m.get(i));
    const shares = parts.map((p, k) => ({ share: p.share, fen: ds[k]?.status === 'award' ? ds[k]!.fen : null }));
    const base = { i, rule: carrier.rule, type: 'money' as const, ceiling: ds.some((d) => d?.ceiling === true), rank: ds.at(-1)?.rank ?? null, readings: carrier.readings, after: [], shares };
    const missing = ds.flatMap((d) => (d?.status === 'missing' ? d.missing : []));
    if (ds.some((d) => d?.status === 'missing')) out.push({ ...base, status: 'missing', fen: null, missing });
    else {
      const fen = proRata(shares, year);
      if (fen > 0) out.push({ ...base, status: 'award', fen, missing: [] });
    }
  }
  return out;
}

/**
 * What would make a corpus's versions wrong, one line each naming the document or rule (for
 * `duixian check`): an amended document or continued rule that does not exist, a rule continuing
 * one of its own document, a chain of versions in a circle, a dated figure the rule has no place
 * for or that does not parse. A run would otherwise meet the last only in the year it applies.
 */
export function versionProblems(corpus: Corpus): string[] {
  const docs = new Set(corpus.documents.map((d) => d.id));
  const rules = new Map(corpus.rules.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const d of corpus.documents) {
    if (d.amends && !docs.has(d.amends.document)) out.push(`${d.id}: amends.document "${d.amends.document}" is not a document of the corpus`);
  }
  for (const r of corpus.rules) {
    const c = r.continues;
    if (c !== undefined && !rules.has(c)) out.push(`${r.id}: continues "${c}", which is not a rule of the corpus`);
    else if (c !== undefined && rules.get(c)!.document === r.document) out.push(`${r.id}: continues "${c}" of its own document; a rule continues one of the document it amends`);
    for (const d of r.dated ?? []) {
      for (const [key, value] of Object.entries(d.set)) {
        try {
          withFigure(r, key, value, corpus.vocabulary);
        } catch (e) {
          out.push(`${r.id}: dated ${d.from} ${key}: ${(e as Error).message}`);
        }
      }
    }
  }
  if (!out.length) {
    try {
      new Versions(corpus);
    } catch (e) {
      out.push((e as Error).message);
    }
  }
  return out;
}
