/**
 * 申报指南: the application windows of the clauses in force, and for an enterprise every clause that
 * needs an application — whether it can apply (and why not), its windows, the data the decision
 * reads and the papers to attach.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common.js';
import { Day, Year, ZhEn } from './applications.js';

/** A window's state today: the dates are inclusive. */
export const WindowState = StringEnum(['open', 'upcoming', 'closed'] as const, { description: '申报中、未开始、已截止 open, upcoming or closed (today)' });
export type WindowState = Static<typeof WindowState>;

const WindowDates = {
  year: Type.Integer({ description: '年度 the year' }),
  opens: Day('开始日期（含） the first day'),
  closes: Day('截止日期（含） the last day'),
  state: WindowState,
};

export const WindowsQuery = Type.Object({
  rule: Type.Optional(Type.String({ maxLength: 200, description: '条款 only this rule' })),
  year: Type.Optional(Year),
}, { additionalProperties: false });

export const Windows = Type.Object({
  today: Day('今天 today'),
  items: Type.Array(Type.Object({ rule: Type.String({ description: '条款 the rule' }), ...WindowDates }), { description: '申报窗口：按条款，年度新的在前 by rule, newest year first' }),
}, { description: '申报窗口 The application windows of the clauses in force' });
export type Windows = Static<typeof Windows>;

export const GuideWindow = Type.Object(WindowDates);
export type GuideWindow = Static<typeof GuideWindow>;

export const Clause = Type.Object({
  rule: Type.String({ description: '条款 the rule' }),
  document: Type.String({ description: '文件 the document' }),
  number: Type.String({ description: '文号 its number' }),
  article: Type.String({ description: '条 the article' }),
  title: Type.String({ description: '标题 the clause\'s title' }),
  applicable: Type.Boolean({ description: '可以申报 whether the enterprise can apply' }),
  notApplicable: Type.Array(Type.Object({ code: StringEnum(['region', 'kind'] as const, { description: '地区或主体类型不符 region or kind' }), ...ZhEn }), { description: '不能申报的原因 why not' }),
  windows: Type.Array(GuideWindow, { description: '申报窗口 its windows' }),
  data: Type.Array(Type.Object({
    key: Type.String({ description: '指标 the indicator' }),
    label: Type.String({ description: '名称 its name' }),
    unit: Type.String({ description: '单位 its unit' }),
    from: StringEnum(['enterprise', 'government'] as const, { description: '企业填报，或政府已有 filled in by the enterprise, or held by the government' }),
    source: Type.String({ description: '来源 whose' }),
  }), { description: '测算读取的数据 what the decision reads' }),
  evidence: Type.Array(Type.Object({
    label: Type.String({ description: '证明事项 what is shown' }),
    why: Type.String({ description: '依据 the corpus\'s words' }),
    papers: Nullable(Type.String({ description: '须提供的材料 the papers (null: a choice or a pledge made in the form)' })),
  }), { description: '证明材料 the evidence to attach' }),
}, { description: '可申报条款 A clause that needs an application' });
export type Clause = Static<typeof Clause>;

export const ApplyGuide = Type.Object({
  today: Day('今天 today'),
  subject: Nullable(Type.Object({
    id: Type.String(), name: Type.String(), kind: Type.String({ description: '主体类型 its kind' }),
    region: Nullable(Type.String({ description: '注册地 where it is registered' })),
  }, { description: '本企业（null：尚未录入） your enterprise (null: not in the system yet)' })),
  clauses: Type.Array(Clause),
}, { description: '申报指南 What an enterprise can apply for, and what it needs' });
export type ApplyGuide = Static<typeof ApplyGuide>;
