/**
 * Invariants of the engine over random populations (fast-check), run with the real corpus.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnar, evaluate, matchProfile, matchSubject, parseQuantity, rowsOf, Run, type Dataset, type Evaluation } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { datasetArb, shuffled } from './arbitrary.js';

const RUNS = { numRuns: 60 };
const fen = (s: string): number => {
  const p = parseQuantity(s, 'yuan');
  if (!p.ok) throw new Error(s);
  return p.value;
};
const READINGS: Record<string, string>[] = [{}, { 'I-vacancy': 'move-up', 'I-pool': 'largest-first', 'I-rank-ties': 'break', 'I-rank-scope': 'eligible' }];

describe('engine invariants', () => {
  it('the random populations exercise awards, withholding, pools and missing data across the documents', () => {
    const seen = new Set<string>();
    for (const ds of fc.sample(datasetArb, { numRuns: 150, seed: 7 })) {
      const out = evaluate(CORPUS, ds, {});
      out.awards.forEach((a) => seen.add(a.rule));
      out.withheld.forEach((w) => seen.add(`withheld:${w.reason}`));
    }
    for (const rule of ['sd-2022-42/1.growth', 'sd-2022-42/1.share', 'sd-2022-42/2.traffic', 'jining-2022-54/1.retail', 'jining-2022-54/2.retail-2023',
      'jining-2022-54/2.national-title', 'dongying-2020-9/3.3.leader', 'dongying-2020-9/3.5.promotion', 'jiyang-2021-80/5.wholesale', 'jiyang-2021-80/5.retail',
      'jiyang-2021-80/5.title', 'withheld:exclusive', 'withheld:document-exclusive', 'withheld:blacklist']) {
      expect([rule, seen.has(rule)]).toEqual([rule, true]);
    }
  });

  it('the tracing path (explain) reaches the same decision as the fast path, for every subject and rule', () => {
    fc.assert(fc.property(datasetArb, fc.constantFrom(...READINGS), (ds, interpretations) => {
      const run = new Run(CORPUS, ds, { interpretations });
      let compared = 0;
      for (const [id, rr] of run.runs) {
        const decided = new Map((run.decisions.get(id) ?? []).map((d) => [d.i, d]));
        for (let i = 0; i < run.ctx.population.size; i++) {
          if (rr.excludes(i)) continue; // a vacated prize is explained by the exclusivity step
          const t = rr.trace(i);
          const d = decided.get(i);
          if (d?.status === 'award') {
            expect([id, i, t.status, t.fen]).toEqual([id, i, 'award', d.fen]);
          } else if (d?.status === 'missing') {
            expect([id, i, t.status]).toEqual([id, i, 'missing']);
          } else if (rr.claims(i)) {
            expect([id, i, ['not-eligible', 'not-recipient'].includes(t.status)]).toEqual([id, i, true]);
          }
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
    }), RUNS);
  });

  it('政策计算器 on a profile runs only the rules that could apply, and answers as a run of every rule does', () => {
    fc.assert(fc.property(datasetArb, fc.constantFrom(...READINGS), (generated, interpretations) => {
      const ds = { ...generated, interpretations };
      const full = new Run(CORPUS, ds);
      for (const s of ds.subjects) expect([s.id, matchProfile(CORPUS, ds, s.id)]).toEqual([s.id, matchSubject(full, s.id)]);
    }), { numRuns: 30 });
  });

  it('the year held as columns decides as its rows do (byte-identical JSON), and gives back the rows it was made of', () => {
    fc.assert(fc.property(datasetArb, fc.integer(), fc.constantFrom(...READINGS), (generated, seed, interpretations) => {
      const ds = shuffled(generated, seed); // subjects and facts in any order, facts without positions
      const held = columnar(ds);
      expect(JSON.stringify(evaluate(CORPUS, held, { interpretations, explain: true }))).toBe(JSON.stringify(evaluate(CORPUS, ds, { interpretations, explain: true })));
      const back = rowsOf(held);
      expect(back.subjects).toEqual(ds.subjects);
      expect(back.facts.map(({ subjectIndex: _, ...f }) => f)).toEqual(ds.facts.map(({ subjectIndex: _, ...f }) => f));
      back.facts.forEach((f) => expect(back.subjects[f.subjectIndex!]!.id).toBe(f.subject));
      const run = new Run(CORPUS, held);
      for (const s of ds.subjects) expect(held.subjects.at(held.subjects.indexOf(s.id)!)).toEqual(s);
      expect(held.subjects.indexOf('nobody')).toBeUndefined();
      // the credit blacklist as the year is read: a copy with the tag added where it lacks, the ids found as before
      const listed = held.subjects.withTag([0, ds.subjects.length - 1], 'creditBlacklisted');
      ds.subjects.forEach((s, i) => {
        expect(listed.indexOf(s.id)).toBe(i);
        const tags = i === 0 || i === ds.subjects.length - 1 ? [...new Set([...s.tags, 'creditBlacklisted'])] : s.tags;
        expect([...listed.tags(i)].sort()).toEqual([...tags].sort());
        expect(held.subjects.tags(i)).toEqual(s.tags);
      });
      const some = ds.subjects.filter((_, k) => k % 3 === 0).map((s) => s.id);
      for (const id of some) expect(matchSubject(run, id)).toEqual(matchSubject(new Run(CORPUS, ds), id));
    }), { numRuns: 30 });
  });

  it('shuffling subjects and facts changes nothing (byte-identical JSON)', () => {
    fc.assert(fc.property(datasetArb, fc.integer(), fc.constantFrom(...READINGS), (ds, seed, interpretations) => {
      const a = JSON.stringify(evaluate(CORPUS, ds, { interpretations, explain: true }));
      const b = JSON.stringify(evaluate(CORPUS, shuffled(ds, seed), { interpretations, explain: true }));
      expect(b).toBe(a);
    }), { numRuns: 30 });
  });

  it('pool grants never exceed the pool, and no amount is negative', () => {
    fc.assert(fc.property(datasetArb, fc.constantFrom(...READINGS), (ds, interpretations) => {
      const out = evaluate(CORPUS, ds, { interpretations });
      for (const p of out.pools) {
        expect(fen(p.granted)).toBeLessThanOrEqual(fen(p.cap));
        const paid = out.awards.filter((a) => a.rule === p.rule).reduce((s, a) => s + fen(a.amount!), 0);
        expect(paid).toBe(fen(p.granted));
      }
      for (const a of out.awards) if (a.amount !== null) expect(fen(a.amount)).toBeGreaterThanOrEqual(0);
      for (const v of Object.values(out.totals.byFunder)) expect(fen(v)).toBeGreaterThanOrEqual(0);
    }), RUNS);
  });

  it('raising a subject\'s figure never loses it a threshold or tier award, nor lowers a tier', () => {
    const unranked = new Set(CORPUS.rules.filter((r) => !r.conditions.some((c) => 'rank' in c)).map((r) => r.id));
    fc.assert(fc.property(datasetArb, fc.nat(), fc.constantFrom('physicalGoodsOnlineRetail', 'onlineRetail', 'onlineSales'), fc.integer({ min: 1, max: 5_0000_0000_00 }), (ds, pick, key, raise) => {
      const enterprises = ds.subjects.filter((s) => s.kind === 'enterprise');
      const target = enterprises[pick % enterprises.length]!.id;
      const before = qualifying(ds, target, unranked);
      const raised: Dataset = {
        ...ds,
        facts: ds.facts.some((f) => f.subject === target && f.key === key)
          ? ds.facts.map((f) => (f.subject === target && f.key === key ? { ...f, value: f.value + raise } : f))
          : ds.facts,
      };
      const after = qualifying(raised, target, unranked);
      for (const [rule, amount] of before) {
        expect([rule, after.has(rule)]).toEqual([rule, true]);
        if (amount !== null && CORPUS.rules.find((r) => r.id === rule && 'tiers' in r.award)) expect(after.get(rule)!).toBeGreaterThanOrEqual(amount);
      }
    }), RUNS);
  });
});

/** The rules a subject qualifies for (awarded or withheld), with the amount decided before pools. */
function qualifying(ds: Dataset, subject: string, rules: ReadonlySet<string>): Map<string, number | null> {
  const run = new Run(CORPUS, ds);
  const i = run.ctx.population.index(subject)!;
  return new Map(run.all().filter((d) => d.i === i && d.status === 'award' && rules.has(d.rule.id)).map((d) => [d.rule.id, d.fen]));
}

export type { Evaluation };
