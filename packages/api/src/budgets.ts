/**
 * 预算与拨付: budgets per document, funder and year with their use and warnings, totals by funder,
 * and the payments recorded against final awards.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common.js';
import { Acknowledge, AmountText, ApplicationState, Day, RecordId, Year, Yuan } from './applications.js';

export const BudgetBody = Type.Object({
  document: Type.String({ maxLength: 200, description: '文件（现行政策库） a document of the corpus in force (GET /api/documents)' }),
  funder: Type.String({ pattern: '^[0-9]{6}$', description: '资金来源（地区代码） the government that pays' }),
  year: Year,
  total: AmountText('预算总额 the total, e.g. "500万元"'),
}, { additionalProperties: false, examples: [{ document: 'jining-2022-54', funder: '370800', year: 2023, total: '500万元' }] });

export const Budget = Type.Object({
  document: Type.String({ description: '文件 the document' }),
  funder: Type.String({ description: '资金来源 the funder' }),
  year: Type.Integer({ description: '年度 the year' }),
  total: Yuan('预算（元） the total'),
  committed: Yuan('已核定（元） committed by final approvals'),
  reserved: Yuan('已预留（元） reserved by first approvals'),
  paid: Yuan('已拨付（元） paid'),
  remaining: Yuan('剩余（元） what is left'),
  permille: Type.Integer({ description: '使用率（千分比） committed, per mille of the total' }),
  warning: StringEnum(['none', '70', '90', 'exhausted'] as const, { description: '预警 none, 70%, 90% or exhausted' }),
}, { description: '预算 A budget and its use' });
export type Budget = Static<typeof Budget>;

export const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ description: '年度 the year' })) });

export const Budgets = Type.Object({
  items: Type.Array(Budget),
  totals: Type.Array(Type.Object({ funder: Type.String(), total: Yuan('预算'), committed: Yuan('已核定'), reserved: Yuan('已预留'), paid: Yuan('已拨付') }), { description: '按资金来源合计 totals by funder' }),
}, { description: '辖区内的预算 The budgets of the funders in your jurisdiction' });
export type Budgets = Static<typeof Budgets>;

export const DisbursementBody = Type.Object({
  application: RecordId('申报编号 the final award'),
  orderNo: Type.String({ minLength: 1, maxLength: 64, description: '支付指令号 the finance system\'s payment order' }),
  paidOn: Day('拨付日期 the day it was paid'),
  amount: AmountText('金额 the amount'),
  acknowledge: Type.Optional(Acknowledge),
}, { additionalProperties: false, examples: [{ application: '42', orderNo: 'ZF2024-0001', paidOn: '2024-06-30', amount: '200000' }] });

export const DisbursementRecorded = Type.Object({
  application: RecordId('申报编号'),
  paid: Yuan('累计已拨付（元） paid so far'),
  approved: Nullable(Yuan('核定金额（元） approved')),
  state: ApplicationState,
}, { description: '已记录 The payment recorded: paid so far, and the award\'s state (paid once payments reach the approved amount)' });

export const DisbursementsQuery = Type.Object({
  year: Type.Optional(Type.Integer({ description: '年度 the year' })),
  format: Type.Optional(StringEnum(['json', 'csv'] as const, { description: 'json, or csv for the finance system', default: 'json' })),
});

export const Disbursement = Type.Object({
  applicationId: RecordId('申报编号'),
  orderNo: Type.String({ description: '支付指令号' }),
  paidOn: Day('拨付日期'),
  amount: Yuan('金额（元）'),
  subjectId: Type.String(),
  subjectName: Type.String({ description: '企业名称' }),
  uscc: Nullable(Type.String({ description: '统一社会信用代码' })),
  rule: Type.String(), document: Type.String(), funder: Type.String(), year: Type.Integer(),
}, { description: '拨付 A payment' });
export type Disbursement = Static<typeof Disbursement>;

export const Disbursements = Type.Object({ items: Type.Array(Disbursement) }, { description: '拨付明细 The payments, oldest first' });

/** The payments as JSON, or (format=csv) as the CSV file for the finance system. */
export const DisbursementsAnswer = {
  content: {
    'application/json': { schema: Disbursements },
    'text/csv': { schema: Type.String({ description: '拨付明细 CSV（支付指令号、拨付日期、金额…） the payments as CSV for the finance system' }) },
  },
};
