/**
 * The corpus's words as the readers look them up: which kinds, fact keys and tags an input may use
 * (Known.vocabulary, from corpus/vocabulary.yaml), and the Chinese labels a spreadsheet may give
 * instead. Worked out once per vocabulary, not per file: a reader of a million facts looks each key
 * up in one Map.
 */
import type { FactKey, SubjectKind, Tag, Unit, Vocabulary } from '@duixian/engine';
import { norm } from './headers.js';

export interface KeyInfo {
  readonly unit: Unit;
  /** the corpus's Chinese name, as a spreadsheet header names the key */
  readonly label: string;
  readonly ruleScoped: boolean;
  /** several facts a year, told apart by item: a wide column (one cell a year) cannot hold them */
  readonly itemised: boolean;
  /** what a missing rule means for this key, made once rather than per fact */
  readonly ruleWhy: string;
  /**
   * The vocabulary's own string for the key: facts carry it instead of the parsed copy, so the
   * engine's lookups by key hash a string once, not once per fact of a million.
   */
  readonly key: FactKey;
}

export interface Words {
  readonly keys: ReadonlyMap<string, KeyInfo>;
  /** kinds and tags map to the vocabulary's own strings (see KeyInfo.key for why) */
  readonly kinds: ReadonlyMap<string, SubjectKind>;
  readonly tags: ReadonlyMap<string, Tag>;
  /** tags that are also year-scoped fact keys (a title of a year): as a tag they carry no year */
  readonly yearScopedTags: ReadonlySet<string>;
  /** a spreadsheet's cell (an English name or a Chinese label, spelt leniently) → the word */
  readonly kindByLabel: ReadonlyMap<string, SubjectKind>;
  readonly keyByLabel: ReadonlyMap<string, FactKey>;
  readonly tagByLabel: ReadonlyMap<string, Tag>;
  /** tag labels that hold a list separator themselves (“五统一”（仓储、分拣…）), replaced before a cell is split */
  readonly labelsWithSeparators: readonly (readonly [string, Tag])[];
}

/** Everyday names for the region kinds besides the corpus's labels. */
const KIND_ALIASES: Readonly<Record<string, SubjectKind>> = {
  全国: 'country', 省级: 'province', 地级市: 'city', 设区市: 'city', 市级: 'city',
  县: 'county', 区: 'county', 县区: 'county', 区县: 'county', 县级: 'county', 功能区: 'county',
};

export const TAG_SEPARATORS = /[,，、;；\n]/;

const WORDS = new WeakMap<Vocabulary, Words>();

export function wordsOf(v: Vocabulary): Words {
  let w = WORDS.get(v);
  if (!w) WORDS.set(v, (w = words(v)));
  return w;
}

function words(v: Vocabulary): Words {
  const facts = Object.entries(v.facts);
  return {
    keys: new Map(facts.map(([key, f]) => [key, { key, unit: f.unit, label: f.label, ruleScoped: f.ruleScoped === true, itemised: f.itemised === true, ruleWhy: `${key} is scoped to one rule: give the id of the rule it is for` }])),
    kinds: new Map(Object.keys(v.kinds).map((k) => [k, k])),
    tags: new Map(Object.keys(v.tags).map((t) => [t, t])),
    yearScopedTags: new Set(facts.filter(([key, f]) => f.yearScoped && Object.hasOwn(v.tags, key)).map(([key]) => key)),
    kindByLabel: labelMap(v.kinds, KIND_ALIASES),
    keyByLabel: labelMap(Object.fromEntries(facts.map(([k, f]) => [k, f.label]))),
    tagByLabel: labelMap(v.tags),
    labelsWithSeparators: Object.entries(v.tags).filter(([, label]) => TAG_SEPARATORS.test(label)).map(([t, label]) => [label, t] as const),
  };
}

function labelMap(table: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> = {}): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, label] of Object.entries(table)) {
    m.set(norm(k), k);
    m.set(norm(label), k);
  }
  for (const [alias, k] of Object.entries(extra)) m.set(norm(alias), k);
  return m;
}
