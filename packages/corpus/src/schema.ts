/**
 * The files of a document folder (corpus/<document id>/), one TypeBox definition each: the loader
 * validates against these, `npm run schema` writes them to corpus/schema/*.schema.json for editors
 * (each YAML file names its schema on its first line), and types.ts's shapes are checked against
 * them at compile time. A document's entries carry no `document` field: the folder is the document.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { ExclusiveGroupSchema, PolicyDocumentSchema, RuleSchema, UNITS, ValidationSchema, type Describes, type Region, type Vocabulary } from '@duixian/engine';
import type { Measure, NotComputable, Target } from './types.js';

const strict = { additionalProperties: false } as const;
const obj = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, strict);
const Text = Type.String({ minLength: 1 });
const Names = Type.Array(Text);

export const MeasureSchema = obj({
  document: Type.String(),
  article: Type.String({ minLength: 1, description: 'as numbered in the text: 一, 三(五), 5, 三(一)1' }),
  anchor: Type.String({ pattern: '^[a-z0-9-]+$', description: 'stable anchor within the document, e.g. art-3-5' }),
  title: Text,
  heading: Type.String({ minLength: 1, description: 'a verbatim excerpt that starts the article in text.txt' }),
  lead: Names,
  responsible: Names,
  rules: Type.Array(Type.String(), { description: 'rule ids this article defines (empty: a task to track)' }),
  alsoTask: Type.Optional(Type.Boolean()),
});

export const TargetSchema = obj({
  id: Type.String({ pattern: '^[a-z0-9-]+/T\\.[^\\s]+$' }),
  document: Type.String(),
  article: Text,
  description: Text,
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
  legal: Type.String({ minLength: 1, description: '达到/突破/超过/以上/不少于 …' }),
  value: Text,
  unit: Text,
  indicator: Type.Optional(Type.Union([obj({ key: Type.String(), subject: Type.String() }), obj({ computed: Type.String() })])),
  cites: Type.Array(Text),
});

export const NotComputableSchema = obj({ document: Type.String(), cite: Text, reason: Text });

/**
 * Readings (解读口径) as a corpus declares them: id → the question, and its values (the first is the
 * default) each with a one-line meaning. The general ones in readings.yaml at the corpus's root, a
 * document's own in its document.yaml.
 */
export const ReadingsSchema = Type.Record(
  Type.String({ pattern: '^I-[a-z0-9-]+$', description: 'the reading id, e.g. I-tier-range' }),
  obj({
    question: Type.String({ minLength: 1, description: 'what the text leaves open, in Chinese' }),
    values: Type.Record(Type.String({ pattern: '^[a-z0-9-]+$' }), Type.String({ minLength: 1, description: 'what this value means, in one line' }), {
      minProperties: 1, description: 'value → its meaning; the first is the default',
    }),
  }),
);

/**
 * The corpus's words (corpus/vocabulary.yaml; a document's own in corpus/<document>/vocabulary.yaml):
 * subject kinds, fact keys with label and unit, tags. The engine knows units and shapes, not these.
 * Each section may be left out: a document declares only the words it adds. `evidence` and
 * `registers` say, word by word, whether a rule reading it needs an application (the subject's papers
 * show it: 申报) or the government already holds it (statistics, registers, lists: 免申即享).
 */
const Word = (what: string) => Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*$', description: `a ${what} as inputs and rules spell it (letters and digits, e.g. onlineRetail)` });
export const VocabularySchema = obj({
  kinds: Type.Optional(Type.Record(Word('subject kind'), Text, { description: 'subject kind → 中文名; country, province, city and county are the region table\'s kinds' })),
  facts: Type.Optional(Type.Record(Word('fact key'), obj({
    label: Type.String({ minLength: 1, description: '中文列名, as the template and the explanations show it' }),
    unit: Type.Union(Object.keys(UNITS).map((u) => Type.Literal(u as keyof typeof UNITS)), { description: 'how the value is held exactly: yuan, usd, ratio, count, sqm, score, flag or date' }),
    usedBy: Type.String({ description: 'which subjects give it, for the template' }),
    ruleScoped: Type.Optional(Type.Boolean({ description: 'the fact names the rule it is for (a panel score)' })),
    itemised: Type.Optional(Type.Boolean({ description: 'several facts of the key in one year, told apart by item' })),
    yearScoped: Type.Optional(Type.Boolean({ description: 'a title obtained in a year: given as a fact of that year, not as a tag' })),
    added: Type.Optional(Type.Boolean({ description: "this project's addition to interchange format v1" })),
  }), { description: 'fact key → its label and unit' })),
  tags: Type.Optional(Type.Record(Word('tag'), Text, { description: 'tag → 中文名' })),
  evidence: Type.Optional(obj({
    facts: Type.Optional(Type.Record(Word('fact key'), Text, { description: 'a fact the subject must evidence → what it shows, and how (须提供…)' })),
    tags: Type.Optional(Type.Record(Word('tag'), Text, { description: 'a tag the subject must evidence → what and how' })),
    kinds: Type.Optional(Type.Record(Word('subject kind'), Text, { description: 'a kind no register shows (境外、门店…) → why it must apply' })),
  })),
  registers: Type.Optional(obj({
    facts: Type.Optional(Type.Record(Word('fact key'), Text, { description: 'a fact official statistics give → whose (统计部门数据…)' })),
    tags: Type.Optional(Type.Record(Word('tag'), Text, { description: 'a tag the government\'s registers or lists hold → which' })),
  })),
});

/**
 * The corpus's region table (corpus/regions.yaml): the province's own divisions, read over the
 * national table the engine carries (a code here wins). The peers of a 全省/全市 ranking and the
 * jurisdiction a subject counts in follow from its rows: a zone added here counts in its city.
 */
const Code = Type.String({ pattern: '^(CN|[0-9]{6})$', description: 'the 6-digit division code (统计用区划代码), or CN for the country' });
export const RegionSchema = obj({
  code: Code,
  name: Type.String({ minLength: 1, description: 'the official name' }),
  level: Type.Union([Type.Literal('country'), Type.Literal('province'), Type.Literal('city'), Type.Literal('county')], { description: 'a zone is county level' }),
  parent: Type.Union([Code, Type.Null()], { description: 'the region it lies in: a county its city, a city the province; null for CN alone' }),
  zone: Type.Optional(Type.Literal(true, { description: 'a development or functional zone (开发区、功能区), a recipient like a county' })),
  shortName: Type.Optional(Type.String({ minLength: 1, description: 'the short name local government uses (济宁高新区)' })),
  assigned: Type.Optional(Type.Literal(true, { description: 'a code this project gave: NBS gives none' })),
});

/** Word → why, by kind of word: what vocabulary.yaml says of applications (evidence) and registers. */
export interface WordNotes {
  readonly facts: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly kinds: Readonly<Record<string, string>>;
}
/** A vocabulary.yaml as written: any section may be left out. */
export type VocabularyFile = Partial<Vocabulary> & { evidence?: Partial<WordNotes>; registers?: Partial<Omit<WordNotes, 'kinds'>> };

/** In a folder the document is implied: the files' entries leave `document` out. */
const inFolder = <T extends TSchema>(schema: T) => Type.Omit(schema, ['document'], strict);

export const FILE_SCHEMAS = {
  document: Type.Composite([PolicyDocumentSchema, obj({
    position: Type.Optional(Type.Integer({ minimum: 1, description: 'where the document stands in listings; those without one follow, by id' })),
    readings: Type.Optional(ReadingsSchema),
  })], strict),
  rules: obj({
    rules: Type.Array(inFolder(RuleSchema)),
    groups: Type.Optional(Type.Array(inFolder(ExclusiveGroupSchema))),
    validations: Type.Optional(Type.Array(inFolder(ValidationSchema))),
  }),
  measures: Type.Array(inFolder(MeasureSchema)),
  targets: Type.Array(inFolder(TargetSchema)),
  'not-computable': Type.Array(inFolder(NotComputableSchema)),
  /** corpus/vocabulary.yaml, and a document's own words in its folder */
  vocabulary: VocabularySchema,
  /** corpus/readings.yaml: the general readings (not a document's file) */
  readings: ReadingsSchema,
  /** corpus/regions.yaml: the province's region table */
  regions: Type.Array(RegionSchema),
} as const;

export type FileKind = keyof typeof FILE_SCHEMAS;

/** The JSON Schema files editors read (corpus/schema/<kind>.schema.json), from the definitions above. */
export function schemaFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(FILE_SCHEMAS).map(([kind, schema]) => {
    const definitions: Record<string, unknown> = {};
    const body = hoist(JSON.parse(JSON.stringify(schema)), definitions) as object;
    const file = { $schema: 'http://json-schema.org/draft-07/schema#', title: `duixian corpus: ${kind}.yaml`, ...body, definitions };
    return [`${kind}.schema.json`, `${JSON.stringify(file, null, 2)}\n`];
  }));
}

/**
 * TypeBox writes a recursive shape (a metric of metrics, a condition of conditions) in place, with
 * an `$id`, wherever it is used; a schema file may declare an `$id` once. Each goes to `definitions`.
 */
function hoist(node: unknown, definitions: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((n) => hoist(n, definitions));
  if (node === null || typeof node !== 'object') return node;
  const { $id, $ref, ...rest } = node as Record<string, unknown>;
  const walked = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, hoist(v, definitions)]));
  if (typeof $ref === 'string') return { ...walked, $ref: $ref.startsWith('#') ? $ref : `#/definitions/${$ref}` };
  if (typeof $id !== 'string') return walked;
  definitions[$id] ??= walked;
  return { $ref: `#/definitions/${$id}` };
}

// ---- types.ts and this schema must describe the same shapes ----
type Holds<T extends true> = T;
export type FileSchemasMatchTypes = [
  Holds<Describes<typeof MeasureSchema, Measure>>,
  Holds<Describes<typeof TargetSchema, Target>>,
  Holds<Describes<typeof NotComputableSchema, NotComputable>>,
  Holds<Describes<typeof VocabularySchema, VocabularyFile>>,
  Holds<Describes<typeof RegionSchema, Region>>,
];
