/**
 * 申报与评审: an enterprise's application (or a 免申即享 entry that needs none) as the API shows it —
 * amounts in yuan, what the caller may do next, the deadline's status — and what each step of the
 * workflow is asked with: the window of a rule, a draft's facts, an action, a batch approval, the
 * amount of a 金额待定 award, the evidence attached.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum, Timestamp } from './common.js';
import { Page, PageProperties } from './paging.js';
import { Explanation } from './runs.js';

/** A database id as the API writes it: digits, never a number (ids outgrow JavaScript's). */
export const RecordId = (description: string) => Type.String({ pattern: '^[0-9]{1,18}$', description, examples: ['42'] });
export const IdParams = Type.Object({ id: RecordId('申报编号 the application') });
export type IdParams = Static<typeof IdParams>;

/** A calendar year as every route takes it. */
export const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: '年度 the year', examples: [2024] });
/** An amount in yuan as the API writes it: two decimals, as text (fen never rounded through floating point). */
export const Yuan = (description: string) => Type.String({ description, examples: ['200000.00'] });
/** An amount as people type it: "500000", "50万元". */
export const AmountText = (description: string) => Type.String({ maxLength: 32, description, examples: ['50万元'] });
/** A date, inclusive, in the calendar of China. */
export const Day = (description: string) => Type.String({ format: 'date', description, examples: ['2024-03-01'] });
/** Text in both languages. */
export const ZhEn = { zh: Type.String({ description: '中文' }), en: Type.String({ description: 'in English' }) };

/** The states of an application, in @duixian/workflow's order (the contract test checks they are the same). */
export const APPLICATION_STATES = [
  'draft', 'county-review', 'city-review', 'province-review', 'returned', 'rejected', 'approved', 'on-notice', 'final', 'paid', 'withdrawn',
] as const;
export const ApplicationState = StringEnum(APPLICATION_STATES, { description: '状态 the state: draft, county-review … final, paid' });
export type ApplicationState = Static<typeof ApplicationState>;

/** The steps a caller may take on an application through the API (publish, pay… are other operations). */
export const APPLICATION_ACTIONS = ['save', 'submit', 'approve', 'return', 'reject', 'withdraw'] as const;
export const ApplicationActionName = StringEnum(APPLICATION_ACTIONS, { description: '可以进行的操作 a step the caller may take' });

/** A fact the enterprise fills in, in the interchange's terms: the value as written ("7万元"). */
export const FilledFact = Type.Object({
  key: Type.String({ maxLength: 64, description: '指标 the indicator', examples: ['physicalGoodsOnlineRetail'] }),
  item: Type.Optional(Type.String({ maxLength: 200, description: '细目 the item, where the indicator has several' })),
  value: Type.String({ maxLength: 64, description: '数值（可带单位） the value as written', examples: ['6000万元'] }),
}, { additionalProperties: false, description: '填报数据 A fact filled in' });
export type FilledFact = Static<typeof FilledFact>;
export const FilledFacts = Type.Array(FilledFact, { maxItems: 50, description: '填报数据（最多 50 项） the facts filled in (at most 50)' });

export const ApplicationView = Type.Object({
  id: RecordId('申报编号 the application'),
  subjectId: Type.String({ description: '主体 the subject (enterprise)' }),
  subjectName: Nullable(Type.String({ description: '企业名称 the enterprise\'s name (null: a subject no longer stored)' })),
  rule: Type.String({ description: '条款 the rule (clause)', examples: ['jining-2022-54/2.retail-2023'] }),
  document: Type.String({ description: '文件 the document' }),
  year: Type.Integer({ description: '年度 the year' }),
  mode: StringEnum(['application', 'automatic'] as const, { description: '依申请 or 免申即享' }),
  state: ApplicationState,
  chain: Type.Array(StringEnum(['county', 'city', 'province'] as const, { description: '层级 a level' }), { description: '审核层级 the levels that review it, in order' }),
  region: Type.String({ description: '所在县（区） the subject\'s county' }),
  funder: Type.String({ description: '资金来源（承担财政） the government that pays' }),
  decided: Nullable(Yuan('测算金额（元） the amount the engine decided (null: none, or 金额待定)')),
  approved: Nullable(Yuan('核定金额（元） the amount approved')),
  held: Nullable(Yuan('占用预算（元） what it holds of its budget: reserved in review, committed once approved')),
  ceiling: Type.Boolean({ description: '是否按最高限额 whether the amount is the text\'s ceiling (最高…)' }),
  amountPending: Type.Boolean({ description: '金额待定: the funder sets the amount in review (decided stays null until then)' }),
  runId: Nullable(Type.String({ description: '免申即享: the official run it was listed from' })),
  facts: Type.Array(FilledFact, { description: '企业填报的数据 the facts filled in' }),
  explanation: Nullable(Type.Partial(Explanation, { description: '测算说明 the engine\'s explanation of the decision' })),
  reviewDue: Nullable(Day('审核期限 the review\'s last day')),
  deadline: Nullable(StringEnum(['ok', 'due-soon', 'overdue'] as const, { description: '期限状态 the deadline: in time, due soon, overdue' })),
  version: Type.Integer({ description: '版本：下一步须带上 the version a step must send (a stale page is refused)' }),
  actions: Type.Array(ApplicationActionName, { description: '您可以进行的操作 what you may do next' }),
}, {
  description: '申报（或免申即享名单项） An application, or an entry that needs none',
  examples: [{
    id: '42', subjectId: 'S001', subjectName: '济宁某电商有限公司', rule: 'jining-2022-54/2.retail-2023', document: 'jining-2022-54', year: 2023, mode: 'application',
    state: 'county-review', chain: ['county', 'city'], region: '370811', funder: '370800', decided: '200000.00', approved: null, held: null, ceiling: false,
    amountPending: false, runId: null, facts: [{ key: 'physicalGoodsOnlineRetail', value: '6000万元' }], explanation: { summary: '给予奖励 200000.00 元' },
    reviewDue: '2024-04-12', deadline: 'ok', version: 2, actions: ['approve', 'return', 'reject'],
  }],
});
export type ApplicationView = Static<typeof ApplicationView>;

/** What deciding the application again today gives that is worse than the decision it was queued with. */
export const Change = Type.Object({ code: Type.String({ description: '变化 what changed: blacklisted, granted…' }), ...ZhEn }, { description: '与列入时相比的变化 A change since queueing' });
export type Change = Static<typeof Change>;

/** A stored fact the decision was made on: its indicator, year, and value as people write it (6,000万元). */
export const UsedFact = Type.Object({
  key: Type.String({ description: '指标 the indicator' }),
  year: Type.Integer({ description: '年度 the year' }),
  item: Nullable(Type.String({ description: '细目 the item' })),
  value: Type.String({ description: '数值（带单位） as people write it: 6000万元, 27.6%' }),
  source: Nullable(Type.String({ description: '来源 whose data' })),
}, { description: '测算所用的已有数据 A stored fact the decision read' });
export type UsedFact = Static<typeof UsedFact>;

export const ApplicationEvent = Type.Object({
  action: Type.String({ description: '操作 the step: create, submit, approve, return, set-amount, publish, pay…' }),
  from: Nullable(Type.String({ description: '之前状态 the state before' })),
  to: Type.String({ description: '之后状态 the state after' }),
  level: Nullable(Type.String({ description: '层级 the reviewing level' })),
  reasons: Type.Array(Type.String(), { description: '意见 the reasons given' }),
  amount: Nullable(Yuan('金额（元） the amount of the step')),
  by: Type.String({ description: '操作人 who' }),
  at: Timestamp('时间 when'),
}, { description: '办理记录 One step of its history' });

export const Attachment = Type.Object({
  id: RecordId('附件编号 the attachment'),
  name: Type.String({ description: '文件名 the file\'s name' }),
  type: Type.String({ description: '类型 its media type', examples: ['application/pdf'] }),
  size: Type.Integer({ description: '字节数 its size in bytes' }),
  sha256: Type.String({ description: 'SHA-256 (hex)' }),
}, { description: '证明材料 An attachment' });
export type Attachment = Static<typeof Attachment>;

/** An attachment as the detail lists it: also who attached it and when. */
export const AttachmentListed = Type.Composite([Attachment, Type.Object({ by: Type.String({ description: '上传人 who attached it' }), at: Timestamp('上传时间 when') })]);

export const ApplicationDetail = Type.Composite([ApplicationView, Type.Object({
  used: Type.Array(UsedFact, { description: '测算所用的已有数据 the stored facts its rule reads, for its year and the year before' }),
  changes: Type.Array(Change, { description: '今天重新测算的变化（审核通过须确认） what deciding it again today changes (an approval must acknowledge it)' }),
  events: Type.Array(ApplicationEvent, { description: '办理记录 every step, oldest first' }),
  attachments: Type.Array(AttachmentListed, { description: '证明材料 its attachments' }),
})], { description: '申报详情 One application: its facts, the explanation, every step, its attachments' });
export type ApplicationDetail = Static<typeof ApplicationDetail>;

// ---- what the operations are asked with ---------------------------------------------------------

export const WindowBody = Type.Object({
  rule: Type.String({ description: '条款 the rule', examples: ['jining-2022-54/2.retail-2023'] }),
  year: Year,
  opens: Day('开始日期（含） the first day'),
  closes: Day('截止日期（含） the last day'),
}, { additionalProperties: false, description: '申报窗口 The application window of a rule and year', examples: [{ rule: 'jining-2022-54/2.retail-2023', year: 2023, opens: '2024-03-01', closes: '2024-03-31' }] });
export const WindowSet = Type.Composite([Type.Object({ ok: Type.Literal(true) }), WindowBody], { description: '已设置 The window as set' });

/** The queue's filters beside state, year and clause: a region inside one's jurisdiction, and an amount range (both ends included). */
export const QueueFilters = {
  region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: '地区：本辖区内（含下级） a region inside your jurisdiction: its applications and those of the regions inside it' })),
  min: Type.Optional(AmountText('金额下限 at least this amount (approved, else decided), e.g. "100000" or "10万元"')),
  max: Type.Optional(AmountText('金额上限 at most this amount')),
};
export type QueueFilters = { region?: string; min?: string; max?: string };

export const ApplicationQuery = Type.Object({
  page: Type.Optional(PageProperties.page), pageSize: Type.Optional(PageProperties.pageSize),
  state: Type.Optional(ApplicationState), year: Type.Optional(Year), rule: Type.Optional(Type.String({ description: '条款 the rule' })),
  ...QueueFilters,
});
export const ApplicationPage = Page(ApplicationView, '申报列表 A page of applications');

export const NewApplicationBody = Type.Object({
  subject: Type.String({ description: '本企业的主体编号 your enterprise\'s subject' }),
  rule: Type.String({ description: '条款（须依申请） a rule that needs an application' }),
  year: Year,
  facts: Type.Optional(FilledFacts),
}, { additionalProperties: false, examples: [{ subject: 'S001', rule: 'jining-2022-54/2.retail-2023', year: 2023, facts: [{ key: 'physicalGoodsOnlineRetail', value: '6000万元' }] }] });

export const FactsBody = Type.Object({ version: Type.Integer({ description: '版本 the version you saw' }), facts: FilledFacts }, { additionalProperties: false });

/** Approve (or pay) although the decision changed since the application was queued: why. */
export const Acknowledge = Type.Object({ reason: Type.String({ maxLength: 500, description: '确认理由 why' }) }, {
  additionalProperties: false, description: '确认变化 approve (or pay) although the decision changed since the application was queued: why',
});

export const ActionBody = Type.Object({
  action: StringEnum(['submit', 'withdraw', 'approve', 'return', 'reject'] as const, { description: '提交、撤回（企业）；通过、退回补正、不予支持（当前层级的审核人） the step' }),
  version: Type.Integer({ description: '版本 the version you saw' }),
  reasons: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20, description: '意见 reasons' })),
  amount: Type.Optional(AmountText('核减后的金额（须低于最高限额并写明理由） approve: less than a 最高 ceiling (with a reason), e.g. "30000" or "3万元"')),
  acknowledge: Type.Optional(Acknowledge),
}, { additionalProperties: false, examples: [{ action: 'approve', version: 2, reasons: ['材料齐全'] }] });
export type ActionBody = Static<typeof ActionBody>;

/** How many applications one batch approval takes at most (each is decided again: about a second's work per 20). */
export const BATCH_MAX = 500;

export const BatchBody = Type.Object({
  ids: Type.Optional(Type.Array(RecordId('申报编号'), { minItems: 1, maxItems: BATCH_MAX, uniqueItems: true, description: '要通过的申报 the applications' })),
  filter: Type.Optional(Type.Object({ year: Type.Optional(Year), rule: Type.Optional(Type.String()), ...QueueFilters }, { additionalProperties: false, description: '或：本级待审中符合条件的全部 or: all waiting at your level that match' })),
  action: StringEnum(['approve'] as const, { description: '只能批量通过 approve only' }),
  reason: Type.String({ maxLength: 500, description: '审核意见 the reason, for each' }),
}, { additionalProperties: false, examples: [{ ids: ['42', '43'], action: 'approve', reason: '材料齐全，同意' }] });

export const BatchRow = Type.Object({
  id: RecordId('申报编号'),
  subjectId: Nullable(Type.String()),
  subjectName: Nullable(Type.String({ description: '企业名称' })),
  outcome: StringEnum(['done', 'refused'] as const, { description: '已通过 done, or refused' }),
  state: Nullable(ApplicationState),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.Object(ZhEn) }, { description: '未通过的原因 why it was refused' })),
  changes: Type.Optional(Type.Array(Change, { description: '决定有变化：须单独审核 its decision changed: open it on its own' })),
});
export type BatchRow = Static<typeof BatchRow>;
export const BatchResult = Type.Object({
  total: Type.Integer(), done: Type.Integer(), refused: Type.Integer(), items: Type.Array(BatchRow),
}, { description: '批量审核结果：逐项通过或未通过 Each row done, or refused with why' });
export type BatchResult = Static<typeof BatchResult>;

export const AmountBody = Type.Object({
  version: Type.Integer({ description: '版本 the version you saw' }),
  amount: AmountText('金额 e.g. "50000" or "5万元"'),
  reason: Type.String({ maxLength: 500, description: '理由 why' }),
}, { additionalProperties: false, examples: [{ version: 3, amount: '5万元', reason: '按实际投入的 50% 核定' }] });

export const AttachmentParams = Type.Object({ id: RecordId('申报编号 the application'), file: RecordId('附件编号 the attachment') });

/** What waits on an account, by the menu item it is done in. */
export const Todo = Type.Object({
  approvals: Type.Integer({ description: '审核: applications at its review level (an enterprise: its own returned for correction)' }),
  notices: Type.Integer({ description: '公示: approved awards waiting for a notice, notices past their last day with no objection open' }),
  lists: Type.Integer({ description: '名单管理: entries waiting for a second pair of eyes' }),
  loans: Type.Integer({ description: '齐鲁电商贷: applications in its bank\'s queue' }),
}, { description: '待办 What waits on you' });
export type Todo = Static<typeof Todo>;

export const Enlisted = Type.Object({
  created: Type.Integer({ description: '新列入 entries listed now' }),
  existing: Type.Integer({ description: '已在名单中 entries there already' }),
}, { description: '免申即享列入结果 The awards listed' });
export type Enlisted = Static<typeof Enlisted>;

/** The response map entry of a download: bytes of the named type. */
