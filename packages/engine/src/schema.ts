/**
 * The rule shapes as one TypeBox definition: the JSON Schema every corpus file is validated
 * against (corpus/schema/*.json is generated from here) and, through `Static`, the types of
 * rule.ts (a compile-time check at the end of this file keeps the two the same shape).
 *
 * Words the corpus declares (fact keys, tags, subject kinds, readings) are strings here: the
 * schema cannot know a corpus's vocabulary; `duixian check` verifies each is declared.
 * Figures are strings as the document writes them ("1亿元", "50%", "5000").
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { ReadingId as ReadingIdType } from './interpretations.js';
import { LEGAL_WORDS, type LegalWord as LegalWordType } from './legal.js';
import type { ExclusiveGroup, PolicyDocument, Rule, Validation } from './rule.js';
import type { FactKey as FactKeyType, SubjectKind as SubjectKindType, Tag as TagType } from './vocabulary.js';

const word = <T extends string>(description: string) => Type.Unsafe<T>(Type.String({ minLength: 1, description }));
const FactKey = word<FactKeyType>('a fact key the corpus declares (vocabulary.yaml)');
const Tag = word<TagType>('a tag the corpus declares (vocabulary.yaml)');
const SubjectKind = word<SubjectKindType>('a subject kind the corpus declares (vocabulary.yaml)');
const ReadingId = word<ReadingIdType>('a reading id the corpus declares (readings.yaml, or the document\'s own), e.g. I-tier-range');
const Figure = (description: string) => Type.String({ minLength: 1, description });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Label = Type.String({ minLength: 1 });
const LegalWord = Type.Union(Object.keys(LEGAL_WORDS).map((w) => Type.Literal(w)), {
  description: 'the comparison word of the text: 以上 ≥ (含本数), 超过 > (不含本数) …',
}) as unknown as ReturnType<typeof Type.Unsafe<LegalWordType>>;
const strict = { additionalProperties: false } as const;
const obj = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, strict);

export const PolicyDocumentSchema = obj({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'the folder name, e.g. sd-2022-42' }),
  number: Type.String({ minLength: 1, description: '文号, e.g. 鲁政字〔2022〕42号' }),
  title: Label,
  issuer: Type.String({ pattern: '^\\d{6}$', description: 'region code of the issuing government' }),
  issuerName: Label,
  validFrom: Day,
  validTo: Type.Optional(Day),
  funder: Type.String({ pattern: '^\\d{6}$', description: 'region code whose finance pays unless a rule says otherwise' }),
  funderName: Label,
  exclusive: Type.Optional(obj({
    interpretation: ReadingId,
    documentWide: Type.String({ minLength: 1, description: 'the value of the reading under which the exclusivity holds document-wide (other values: each group alone)' }),
    text: Label,
  })),
  amends: Type.Optional(obj({
    document: Type.String({ description: 'the id of the document amended (or, without articles, superseded)' }),
    from: Day,
    articles: Type.Optional(Type.Array(Label, { description: 'the articles amended; absent: the whole document' })),
  })),
  budget: Type.Optional(obj({ cap: Figure('年度资金总额上限'), text: Label, article: Type.Optional(Label) })),
});

export const MetricSchema = Type.Recursive((Metric) => Type.Union([
  obj({ fact: FactKey }),
  obj({ growth: FactKey, published: Type.Optional(FactKey) }),
  obj({ ratio: Type.Tuple([FactKey, FactKey]), published: Type.Optional(FactKey) }),
  obj({ sumOverYears: FactKey, from: Type.Integer(), to: Type.Integer() }),
  obj({ composite: Type.Array(Metric, { minItems: 1 }) }),
  obj({ newlyOver: FactKey, legal: LegalWord, value: Figure('threshold'), published: FactKey }),
]), { $id: 'Metric' });

const Benchmark = obj({ average: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('country')]), metric: MetricSchema });
const Ranking = obj({ by: MetricSchema, top: Type.Integer({ minimum: 1 }), topParameter: Type.Optional(Type.Literal('topN')), label: Label });
const label = Type.Optional(Label);

export const ConditionSchema = Type.Recursive((Condition) => Type.Union([
  obj({ compare: MetricSchema, legal: LegalWord, value: Figure('threshold as written'), label }),
  obj({ compare: MetricSchema, legal: LegalWord, benchmark: Benchmark, label }),
  obj({ usd: obj({ usdFact: FactKey, yuanFact: FactKey }), legal: LegalWord, value: Figure('USD threshold'), label }),
  obj({ flag: FactKey, label }),
  obj({ tag: Tag }),
  obj({ notTag: Tag, label: Label }),
  obj({ dateInForce: FactKey, label }),
  obj({ anyOf: Type.Array(Condition, { minItems: 1 }), label }),
  obj({ rank: Ranking }),
  obj({ wonGroup: Type.String(), label }),
  obj({ awardedBefore: Type.String(), yearsBefore: Type.Integer({ minimum: 1 }), label: Label }),
]), { $id: 'Condition' });

const Tier = obj({ from: Figure('lower bound as written'), legal: Type.Optional(LegalWord), to: Type.Optional(Figure('upper bound of A至B')), money: Figure('amount') });
const ceiling = Type.Optional(Type.Boolean({ description: '最高: the amount is a ceiling' }));

export const AwardSchema = Type.Union([
  obj({ money: Figure('给予X'), ceiling }),
  obj({ tiers: Type.Array(Tier, { minItems: 1 }), on: FactKey, ceiling }),
  obj({ perUnit: obj({ fact: FactKey, per: Figure('每实现…'), pay: Figure('…补贴') }), cap: Type.Optional(Figure('cap per subject')), ceiling }),
  obj({
    costShare: obj({
      facts: Type.Array(FactKey, { minItems: 1 }),
      rate: Figure('share, e.g. 50%'),
      itemCap: Type.Optional(Figure('cap per item')),
      yearCap: Type.Optional(Figure('cap per year')),
      pick: Type.Optional(obj({
        reading: ReadingId,
        applied: FactKey,
        appliedWhen: Type.String({ minLength: 1, description: 'the value of the reading under which the item the fact `applied` names is paid (other values: the largest item)' }),
      })),
      except: Type.Optional(FactKey),
    }),
    ceiling,
  }),
  obj({ prizes: Type.Array(Figure('prize by rank'), { minItems: 1 }) }),
  obj({ honor: Label }),
  obj({ recommendation: Label }),
  obj({ pending: Label }),
]);

const FunderSpec = Type.Union(['document', 'subject-city', 'subject-county', 'city-county'].map((f) => Type.Literal(f))) as unknown as
  ReturnType<typeof Type.Unsafe<'document' | 'subject-city' | 'subject-county' | 'city-county'>>;

export const RuleSchema = obj({
  id: Type.String({ pattern: '^[a-z0-9-]+/[^\\s/]+$', description: '<document id>/<article>.<name>' }),
  document: Type.String(),
  article: Label,
  title: Label,
  text: Type.String({ minLength: 1, description: "the article's words this rule implements, verbatim" }),
  cites: Type.Array(Type.String({ minLength: 1 }), { description: 'verbatim figures of the text this rule accounts for' }),
  recipient: obj({
    kinds: Type.Array(SubjectKind, { minItems: 1 }),
    tags: Type.Optional(Type.Array(Tag)),
    anyTags: Type.Optional(Type.Array(Tag)),
    label: Label,
    byActivity: Type.Optional(Type.Literal(true)),
  }),
  conditions: Type.Array(ConditionSchema),
  award: AwardSchema,
  years: Type.Optional(Type.Array(Type.Integer())),
  once: Type.Optional(Type.Boolean()),
  exclusiveGroup: Type.Optional(Type.String()),
  pool: Type.Optional(obj({ cap: Figure('补贴总额上限'), text: Label })),
  funder: Type.Optional(FunderSpec),
  note: Type.Optional(Type.String()),
  interpretations: Type.Optional(Type.Array(ReadingId)),
  continues: Type.Optional(Type.String({ description: 'the rule of the amended document this one continues (when renumbered)' })),
  dated: Type.Optional(Type.Array(obj({
    from: Day,
    set: Type.Record(Type.String(), Figure('the figure from that day, as written'), { description: 'amount, threshold, cap, rate, pay, pool, prizes, top, tierN.from, tierN.money' }),
  }))),
});

export const ExclusiveGroupSchema = obj({
  id: Type.String(), document: Type.String(), article: Type.Optional(Label), rules: Type.Array(Type.String(), { minItems: 2 }), text: Label,
});

export const ValidationSchema = obj({
  id: Type.String(), document: Type.String(), article: Label, fact: FactKey,
  min: Figure('lower bound'), max: Figure('upper bound'), text: Label, cites: Type.Array(Type.String({ minLength: 1 })),
});

// ---- the types of rule.ts and this schema must describe the same shapes ----
type DeepReadonly<T> = T extends readonly (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** `true` when a schema's static type and a hand-written type describe the same shape, readonly aside; else a compile error. */
export type Describes<S extends TSchema, T> = Same<DeepReadonly<Static<S>>, DeepReadonly<T>>;
type Holds<T extends true> = T;
export type SchemaMatchesTypes = [
  Holds<Describes<typeof RuleSchema, Rule>>,
  Holds<Describes<typeof PolicyDocumentSchema, PolicyDocument>>,
  Holds<Describes<typeof ExclusiveGroupSchema, ExclusiveGroup>>,
  Holds<Describes<typeof ValidationSchema, Validation>>,
];
