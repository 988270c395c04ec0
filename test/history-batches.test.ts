/**
 * Decisions that never pay twice (issue 14, point 1): the awards of one population decided in
 * sequential batches, each batch run with the awards of the earlier ones as its history, never pay a
 * subject or a pool more than one run over the whole population grants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, Run, parseQuantity, type Dataset, type Evaluation, type HistoryEntry } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { datasetArb } from './arbitrary.js';

const fen = (s: string): number => {
  const p = parseQuantity(s, 'yuan');
  if (!p.ok) throw new Error(s);
  return p.value;
};
const READINGS: Record<string, string>[] = [
  {},
  { 'I-group-history': 'none' },
  { 'I-vacancy': 'move-up', 'I-pool': 'largest-first', 'I-rank-ties': 'break', 'I-pool-period': 'validity' },
];
const TRAFFIC = 'sd-2022-42/2.traffic';
const POOL_CAP = 500_0000_00;

/** What a run granted, as the history of the next batch: money at the amount paid (a top-up's difference). */
const granted = (out: Evaluation): HistoryEntry[] =>
  out.awards.map((a) => ({ subject: a.subject, rule: a.rule, year: out.year, amount: a.type === 'money' && a.amount !== null ? fen(a.amount) : null }));

const paidBySubject = (outs: readonly Evaluation[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const out of outs) for (const a of out.awards) if (a.type === 'money') m.set(a.subject, (m.get(a.subject) ?? 0) + fen(a.amount!));
  return m;
};

/** Run the batches in order, each with the history of those before it. */
function inBatches(ds: Dataset, batches: readonly Dataset[], options: (k: number) => Parameters<typeof evaluate>[2]): Evaluation[] {
  const outs: Evaluation[] = [];
  let history: HistoryEntry[] = [...ds.history];
  batches.forEach((b, k) => {
    const out = evaluate(CORPUS, { ...b, history }, options(k));
    outs.push(out);
    history = [...history, ...granted(out)];
  });
  return outs;
}

describe('awards decided in batches never pay more than one run over the union', () => {
  it('the batches exercise what history decides: awards withheld for one already granted, top-ups, pools shared', () => {
    const ruleIds = CORPUS.rules.map((r) => r.id);
    const seen = new Set<string>();
    const sample = fc.sample(fc.tuple(datasetArb, fc.array(fc.nat(2), { minLength: ruleIds.length, maxLength: ruleIds.length })), { numRuns: 100, seed: 7 });
    for (const [ds, batchOf] of sample) {
      const outs = inBatches(ds, [ds, ds, ds], (k) => ({ rules: ruleIds.filter((_, n) => batchOf[n] === k), explain: true }));
      for (const out of outs) {
        out.withheld.forEach((w) => seen.add(`withheld:${w.reason}`));
        out.awards.forEach((a) => a.explanation?.steps.some((s) => s.text.includes('就高补差')) && seen.add('top-up'));
      }
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['top-up', 'withheld:exclusive-history']));
  });

  it('applications of different rules arriving in batches: per subject and per pool, no more than one run grants', () => {
    const ruleIds = CORPUS.rules.map((r) => r.id);
    fc.assert(fc.property(datasetArb, fc.constantFrom(...READINGS), fc.array(fc.nat(2), { minLength: ruleIds.length, maxLength: ruleIds.length }), (ds, interpretations, batchOf) => {
      const single = evaluate(CORPUS, ds, { interpretations });
      const rulesOf = (k: number) => ruleIds.filter((_, n) => batchOf[n] === k);
      const outs = inBatches(ds, [ds, ds, ds], (k) => ({ interpretations, rules: rulesOf(k) }));
      const once = paidBySubject([single]);
      for (const [subject, paid] of paidBySubject(outs)) expect([subject, paid]).toEqual([subject, Math.min(paid, once.get(subject) ?? 0)]);
      for (const p of single.pools) {
        const paid = outs.flatMap((o) => o.awards).filter((a) => a.rule === p.rule).reduce((s, a) => s + fen(a.amount!), 0);
        expect(paid).toBeLessThanOrEqual(fen(p.granted));
      }
    }), { numRuns: 60 });
  });

  it('the same rule\'s claimants arriving in batches: the pool is never overspent, and no subject gets more than it asked', () => {
    fc.assert(fc.property(datasetArb, fc.constantFrom(...READINGS), fc.array(fc.nat(2), { minLength: 40, maxLength: 40 }), (ds, interpretations, batchOf) => {
      const run = new Run(CORPUS, ds, { interpretations, rules: [TRAFFIC] });
      const decided = (run.decisions.get(TRAFFIC) ?? []).filter((d) => d.status === 'award' && d.withheld?.reason !== 'blacklist');
      const asked = new Map(decided.map((d) => [run.ctx.population.subjects.id(d.i), d.fen!]));
      const enterprise = (id: string) => Number(id.slice(1));
      const batch = (k: number): Dataset => ({ ...ds, facts: ds.facts.filter((f) => !f.subject.startsWith('E') || batchOf[enterprise(f.subject)] === k).map(({ subjectIndex: _, ...f }) => f) });
      const outs = inBatches(ds, [batch(0), batch(1), batch(2)], () => ({ interpretations, rules: [TRAFFIC] }));
      const paid = paidBySubject(outs);
      for (const [subject, p] of paid) expect([subject, p]).toEqual([subject, Math.min(p, asked.get(subject) ?? 0)]);
      expect([...paid.values()].reduce((s, p) => s + p, 0)).toBeLessThanOrEqual(POOL_CAP);
      // and the pool is used: what one run leaves unspent, the batches leave too (the cap, or all that was asked)
      const all = [...asked.values()].reduce((s, a) => s + a, 0);
      if (all <= POOL_CAP) expect([...paid.values()].reduce((s, p) => s + p, 0)).toBe(all);
    }), { numRuns: 60 });
  });
});
