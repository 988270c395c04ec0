/**
 * 主体与数据: the subjects inside your jurisdiction, one subject with its tags' history, facts and
 * award history, every revision of its facts, and 政策计算器 for a stored subject.
 */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable, StringEnum, Timestamp } from './common.js';
import { PageProperties, Page } from './paging.js';

export const SUBJECT_SORTS = ['id', '-id', 'name', '-name', 'region', '-region'] as const;

export const SubjectParams = Type.Object({ id: Type.String({ maxLength: 64, description: '主体编号 the subject id' }) });

export const SubjectsQuery = Type.Object({
  ...PageProperties,
  kind: Type.Optional(Type.String({ description: '主体类型 the kind (enterprise, region, platform…)' })),
  region: Type.Optional(Type.String({ description: '地区代码（含下级） in this region or inside it' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: '名称、编号或信用代码 name, id or USCC' })),
  sort: Type.Optional(StringEnum(SUBJECT_SORTS, { description: '排序 the order' })),
});
export type SubjectsQuery = Static<typeof SubjectsQuery>;

export const SubjectMatchQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年度 the year' }) });

export const Subject = Type.Object({
  id: Type.String(), kind: Type.String({ description: '主体类型 the kind' }), name: Type.String({ description: '名称 the name' }),
  region: Nullable(Type.String({ description: '所在地区代码 its region' })),
  uscc: Nullable(Type.String({ description: '统一社会信用代码 its USCC' })),
}, { description: '主体 A subject' });
export type Subject = Static<typeof Subject>;

export const SubjectList = Page(Subject, '辖区内的主体 Subjects inside your jurisdiction');
export type SubjectList = Static<typeof SubjectList>;

export const TagSpan = Type.Object({
  tag: Type.String(), from: Timestamp('起 from'), to: Nullable(Timestamp('止；null 为至今 to; null while it holds')),
});
export type TagSpan = Static<typeof TagSpan>;
export const Fact = Type.Object({
  year: Type.Integer(), quarter: Nullable(Type.Integer({ description: '季度；null 为全年 the quarter; null for the year' })),
  key: Type.String({ description: '指标 the fact key' }), item: Nullable(Type.String()), rule: Nullable(Type.String()),
  value: Type.Number({ description: '数值（金额为分） the value (money in fen)' }), source: Nullable(Type.String({ description: '来源 where it comes from' })),
});
export type Fact = Static<typeof Fact>;

export const SubjectDetail = Type.Object({
  subject: Subject,
  tags: List(TagSpan, { description: '标签及其历史 tags with their history' }),
  facts: List(Fact, { description: '各年度、季度的数据及来源 facts by year and quarter, with sources' }),
  history: List(Type.Object({ rule: Type.String(), year: Type.Integer(), amount: Nullable(Type.Number({ description: '金额（分） fen; null for a non-money award' })) }), { description: '历年获奖 award history' }),
}, { description: '一个主体：标签、数据、获奖历史 One subject: tags, facts, award history' });
export type SubjectDetail = Static<typeof SubjectDetail>;

export const FactRevision = Type.Object({
  subject: Type.String(), year: Type.Integer(), quarter: Type.Optional(Type.Integer()), key: Type.String(),
  item: Type.Optional(Type.String()), rule: Type.Optional(Type.String()),
  oldValue: Type.Number(), newValue: Type.Number(), oldSource: Type.String(), newSource: Type.String(),
  by: Type.String({ description: '修改人 who' }), at: Timestamp('时间 when'), reason: Type.String({ description: '原因 why' }),
  importId: Type.String({ description: '所属导入 the import that changed it' }),
});
export type FactRevision = Static<typeof FactRevision>;

export const FactRevisions = Type.Object({ items: List(FactRevision) }, { description: '数据的每次修改：谁、何时、旧→新、原因 Every change of the subject\'s facts' });
export type FactRevisions = Static<typeof FactRevisions>;
