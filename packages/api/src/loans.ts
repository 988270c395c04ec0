/**
 * 齐鲁电商贷: the partner banks (合作银行) the province keeps, an enterprise's application and
 * the bank's decision, with the e-commerce data summary the enterprise consented to share.
 */
import { Type, type Static } from '@sinclair/typebox';
import { RecordId } from './applications.js';
import { List, Nullable, StringEnum, Timestamp } from './common.js';
import { Page, PageProperties } from './paging.js';

export const LOAN_STATES = ['queued', 'accepted', 'declined', 'withdrawn'] as const;
/** store's SUMMARY_KEYS */
export const SUMMARY_KEYS = ['onlineRetail', 'physicalGoodsOnlineRetail', 'crossBorderTransactions'] as const;

export const BankParams = Type.Object({ id: RecordId('合作银行编号 the partner bank') });
export const LoanParams = Type.Object({ id: RecordId('贷款申请编号 the loan application') });

/** A partner bank as the province gives it; the store checks each field and names it. */
export const BankBody = Type.Object({
  name: Type.String({ maxLength: 64, description: '银行名称，如 齐鲁银行济宁分行 the bank\'s name' }),
  regions: Type.Array(Type.String({ maxLength: 6 }), { maxItems: 200, description: '服务地区代码：全省、市或县级 the region codes it serves: the province, cities or county-level units' }),
  contact: Type.String({ maxLength: 64, description: '联系人 contact' }),
  phone: Type.String({ maxLength: 32, description: '联系电话 telephone' }),
}, {
  additionalProperties: false,
  examples: [{ name: '齐鲁银行济宁分行', regions: ['370800'], contact: '王经理', phone: '0537-2345678' }],
});
export type BankBody = Static<typeof BankBody>;

export const Bank = Type.Object({
  id: Type.String(),
  name: Type.String({ description: '银行名称 name' }),
  regions: List(Type.String(), { description: '服务地区代码 the regions it serves' }),
  contact: Type.String(),
  phone: Type.String(),
  createdBy: Type.String({ description: '添加人 who added it' }),
  updatedBy: Nullable(Type.String({ description: '最后修改人 who changed it last' })),
}, { description: '合作银行 A partner bank' });
export type Bank = Static<typeof Bank>;

export const BankList = Type.Object({ items: List(Bank) }, { description: '合作银行 The partner banks' });
export type BankList = Static<typeof BankList>;

export const LoanBanksQuery = Type.Object({
  subject: Type.Optional(Type.String({ maxLength: 64, description: '主体编号（企业用户可省略：本企业） a subject (an enterprise: its own when absent)' })),
});
export const LoanBanks = Type.Object({
  subject: Nullable(Type.String({ description: '主体编号 the subject' })),
  region: Nullable(Type.String({ description: '主体所在地区 its region' })),
  banks: List(Type.String(), { description: '服务该地区的合作银行 the partner banks serving the region' }),
  min: Type.String({ description: '最低金额（元） the least amount, yuan', examples: ['100000.00'] }),
  max: Type.String({ description: '最高金额（元） the largest amount, yuan', examples: ['10000000.00'] }),
}, { description: '可申请的合作银行与额度 The banks one may apply to, and the bounds' });
export type LoanBanks = Static<typeof LoanBanks>;

export const LoanQuery = Type.Object({
  page: Type.Optional(PageProperties.page),
  pageSize: Type.Optional(PageProperties.pageSize),
  state: Type.Optional(StringEnum(LOAN_STATES, { description: '状态 state' })),
});
export type LoanQuery = Static<typeof LoanQuery>;

export const LoanApplication = Type.Object({
  subject: Type.String({ maxLength: 64, description: '本企业的主体编号 your enterprise\'s subject' }),
  amount: Type.String({ maxLength: 32, description: '金额（元），10万–1000万元 yuan: "500000.00", "50万元"; 100000.00 to 10000000.00' }),
  termMonths: Type.Integer({ description: '期限（月） term in months' }),
  purpose: Type.String({ maxLength: 2000, description: '用途 purpose' }),
  bank: Type.String({ maxLength: 64, description: '承贷合作银行 the partner bank' }),
  consent: Type.Optional(Type.Boolean({ description: '同意向承贷银行提供本企业电商经营数据摘要: without it (false or absent) nothing is routed, and the answer names the field' })),
}, {
  additionalProperties: false,
  examples: [{ subject: 'E1', amount: '50万元', termMonths: 12, purpose: '备货', bank: '齐鲁银行济宁分行', consent: true }],
});
export type LoanApplication = Static<typeof LoanApplication>;

export const LoanDecision = Type.Object({
  accept: Type.Boolean({ description: '受理或不予受理 accept or decline' }),
  note: Type.Optional(Type.String({ maxLength: 2000, description: '说明（不予受理时写明原因） a note: the reason of a decline' })),
}, { additionalProperties: false, examples: [{ accept: false, note: '材料不全' }] });
export type LoanDecision = Static<typeof LoanDecision>;

const YuanOrNull = (description: string) => Nullable(Type.String({ description, examples: ['50000.00'] }));

export const LoanSummary = Type.Object({
  asOf: Type.String({ description: '摘要日期 the day it was taken' }),
  subject: Type.Object({ id: Type.String(), name: Type.String(), uscc: Nullable(Type.String()), region: Nullable(Type.String()) }),
  year: Nullable(Type.Integer({ description: '数据年度 the latest year with figures' })),
  facts: List(Type.Object({
    key: StringEnum(SUMMARY_KEYS, { description: '指标 the figure' }),
    fen: Nullable(Type.Integer({ description: '分 fen' })),
    quarters: Type.Optional(List(Type.Integer(), { description: '合计的季度 the quarters summed' })),
    amount: YuanOrNull('元 yuan'),
  })),
  awards: List(Type.Object({
    rule: Type.String(),
    year: Type.Integer(),
    fen: Nullable(Type.Integer()),
    source: StringEnum(['history', 'process'] as const),
    state: Type.Optional(Type.String()),
    amount: YuanOrNull('元 yuan'),
  })),
}, { description: '经企业同意提供给银行的电商经营数据摘要 The e-commerce data summary the enterprise consented to share' });

export const Loan = Type.Object({
  id: Type.String(),
  subjectId: Type.String(),
  region: Type.String(),
  bank: Type.String(),
  amount: Type.String({ description: '金额（元） yuan', examples: ['500000.00'] }),
  termMonths: Type.Integer(),
  purpose: Type.String(),
  consent: Type.Boolean(),
  consentAt: Nullable(Timestamp('同意时间 when the enterprise consented')),
  summary: Nullable(LoanSummary),
  state: StringEnum(LOAN_STATES, { description: '状态 queued, accepted, declined or withdrawn' }),
  by: Type.String({ description: '申请人账号 who applied' }),
  at: Timestamp('申请时间 when'),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp('银行决定时间 when the bank decided')),
  note: Nullable(Type.String()),
  actions: List(StringEnum(['accept', 'decline', 'withdraw'] as const), { description: '您可进行的操作 what you may do' }),
}, { description: '齐鲁电商贷申请 A loan application' });
export type Loan = Static<typeof Loan>;

export const LoanPage = Page(Loan, '贷款申请一页 A page of loan applications');
