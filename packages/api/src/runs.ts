/**
 * 测算 runs: a year evaluated from the database and stored for good; simulations (a run with draft
 * changes, official only when promoted); the award list (公示) with filters and totals; the
 * comparison of two runs; a stored run decided again.
 */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable, StringEnum, Timestamp } from './common.js';
import { AwardType, Step } from './match.js';
import { PageProperties } from './paging.js';

const Id = Type.String({ pattern: '^[0-9]{1,18}$', description: '测算编号 the run id' });
export const RunParams = Type.Object({ id: Id });
export const CompareParams = Type.Object({ id: Id, other: Id });

const Figure = Type.Object({ rule: Type.String(), key: Type.String(), value: Type.String() }, { additionalProperties: false });

export const NewRun = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年度 the year' }),
  documents: Type.Optional(List(Type.String({ maxLength: 200 }), { maxItems: 1000, description: '参与测算的文件（GET /api/documents），缺省为全部 documents of the corpus in force; all when absent' })),
  interpretations: Type.Optional(Type.Record(Type.String(), Type.String(), { description: '口径 reading switches: {"I-pool": "largest-first"} for every document, {"I-tier-range@jiyang-2021-80": "upper-inclusive"} for one (GET /api/interpretations lists them)' })),
  changes: Type.Optional(List(Figure, { maxItems: 200, description: '模拟修改：金额、门槛、上限 draft changes (amounts, thresholds, caps)' })),
  parameters: Type.Optional(List(Figure, { maxItems: 200, description: '本次测算的参数，如金额待定 for this run only, e.g. a 金额待定 amount: {rule, key: "amount", value: "50万元"}' })),
  simulation: Type.Optional(Type.Boolean({ description: '作为模拟 make it a simulation' })),
}, {
  additionalProperties: false,
  description: '测算请求 What to evaluate: the year, and for a simulation the changes',
  examples: [{ year: 2024 }, { year: 2024, simulation: true, changes: [{ rule: 'jinan-2023-12-r1', key: 'amount', value: '30万元' }] }],
});
export type NewRun = Static<typeof NewRun>;

export const Deviation = Type.Union([
  Type.Object({ kind: Type.Literal('change'), rule: Type.String(), key: Type.String(), value: Type.String() }),
  Type.Object({ kind: Type.Literal('parameter'), rule: Type.String(), year: Type.Integer(), key: Type.String(), value: Type.Number() }),
  Type.Object({ kind: Type.Literal('reading'), id: Type.String(), value: Type.String() }),
], { description: '与政策文件不同之处：修改、参数或口径 A figure or reading other than the law\'s' });
export type Deviation = Static<typeof Deviation>;

export const Incomplete = Type.Object({
  rule: Type.String({ description: '排名规则 the ranked rule' }),
  lacking: List(Type.String(), { description: '缺少排名数据的成员 members without the ranked figure' }),
}, { description: '排名范围不完整 A ranked rule whose peer set had members without the figure (I-rank-incomplete)' });

const kindAndMarks = {
  kind: StringEnum(['official', 'simulation'] as const, { description: '正式或模拟 official or simulation' }),
  official: Type.Boolean({ description: '是否为正式结果（含经确认的模拟） official, or a promoted simulation' }),
  simulation: Type.Boolean({ description: '是否为模拟 made as a simulation' }),
};

/** A run as POST /api/runs answers it: what was stored and how many rows of each section. */
export const RunCreated = Type.Object({
  id: Id, ...kindAndMarks, year: Type.Integer(),
  inputHash: Type.String({ description: '输入哈希 SHA-256 of the input' }),
  resultHash: Type.String({ description: '结果哈希 SHA-256 of the result' }),
  corpusVersion: Type.String({ description: '政策库版本 the corpus version' }),
  awards: Type.Integer({ description: '奖励条数 award rows' }),
  withheld: Type.Integer({ description: '不予发放条数 withheld rows' }),
  missing: Type.Integer({ description: '缺数据条数 rows lacking facts' }),
  deviations: List(Deviation),
}, { description: '已保存的测算 The stored run' });
export type RunCreated = Static<typeof RunCreated>;

/** A stored run as readers see it. */
export const Run = Type.Object({
  id: Id, ...kindAndMarks,
  promoted: Type.Boolean({ description: '经确认成为正式结果 a simulation made official' }),
  year: Type.Integer({ description: '年度 the year' }),
  by: Type.String({ description: '发起人 who made it' }),
  at: Timestamp('测算时间 when'),
  scope: Type.String({ description: '发起人辖区 the jurisdiction of the account that made it (the province for runs made outside the API)' }),
  inputHash: Type.String(), resultHash: Type.String(), corpusVersion: Type.String(),
  corpusHash: Nullable(Type.String({ description: '所用政策库版本 the corpus version it was decided with; null before versions were kept' })),
  engineVersion: Type.String({ description: '引擎版本 the engine version' }),
  options: Type.Unknown({ description: '测算选项 what it was given: documents, changes, parameters, readings' }),
  readings: Type.Unknown({ description: '所用口径 the readings in force for it' }),
  deviations: List(Deviation, { description: '与政策文件不同的数字或口径（仅省级可确认为正式） figures other than the law\'s: only the province makes such a run official' }),
  incomplete: Type.Optional(List(Incomplete)),
}, { description: '测算 A stored run' });
export type Run = Static<typeof Run>;

export const RunList = Type.Object({
  page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer(), items: List(Run),
}, { description: '测算列表（新的在前） Runs of your jurisdiction, inside it and above it, newest first' });
export type RunList = Static<typeof RunList>;

export const RunDetail = Type.Composite([Run, Type.Object({
  counts: Type.Object({ award: Type.Integer(), withheld: Type.Integer(), missing: Type.Integer() }, { description: '您可见的各部分条数 rows of each section you may see' }),
})], { description: '一次测算及可见条数 One run and the counts you may see' });
export type RunDetail = Static<typeof RunDetail>;

export const Explanation = Type.Object({
  rule: Type.String(), document: Type.String(), number: Type.String({ description: '文号' }), article: Type.String(), title: Type.String(),
  text: Type.String({ description: '条款原文 the article\'s words' }),
  subject: Type.String(), subjectName: Type.String(), year: Type.Integer(),
  outcome: StringEnum(['award', 'withheld', 'not-eligible', 'missing', 'not-in-force', 'not-recipient'] as const),
  summary: Type.String({ description: '一句话结论 one Chinese sentence' }),
  steps: List(Step),
  readings: Type.Record(Type.String(), Type.String(), { description: '所用口径 the readings used' }),
  missing: Type.Optional(List(Type.String())),
}, { description: '解释：按文件原文的每一步 Why: every step, in the document\'s words' });
export type Explanation = Static<typeof Explanation>;

const Amount = Nullable(Type.String({ description: '金额（元） yuan, two places', examples: ['200000.00'] }));

export const AwardRow = Type.Object({
  subject: Type.String(), rule: Type.String(), document: Type.String(), article: Type.String(),
  type: AwardType, amount: Amount,
  ceiling: Type.Boolean({ description: '上限金额 the amount is a ceiling' }),
  funder: Type.String({ description: '出资方 who pays' }),
  rank: Nullable(Type.Integer({ description: '名次 the rank, for ranked rules' })),
  interpretations: List(Type.String(), { description: '所用口径 readings used' }),
  funderShares: Type.Optional(Type.Record(Type.String(), Type.String(), { description: '分担 each funder\'s share, in yuan' })),
  explanation: Type.Optional(Explanation),
}, { description: '奖励 An award' });
export type AwardRow = Static<typeof AwardRow>;

export const WithheldRow = Type.Object({
  subject: Type.String(), rule: Type.String(), amount: Amount,
  reason: Type.String({ description: '不予发放的原因 why: once, blacklist, exclusive, pool, cap…' }),
  group: Type.Optional(Type.String()), keptRule: Type.Optional(Type.String({ description: '保留的规则 the rule kept instead' })),
  explanation: Type.Optional(Explanation),
}, { description: '符合条件但不予发放 Eligible, but withheld' });
export type WithheldRow = Static<typeof WithheldRow>;

export const MissingRow = Type.Object({
  subject: Type.String(), rule: Type.String(),
  facts: List(Type.String(), { description: '缺少的数据 facts that would decide it' }),
  of: Type.Optional(Type.Record(Type.String(), List(Type.String()), { description: '其他主体缺少的数据 facts of other subjects it needed' })),
  explanation: Type.Optional(Explanation),
}, { description: '缺数据无法判定 Undecided: facts missing' });
export type MissingRow = Static<typeof MissingRow>;

export const AwardsQuery = Type.Object({
  ...PageProperties,
  section: StringEnum(['award', 'withheld', 'missing'] as const, { default: 'award', description: '部分：奖励、不予发放、缺数据 the section' }),
  document: Type.Optional(Type.String()), rule: Type.Optional(Type.String()), region: Type.Optional(Type.String()), funder: Type.Optional(Type.String()),
  type: Type.Optional(AwardType),
  format: StringEnum(['json', 'csv', 'xlsx'] as const, { default: 'json', description: 'csv 或 xlsx 导出公示名单 csv or xlsx exports the list' }),
  sort: Type.Optional(StringEnum(['amount', '-amount', 'subject', 'rule'] as const, { description: '排序 the order' })),
});
export type AwardsQuery = Static<typeof AwardsQuery>;

export const AwardTotals = Type.Object({
  byFunder: Type.Record(Type.String(), Type.String(), { description: '按出资方合计（元） money by funder' }),
  byCity: Type.Record(Type.String(), Type.String(), { description: '按市合计（元） money by city' }),
});
export type AwardTotals = Static<typeof AwardTotals>;

export const AwardList = Type.Object({
  run: Run,
  page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer(),
  totals: Type.Optional(AwardTotals),
  items: List(Type.Union([AwardRow, WithheldRow, MissingRow])),
}, { description: '公示名单（或不予发放、缺数据），含筛选与合计 The award list (or withheld or missing rows) with totals' });
export type AwardList = Static<typeof AwardList>;

export const Totals = Type.Object({ before: Type.String(), after: Type.String(), delta: Type.String() }, { description: '前后合计（元） before, after and the difference, in yuan' });
export type Totals = Static<typeof Totals>;

export const SubjectChange = Type.Object({
  subject: Type.String(), subjectName: Nullable(Type.String({ description: '主体名称 its name' })),
  before: Type.String(), after: Type.String(), delta: Type.String(),
  gained: List(Type.String(), { description: '新获奖励的规则 rules it gained an award under' }),
  lost: List(Type.String(), { description: '失去奖励的规则 rules it lost one under' }),
});
export type SubjectChange = Static<typeof SubjectChange>;

export const Comparison = Type.Object({
  before: Run, after: Run,
  gainers: List(SubjectChange, { description: '增加的主体（增幅大者在前） who gains, largest first' }),
  losers: List(SubjectChange, { description: '减少的主体 who loses, largest loss first' }),
  byFunder: Type.Record(Type.String(), Totals), byCity: Type.Record(Type.String(), Totals), total: Totals,
}, { description: '两次测算的比较 From run :id to run :other' });
export type Comparison = Static<typeof Comparison>;

const Hashes = Type.Object({ inputHash: Type.String(), resultHash: Type.String() });
export const Rerun = Type.Object({
  run: Id, corpusHash: Type.String(), stored: Hashes, rerun: Hashes,
  same: Type.Boolean({ description: '复算结果与保存的一致 the same hashes as stored' }),
}, { description: '复算：按原政策库版本，用现存数据 Decided again with its own corpus version on the data stored now' });
export type Rerun = Static<typeof Rerun>;

export const Promotion = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 500, description: '确认理由 why it becomes official' }),
}, { examples: [{ reason: '经局务会审定，按模拟方案执行' }] });
export type Promotion = Static<typeof Promotion>;
