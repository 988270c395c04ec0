/**
 * 政策计算器: every rule that could apply to one subject — eligible with its amount, or the failing
 * condition and its gap, or the facts that would decide it — for a posted profile (public, nothing
 * stored) or a stored subject. The steps are an explanation's: the documents' words.
 */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable, StringEnum } from './common.js';

export const Step = Type.Object({
  kind: Type.String({ description: '步骤类型 recipient, validity, condition, benchmark, rank, compute, cap, parameter, once, blacklist, exclusive, pool, interpretation, note', examples: ['condition'] }),
  text: Type.String({ description: '中文说明 the step in Chinese, in the document\'s words' }),
  holds: Type.Optional(Nullable(Type.Boolean({ description: '条件是否满足 a condition: true passed, false failed, null facts missing' }))),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: '机器可读的数值 machine fields: figures the step used' })),
}, { description: '决定的一步 One step of a decision' });
export type Step = Static<typeof Step>;

export const AwardType = StringEnum(['money', 'honor', 'recommendation', 'pending'] as const, { description: '奖励类型 money, honour, recommendation, or pending (金额待定)' });

export const Match = Type.Object({
  rule: Type.String({ description: '规则 the rule id' }),
  document: Type.String({ description: '文件 the document id' }),
  number: Type.String({ description: '文号' }),
  article: Type.String({ description: '条款 the article' }),
  title: Type.String({ description: '标题 the rule\'s title' }),
  status: StringEnum(['eligible', 'not-eligible', 'undecidable', 'withheld', 'not-in-force'] as const, { description: '结果 eligible, not eligible, undecidable (facts missing), withheld, not in force' }),
  type: Nullable(AwardType),
  amount: Nullable(Type.String({ description: '金额（元，两位小数） yuan, two places', examples: ['200000.00'] })),
  ceiling: Type.Boolean({ description: '是否为上限金额 the amount is a ceiling (最高)' }),
  failing: List(Type.String(), { description: '未满足的条件及差距 conditions that failed, with the gap (还差…)' }),
  missing: List(Type.String(), { description: '缺少的数据 facts that would decide it' }),
  steps: List(Step),
}, { description: '一条规则对该主体的结果 What one rule gives the subject' });
export type Match = Static<typeof Match>;

export const MatchAnswer = Type.Object({
  year: Type.Integer({ description: '年度 the year' }),
  subject: Type.String({ description: '主体 the subject id' }),
  matches: List(Match),
}, { description: '可能适用的每条规则 Every rule that could apply to the subject' });
export type MatchAnswer = Static<typeof MatchAnswer>;

/** A subject and its facts in the interchange format (duixian/v1), checked as an import is. */
export const ProfileMatch = Type.Object({
  subject: Type.String({ description: '要测算的主体 id the subject of the dataset to match' }),
  // any object here (checked by the interchange reader, as an import is); an empty object's schema would type a client's dataset as {}
  dataset: Type.Object({}, { additionalProperties: true, description: '数据（duixian/v1 格式） the dataset: format, year, subjects, facts (and its regions\' figures)' }),
}, {
  description: '政策计算器：提交的主体资料（不保存） A profile to match: nothing is stored',
  examples: [{ subject: 'S1', dataset: { format: 'duixian/v1', year: 2024, subjects: [{ id: 'S1', kind: 'enterprise', name: '济南某电商有限公司', region: '370112' }], facts: [{ subject: 'S1', key: 'onlineRetail', year: 2024, value: 120000000 }] } }],
});
export type ProfileMatch = Static<typeof ProfileMatch>;
