/** `facts`: one value per subject, year and key (told apart further by item, rule, quarter). */
import { parseQuantity, type Fact, type Unit } from '@duixian/engine';
import { Checker, describe, type Rec } from './check.js';
import { fastQuantity } from './quantity.js';
import type { Elements } from './elements.js';
import { wordsOf, type KeyInfo } from './words.js';

const KEYS = new Set(['subject', 'year', 'key', 'value', 'item', 'rule', 'quarter', 'source']);

/** Amounts of money and things counted or measured cannot be below zero; rates can. */
const NON_NEGATIVE: ReadonlySet<Unit> = new Set<Unit>(['yuan', 'usd', 'count', 'sqm']);

export interface FactsRead {
  readonly facts: Fact[];
  readonly latestYear: number | undefined;
}

/**
 * `subjectIndex` maps ids to their input positions and `ids` gives the id string at each; with `subjectsUnreliable` (the
 * subjects sheet could not be read) references are not checked, to avoid one error per fact.
 */
export function readFacts(c: Checker, list: Elements, subjectIndex: ReadonlyMap<string, number>, ids: readonly string[], subjectsUnreliable = false): FactsRead {
  const subjectCount = ids.length;
  // Sized once: growing a list of millions by doubling copies it again and again.
  const facts: Fact[] = new Array<Fact>(list.length);
  let n = 0;
  const dup = new Duplicates(facts, subjectCount, list.length);
  let latestYear: number | undefined;
  const keys = wordsOf(c.known.vocabulary).keys;
  list.forEach((r, i) => {
    if (!c.record('facts', i, r, KEYS)) return;
    const s = typeof r.subject === 'string' ? subjectIndex.get(r.subject) : undefined;
    const subject = s !== undefined ? ids[s]! : subjectsUnreliable && typeof r.subject === 'string' ? r.subject : subjectProblem(c, i, r.subject);
    const year = c.year('facts', i, 'year', r.year);
    const info = keyOf(c, i, r.key, keys);
    const key = info?.key;
    const value = info === undefined ? undefined : valueOf(c, i, r, info.unit);
    const item = c.string('facts', i, 'item', r.item, false);
    const rule = c.rule('facts', i, 'rule', r.rule, info?.ruleScoped === true, info?.ruleWhy);
    const quarter = quarterOf(c, i, r.quarter);
    const source = c.string('facts', i, 'source', r.source, false);
    if (subject === undefined || year === undefined || key === undefined || value === undefined) return;
    if (latestYear === undefined || year > latestYear) latestYear = year;
    // In a valid file every subject is kept, so the input index is the position in Dataset.subjects.
    const fact: Fact = { subject, subjectIndex: s, year, key, value, item, rule, quarter, source };
    if (s === undefined) {
      facts[n++] = fact; // only when subjects are unreliable: the file is invalid anyway
      return;
    }
    const same = dup.find(s, fact);
    if (same < 0) {
      facts[n] = fact;
      dup.add(s, n++, i);
    } else if (facts[same]!.value === value) {
      c.warn('facts', i, undefined, `exact duplicate of ${c.loc.ref('facts', dup.input(same))}; counted once`);
    } else {
      c.problem('facts', i, 'value', `conflicting duplicate: ${c.loc.ref('facts', dup.input(same))} gives ${subject} ${key} ${year}${qualifiers(fact)} another value; keep one, or tell them apart by item`);
    }
  });
  facts.length = n;
  return { facts, latestYear };
}

function subjectProblem(c: Checker, i: number, v: unknown): undefined {
  c.problem('facts', i, 'subject', typeof v === 'string'
    ? `unknown subject ${JSON.stringify(v)}: add it to subjects or correct the id`
    : v === undefined ? 'missing: the id of the subject the fact is about' : `must be a subject id (text), not ${describe(v)}`);
  return undefined;
}

function keyOf(c: Checker, i: number, v: unknown, keys: ReadonlyMap<string, KeyInfo>): KeyInfo | undefined {
  const info = typeof v === 'string' ? keys.get(v) : undefined;
  if (info) return info;
  const some = [...keys.keys()].slice(0, 3).join(', ');
  c.problem('facts', i, 'key', `${v === undefined ? 'missing' : `unknown key ${describe(v)}`}: fact keys are those the corpus declares (its vocabulary.yaml, and the template's 说明(keys) sheet), e.g. ${some}`);
  return undefined;
}

function valueOf(c: Checker, i: number, r: Rec, unit: Unit): number | undefined {
  const raw = r.value;
  if (raw === undefined) {
    c.problem('facts', i, 'value', 'missing: every fact needs a value');
    return undefined;
  }
  let value = fastQuantity(raw, unit);
  if (value !== value) {
    const p = parseQuantity(raw, unit);
    if (!p.ok) {
      c.problem('facts', i, 'value', p.error);
      return undefined;
    }
    value = p.value;
  }
  if (value < 0 && NON_NEGATIVE.has(unit)) {
    c.problem('facts', i, 'value', `${describe(raw)} is negative: ${unit === 'yuan' || unit === 'usd' ? 'an amount of money' : 'a count or area'} cannot be below zero`);
    return undefined;
  }
  return value;
}

function quarterOf(c: Checker, i: number, v: unknown): 1 | 2 | 3 | 4 | undefined {
  if (v === undefined) return undefined;
  if (v === 1 || v === 2 || v === 3 || v === 4) return v;
  c.problem('facts', i, 'quarter', `${describe(v)} is not a quarter: give 1, 2, 3 or 4, or leave it out for the whole year`);
  return undefined;
}

const qualifiers = (f: Fact): string =>
  (f.item === undefined ? '' : ` item ${JSON.stringify(f.item)}`) + (f.rule === undefined ? '' : ` rule ${f.rule}`) + (f.quarter === undefined ? '' : ` Q${f.quarter}`);

const sameIdentity = (a: Fact, b: Fact): boolean =>
  a.year === b.year && a.key === b.key && a.quarter === b.quarter && (a.item ?? '') === (b.item ?? '') && (a.rule ?? '') === (b.rule ?? '');

const identity = (f: Fact): string => `${f.year}\u0001${f.key}\u0001${f.item ?? ''}\u0001${f.rule ?? ''}\u0001${f.quarter ?? 0}`;

/** Past this many facts on one subject, its facts are found through a Map instead of a chain. */
const LONG_CHAIN = 32;

/**
 * Finds an earlier fact with the same identity. A Map keyed by a composite string costs seconds for
 * millions of facts, so each subject's facts are chained through typed arrays (a subject has a
 * handful); the rare subject with many facts (a region's series) switches to its own Map.
 * Positions are indexes into `facts`, the output list.
 */
class Duplicates {
  private readonly head: Int32Array;
  private readonly count: Int32Array;
  private readonly next: Int32Array;
  private readonly inputs: Int32Array;
  private readonly big = new Map<number, Map<string, number>>();

  constructor(
    private readonly facts: readonly Fact[],
    subjects: number,
    capacity: number,
  ) {
    this.head = new Int32Array(subjects).fill(-1);
    this.count = new Int32Array(subjects);
    this.next = new Int32Array(capacity);
    this.inputs = new Int32Array(capacity);
  }

  /** The position of an earlier fact of subject `s` with `f`'s identity, or −1. */
  find(s: number, f: Fact): number {
    const m = this.big.get(s);
    if (m !== undefined) return m.get(identity(f)) ?? -1;
    for (let j = this.head[s]!; j >= 0; j = this.next[j]!) if (sameIdentity(this.facts[j]!, f)) return j;
    return -1;
  }

  /** Records that the fact at position `at` (input index `input`) belongs to subject `s`. */
  add(s: number, at: number, input: number): void {
    this.inputs[at] = input;
    const m = this.big.get(s);
    if (m !== undefined) {
      m.set(identity(this.facts[at]!), at);
      return;
    }
    this.next[at] = this.head[s]!;
    this.head[s] = at;
    if (++this.count[s]! > LONG_CHAIN) {
      const map = new Map<string, number>();
      for (let j = at; j >= 0; j = this.next[j]!) map.set(identity(this.facts[j]!), j);
      this.big.set(s, map);
    }
  }

  /** The input index of the fact at position `at`, for messages. */
  input(at: number): number {
    return this.inputs[at]!;
  }
}
