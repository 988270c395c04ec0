/**
 * Two runs side by side (an official run and a simulation, or last quarter's and this
 * quarter's data): who gains, who loses, by how much, and the totals by funder and by city.
 * Amounts are money awards as granted; honours and pending awards count as changes of kind.
 */
import type { AwardRow, Evaluation } from './evaluate.js';
import { fenOf, yuanString } from './format.js';
import { BUILT_IN_REGIONS, type RegionTable } from './regions.js';

export interface SubjectChange {
  readonly subject: string;
  readonly before: string; // yuan, money awards summed
  readonly after: string;
  readonly delta: string;
  /** rules the subject gained or lost an award under */
  readonly gained: readonly string[];
  readonly lost: readonly string[];
}

export interface Totals { readonly before: string; readonly after: string; readonly delta: string }

export interface Comparison {
  readonly gainers: readonly SubjectChange[]; // by delta, largest first
  readonly losers: readonly SubjectChange[]; // by delta, largest loss first
  readonly byFunder: Readonly<Record<string, Totals>>;
  readonly byCity: Readonly<Record<string, Totals>>;
  readonly total: Totals;
}

const fen = (s: string | null): number => (s === null ? 0 : fenOf(s));

/** `place(subject)` gives the subject's region code (for totals by city, in `regions`: the corpus's table); unknown places count as "". */
export function compareEvaluations(before: Pick<Evaluation, 'awards'>, after: Pick<Evaluation, 'awards'>, place: (subject: string) => string | undefined, regions: RegionTable = BUILT_IN_REGIONS): Comparison {
  const perSubject = new Map<string, { b: number; a: number; rulesB: Set<string>; rulesA: Set<string> }>();
  const byFunder = new Map<string, [number, number]>();
  const byCity = new Map<string, [number, number]>();
  const add = (rows: readonly AwardRow[], side: 0 | 1) => {
    for (const r of rows) {
      const s = perSubject.get(r.subject) ?? { b: 0, a: 0, rulesB: new Set<string>(), rulesA: new Set<string>() };
      perSubject.set(r.subject, s);
      const amount = r.type === 'money' ? fen(r.amount) : 0;
      if (side === 0) { s.b += amount; s.rulesB.add(r.rule); } else { s.a += amount; s.rulesA.add(r.rule); }
      const shares: [string, number][] = r.funderShares ? Object.entries(r.funderShares).map(([f, v]) => [f, fen(v)]) : [[r.funder, amount]];
      for (const [f, v] of shares) bump(byFunder, f, side, v);
      const code = place(r.subject);
      bump(byCity, code === undefined ? '' : (regions.cityOf(code) ?? code), side, amount);
    }
  };
  add(before.awards, 0);
  add(after.awards, 1);
  const changes: (SubjectChange & { d: number })[] = [...perSubject]
    .map(([subject, s]) => ({
      subject, before: yuanString(s.b), after: yuanString(s.a), delta: yuanString(s.a - s.b), d: s.a - s.b,
      gained: [...s.rulesA].filter((r) => !s.rulesB.has(r)).sort(),
      lost: [...s.rulesB].filter((r) => !s.rulesA.has(r)).sort(),
    }))
    .filter((c) => c.d !== 0 || c.gained.length > 0 || c.lost.length > 0);
  const strip = ({ d: _d, ...c }: SubjectChange & { d: number }): SubjectChange => c;
  const byId = (a: { subject: string }, b: { subject: string }) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0);
  const totals = (m: Map<string, [number, number]>) =>
    Object.fromEntries([...m].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, [b, a]]) => [k, tot(b, a)]));
  const sumB = [...perSubject.values()].reduce((n, s) => n + s.b, 0);
  const sumA = [...perSubject.values()].reduce((n, s) => n + s.a, 0);
  return {
    gainers: changes.filter((c) => c.d > 0 || (c.d === 0 && c.gained.length > 0)).sort((x, y) => y.d - x.d || byId(x, y)).map(strip),
    losers: changes.filter((c) => c.d < 0 || (c.d === 0 && c.gained.length === 0)).sort((x, y) => x.d - y.d || byId(x, y)).map(strip),
    byFunder: totals(byFunder),
    byCity: totals(byCity),
    total: tot(sumB, sumA),
  };
}

function bump(m: Map<string, [number, number]>, k: string, side: 0 | 1, v: number): void {
  const t = m.get(k) ?? [0, 0];
  t[side] += v;
  m.set(k, t);
}

const tot = (b: number, a: number): Totals => ({ before: yuanString(b), after: yuanString(a), delta: yuanString(a - b) });
