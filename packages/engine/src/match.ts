/**
 * 政策计算器: for one subject, every rule of every level that could apply to it — eligible with
 * its amount, not eligible with the failing condition and how far it is (还差…), undecidable
 * with the facts that are missing, or withheld and why. Built on a run over the whole dataset,
 * so rankings, pools and exclusivity are decided exactly as in the year's evaluation.
 */
import type { Dataset } from './dataset.js';
import { Run } from './evaluate.js';
import { yuanString } from './format.js';
import { regionTableOf } from './regions.js';
import { placedByActivity } from './rule-run.js';
import type { Corpus } from './rule.js';
import type { Step } from './trace.js';

export type MatchStatus = 'eligible' | 'not-eligible' | 'undecidable' | 'withheld' | 'not-in-force';

export interface Match {
  readonly rule: string;
  readonly document: string;
  readonly number: string; // 文号
  readonly article: string;
  readonly title: string;
  readonly status: MatchStatus;
  readonly type: 'money' | 'honor' | 'recommendation' | 'pending' | null;
  readonly amount: string | null; // yuan, two places
  readonly ceiling: boolean;
  /** the conditions that failed, each with its gap where the text gives a bound (还差…) */
  readonly failing: readonly string[];
  /** facts that would decide it (undecidable) */
  readonly missing: readonly string[];
  /** how the decision came about, from the document's validity on (an explanation's steps) */
  readonly steps: readonly Step[];
}

const failingOf = (steps: readonly Step[]): string[] => steps.filter((s) => s.holds === false && s.kind !== 'validity').map((s) => s.text);

/**
 * 政策计算器 for a profile (a subject and whatever else the caller posts): a run of only the
 * rules that could apply to that subject — of its kind, issued for a jurisdiction it lies in —
 * then matchSubject. The answer is the same as a run of every rule would give: a subject's
 * decisions depend on other rules only through its own decisions (exclusive groups, 就高不就低,
 * honours following a won group) and on other subjects only within the same rule (rankings,
 * pools), and every rule it could have a decision under is run. A property test holds this.
 */
export function matchProfile(corpus: Corpus, dataset: Dataset, subjectId: string): Match[] {
  const subject = dataset.subjects.find((s) => s.id === subjectId);
  if (!subject) throw new Error(`unknown subject ${subjectId}`);
  const regions = regionTableOf(corpus);
  const place = regions.placeOf(subject);
  const issuers = new Map(corpus.documents.map((d) => [d.id, d.issuer]));
  const rules = corpus.rules
    .filter((r) => r.recipient.kinds.includes(subject.kind) && (r.recipient.byActivity || (place !== undefined && regions.isWithin(place, issuers.get(r.document)!))))
    .map((r) => r.id);
  return matchSubject(new Run(corpus, dataset, { rules }), subjectId);
}

/**
 * Every rule whose recipients include the subject's kind, in the corpus's order. Rules of another
 * kind of recipient are left out: an enterprise is not asked about city rankings.
 */
export function matchSubject(run: Run, subjectId: string): Match[] {
  const i = run.ctx.population.index(subjectId);
  if (i === undefined) throw new Error(`unknown subject ${subjectId}`);
  const kind = run.ctx.population.subjects.kind(i);
  const out: Match[] = [];
  for (const rule of run.corpus.rules) {
    if (!rule.recipient.kinds.includes(kind)) continue;
    const doc = run.ctx.documents.get(rule.document)!;
    // another jurisdiction's rule, unless the activity in the city places the subject (I-recipient-place)
    if (!run.ctx.population.isIn(i, doc.issuer) && !placedByActivity(rule, run.ctx.readingsFor(doc.id))) continue;
    const { outcome, steps, missing, decision } = run.traceAt(i, rule.id);
    const status: MatchStatus =
      outcome === 'award' ? 'eligible'
      : outcome === 'withheld' ? 'withheld'
      : outcome === 'missing' ? 'undecidable'
      : outcome === 'not-in-force' ? 'not-in-force'
      : 'not-eligible';
    const amount = decision?.status === 'award' && decision.type === 'money' ? (decision.granted ?? decision.fen) : null;
    out.push({
      rule: rule.id, document: doc.id, number: doc.number, article: rule.article, title: rule.title, status,
      type: decision?.status === 'award' ? decision.type : null,
      amount: amount === null ? null : yuanString(amount),
      ceiling: decision?.ceiling ?? false,
      failing: status === 'not-eligible' || status === 'withheld' ? failingOf(steps) : [],
      missing,
      steps,
    });
  }
  return out;
}
