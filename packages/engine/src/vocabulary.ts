/**
 * The engine's own words are shapes and units, not a corpus's: the subject kinds, fact keys and
 * tags (with their Chinese labels and units) are declared by the corpus (corpus/vocabulary.yaml,
 * Corpus.vocabulary) and reach the engine with it. What stays here is structural: the units a fact
 * may be held in, and the four region kinds the region table, rankings and averages are made of.
 */

/** A subject kind, fact key or tag: any word the corpus declares. */
export type SubjectKind = string;
export type FactKey = string;
export type Tag = string;

/** The kinds of the region table: a country, province, city or county is a region, not an enterprise, platform, park… */
export const REGION_KINDS: readonly SubjectKind[] = ['country', 'province', 'city', 'county'];
const REGION_KIND_SET: ReadonlySet<string> = new Set(REGION_KINDS);
export const isRegionKind = (kind: string): boolean => REGION_KIND_SET.has(kind);

/**
 * Units fix how a value is held exactly: as a safe integer at the unit's scale (decimal places).
 * yuan 2 → fen; ratio 6 → millionths ("15.3%" = 153000); date → yyyymmdd.
 */
export const UNITS = {
  yuan: { scale: 2, label: '元' },
  usd: { scale: 2, label: '美元' },
  ratio: { scale: 6, label: '比率' },
  count: { scale: 0, label: '个' },
  sqm: { scale: 2, label: '平方米' },
  score: { scale: 6, label: '分' },
  flag: { scale: 0, label: '是/否' },
  date: { scale: 0, label: '日期' },
} as const;
export type Unit = keyof typeof UNITS;

/** What the corpus declares of a fact key. */
export interface FactKeyInfo {
  readonly label: string; // 中文列名
  readonly unit: Unit;
  readonly usedBy: string;
  /** a fact that only makes sense scoped to one rule (`rule` on the fact is required) */
  readonly ruleScoped?: boolean;
  /** several facts of one key in one year, told apart by `item` */
  readonly itemised?: boolean;
  /** a title obtained in a year: given as a fact of that year (as a tag of the same name it would carry no year) */
  readonly yearScoped?: boolean;
  /** this project's addition to interchange format v1 (the format allows added keys) */
  readonly added?: boolean;
}

/** The corpus's words (corpus/vocabulary.yaml): kind → 中文名, fact key → label and unit, tag → 中文名. */
export interface Vocabulary {
  readonly kinds: Readonly<Record<SubjectKind, string>>;
  readonly facts: Readonly<Record<FactKey, FactKeyInfo>>;
  readonly tags: Readonly<Record<Tag, string>>;
}

export const isSubjectKind = (v: Vocabulary, s: string): boolean => Object.hasOwn(v.kinds, s);
export const isFactKey = (v: Vocabulary, s: string): boolean => Object.hasOwn(v.facts, s);
export const isTag = (v: Vocabulary, s: string): boolean => Object.hasOwn(v.tags, s);

/** A declared fact key's label and unit; a key the corpus does not declare is an error of the caller's checks. */
export function factInfo(v: Vocabulary, key: FactKey): FactKeyInfo {
  const info = v.facts[key];
  if (!info || !Object.hasOwn(v.facts, key)) throw new Error(`fact key ${key} is not declared in the corpus's vocabulary`);
  return info;
}

/** A kind's or tag's Chinese name, or the word itself when the corpus gives none. */
export const kindLabel = (v: Vocabulary, kind: SubjectKind): string => (Object.hasOwn(v.kinds, kind) ? v.kinds[kind]! : kind);
export const tagLabel = (v: Vocabulary, tag: Tag): string => (Object.hasOwn(v.tags, tag) ? v.tags[tag]! : tag);
