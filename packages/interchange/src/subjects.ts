/** `subjects`: who the dataset is about, each with a unique id. */
import { BUILT_IN_REGIONS, isRegionKind, usccCheckChar, usccProblem, type RegionTable, type Subject, type SubjectKind, type Tag } from '@duixian/engine';
import { Checker, describe } from './check.js';
import type { Elements } from './elements.js';
import { wordsOf, type Words } from './words.js';

const KEYS = new Set(['id', 'kind', 'name', 'region', 'uscc', 'tags']);
const NO_TAGS: readonly Tag[] = Object.freeze([]);

export interface SubjectsRead {
  readonly subjects: Subject[];
  /** id → the subject's index in the input list (a dense number for per-subject tables) */
  readonly index: Map<string, number>;
  /** input index → the id string itself: facts carry this very string, so the engine matches ids by pointer */
  readonly ids: string[];
}

export function readSubjects(c: Checker, list: Elements): SubjectsRead {
  const subjects: Subject[] = new Array<Subject>(list.length); // sized once (see facts.ts)
  let n = 0;
  const index = new Map<string, number>();
  const ids: string[] = new Array<string>(list.length);
  const holders = new Map<string, number>(); // USCC → the first subject carrying it
  const words = wordsOf(c.known.vocabulary); // once, not per subject of a million
  const regions = c.known.regions ?? BUILT_IN_REGIONS;
  list.forEach((r, i) => {
    if (!c.record('subjects', i, r, KEYS)) return;
    const id = subjectId(c, i, r.id, index);
    if (id !== undefined) ids[i] = id;
    const kind = subjectKind(c, i, r.kind, words);
    const name = c.string('subjects', i, 'name', r.name, true);
    const place = r.region === undefined ? undefined : regionCode(c, i, r.region, regions);
    if (id !== undefined && kind !== undefined && isRegionKind(kind)) regionSubject(c, i, id, kind, r.region, regions);
    const uscc = r.uscc === undefined ? undefined : usccOf(c, i, r.uscc, holders);
    const tags = r.tags === undefined ? NO_TAGS : tagsOf(c, i, r.tags, words);
    if (id === undefined || kind === undefined || name === undefined) return;
    // Index even when other fields are wrong, so facts about this subject are not also reported.
    subjects[n++] = { id, kind, name, region: place, uscc, tags };
  });
  subjects.length = n;
  return { subjects, index, ids };
}

function subjectId(c: Checker, i: number, v: unknown, index: Map<string, number>): string | undefined {
  if (typeof v !== 'string' || v === '') {
    c.problem('subjects', i, 'id', v === undefined ? 'missing: every subject needs an id' : `must be non-empty text, not ${describe(v)}`);
    return undefined;
  }
  const first = index.get(v);
  if (first !== undefined) {
    c.problem('subjects', i, 'id', `duplicate id ${JSON.stringify(v)}: also ${c.loc.ref('subjects', first)}; give each subject its own id`);
    return undefined;
  }
  index.set(v, i);
  return v;
}

function subjectKind(c: Checker, i: number, v: unknown, { kinds }: Words): SubjectKind | undefined {
  const kind = typeof v === 'string' ? kinds.get(v) : undefined;
  if (kind) return kind;
  c.problem('subjects', i, 'kind', `${v === undefined ? 'missing' : `unknown kind ${describe(v)}`}: use one of ${[...kinds.keys()].join(', ')}`);
  return undefined;
}

function regionCode(c: Checker, i: number, v: unknown, regions: RegionTable): string | undefined {
  const r = typeof v === 'string' ? regions.region(v) : undefined;
  if (r) return r.code; // the region table's own string
  c.problem('subjects', i, 'region', typeof v === 'string'
    ? `${JSON.stringify(v)} is not in the NBS region table: give the 6-digit statistical division code (统计用区划代码) of the place, e.g. "370811"`
    : `must be a 6-digit region code as text, not ${describe(v)}`);
  return undefined;
}

/** A region subject is its region: its id is the code, its kind the code's level. */
function regionSubject(c: Checker, i: number, id: string, kind: SubjectKind, place: unknown, regions: RegionTable): void {
  if (kind === 'country') {
    if (id !== 'CN') c.problem('subjects', i, 'id', `the country's id must be "CN", not ${JSON.stringify(id)}`);
  } else {
    const r = regions.region(id);
    if (r === undefined) {
      c.problem('subjects', i, 'id', `a ${kind} subject's id must be its region code, and ${JSON.stringify(id)} is not in the NBS region table`);
    } else if (r.level !== kind) {
      c.problem('subjects', i, 'kind', `${id} (${r.name}) is a ${r.level} in the NBS region table, not a ${kind}`);
    }
  }
  if (typeof place === 'string' && place !== id && regions.region(place) !== undefined) {
    c.problem('subjects', i, 'region', `a region subject's region is its own code: ${JSON.stringify(id)}, not ${JSON.stringify(place)} (or leave it out)`);
  }
}

/** A valid USCC not already carried by an earlier subject of the file: one code names one enterprise. */
function usccOf(c: Checker, i: number, v: unknown, holders: Map<string, number>): string | undefined {
  if (typeof v !== 'string') {
    c.problem('subjects', i, 'uscc', `must be the 18-character code as text, not ${describe(v)}`);
    return undefined;
  }
  const why = usccProblem(v);
  if (why !== undefined) {
    c.problem('subjects', i, 'uscc', usccMessage(v, why));
    return undefined;
  }
  const first = holders.get(v);
  if (first !== undefined) {
    c.problem('subjects', i, 'uscc', `${JSON.stringify(v)} is also the code of ${c.loc.ref('subjects', first)}; a unified social credit code names one enterprise: keep one subject for it (一个信用代码只能对应一个主体)`);
    return undefined;
  }
  holders.set(v, i);
  return v;
}

/** A character is in the USCC alphabet iff the engine can compute a check character from it. */
const inAlphabet = (ch: string): boolean => usccCheckChar(ch.repeat(17)) !== undefined;

function usccMessage(code: string, why: 'length' | 'character' | 'check'): string {
  const shown = JSON.stringify(code);
  if (why === 'length') return `${shown} has ${code.length} characters; a unified social credit code (GB 32100-2015) has 18`;
  if (why === 'character') {
    const at = [...code].findIndex((ch) => !inAlphabet(ch));
    const ch = code[at] ?? '';
    const capital = ch !== ch.toUpperCase() && inAlphabet(ch.toUpperCase()) ? ' (use capital letters)' : '';
    return `${shown}: character ${at + 1} ${JSON.stringify(ch)} is not allowed in a unified social credit code (digits and capital letters except I, O, S, V, Z)${capital}`;
  }
  return `${shown}: wrong check character ${JSON.stringify(code[17])}: per GB 32100-2015 the 18th character of ${code.slice(0, 17)}… should be ${JSON.stringify(usccCheckChar(code.slice(0, 17)))}; check the code against the business licence`;
}

function tagsOf(c: Checker, i: number, v: unknown, { tags, yearScopedTags }: Words): readonly Tag[] {
  if (!Array.isArray(v)) {
    c.problem('subjects', i, 'tags', `must be a list of tags, not ${describe(v)}`);
    return NO_TAGS;
  }
  for (let t = 0; t < v.length; t++) {
    const tag: unknown = v[t];
    if (typeof tag !== 'string' || !tags.has(tag)) {
      c.problem('subjects', i, `tags[${t}]`, `unknown tag ${describe(tag)}: tags are ${[...tags.keys()].join(', ')}`);
    } else if (yearScopedTags.has(tag)) {
      c.warn('subjects', i, `tags[${t}]`, `${tag} is year-scoped: give it as a fact {"key":"${tag}","value":1} of the year the title was obtained, or rules will not see it`);
    }
  }
  return sharedTags(v.map((t: unknown) => tags.get(t as string) ?? (t as Tag)));
}

/**
 * One frozen array per combination of tags: a million enterprises have a few dozen
 * combinations, so they share them (less memory, and the engine reads each combination once).
 */
const TAG_COMBINATIONS = new Map<string, readonly Tag[]>();
function sharedTags(tags: Tag[]): readonly Tag[] {
  const key = tags.join(',');
  let shared = TAG_COMBINATIONS.get(key);
  if (!shared) TAG_COMBINATIONS.set(key, (shared = Object.freeze(tags)));
  return shared;
}
