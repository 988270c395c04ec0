/**
 * 预算与拨付 over HTTP: budgets per document, funder and year, set by the funder's own level (the
 * province for any); their use (reserved by first approvals, committed by final ones) with the
 * 70% / 90% warnings and totals by funder; payments recorded against final awards by the funder's
 * level, each decided again first (recheck.ts: a change since the award was queued must be
 * acknowledged with a reason); and the payments as CSV for the finance system.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type ApplicationState, Budget, BudgetBody, Budgets, DisbursementBody, DisbursementRecorded, DisbursementsAnswer, DisbursementsQuery, errorResponses, YearQuery } from '@duixian/api';
import { yuanString } from '@duixian/engine';
import { spreadsheetCsv } from '@duixian/interchange';
import { listBudgets, listDisbursements, readApplication, recordDisbursement, setBudget, type Account, type Store } from '@duixian/store';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import type { YearData } from '../year-data.js';
import { acknowledged, changesOf } from '../recheck.js';
import { ADMINS, READERS, regionsWithin, seesAll } from '../auth/access.js';
import { amountOf, documentOf, processError, type ProcessContext } from '../process.js';
import { ApiError } from '../errors.js';

const yuan = yuanString;

/**
 * A funder `me` answers for: its own government's finance (本级财政) — a city's administrator sets
 * neither a county's budget nor pays a county-funded award — or any, for the province.
 */
export const answersFor = (me: Account, funder: string) => seesAll(me) || me.region === funder;

/** A payment is made in or after the award's performance year, and not in the future (a date the finance system has). */
function paidWithin(year: number, paidOn: string, today: string): void {
  if (paidOn < `${year}-01-01` || paidOn > today) {
    const en = paidOn > today ? `the payment date ${paidOn} is in the future (today is ${today})` : `the payment date ${paidOn} is before the award's year ${year}`;
    throw new ApiError(422, 'invalid-date', paidOn > today ? `拨付日期 ${paidOn} 晚于今天（${today}），请填写实际拨付日期` : `拨付日期 ${paidOn} 早于奖励所属年度 ${year} 年，请核对`, en, [{ path: 'paidOn', message: en }]);
  }
}

export function budgetRoutes(store: Store, years: YearData, ctx: ProcessContext) {
  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    app.post('/api/budgets', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['预算'], summary: '设置（或修改）预算 Set (or change) the budget of a document, funder and year',
        description: '资金来源本级（或省级）设置；不能低于已预留和已核定的金额。By the funder\'s level (or the province); never below what is reserved and committed.',
        body: BudgetBody, response: { 200: Budget, ...errorResponses(400, 401, 403, 409, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      documentOf(req.body.document);
      if (!answersFor(me, req.body.funder)) throw outsideJurisdiction(`资金来源 ${req.body.funder} `, `Funder ${req.body.funder}`);
      const b = await setBudget(store, { ...req.body, totalFen: amountOf(req.body.total, 'total') }, me.username).catch(processError);
      return view(b);
    });

    app.get('/api/budgets', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['预算'], summary: '预算使用情况 Budgets of the funders in your jurisdiction',
        description: '总额、已核定、已预留、已拨付、预警（70%、90%、用尽），以及按资金来源的合计。Total, committed, reserved, paid, the warning (70%, 90%, exhausted), and totals by funder.',
        querystring: YearQuery, response: { 200: Budgets, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const items = await listBudgets(store, { ...(seesAll(me) ? {} : { funders: regionsWithin(me.region!) }), ...(req.query.year ? { year: req.query.year } : {}) });
      const byFunder = new Map<string, { total: number; committed: number; reserved: number; paid: number }>();
      for (const b of items) {
        const t = byFunder.get(b.funder) ?? { total: 0, committed: 0, reserved: 0, paid: 0 };
        byFunder.set(b.funder, { total: t.total + b.totalFen, committed: t.committed + b.committedFen, reserved: t.reserved + b.reservedFen, paid: t.paid + b.paidFen });
      }
      return {
        items: items.map(view),
        totals: [...byFunder].map(([funder, t]) => ({ funder, total: yuan(t.total), committed: yuan(t.committed), reserved: yuan(t.reserved), paid: yuan(t.paid) })),
      };
    });

    app.post('/api/disbursements', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['预算'], summary: '记录拨付 Record a payment against a final award (the funder\'s level)',
        description: '拨付前按今天的数据重新测算，有变化须写明理由确认；累计拨付达到核定金额时，奖励变为已拨付。Decided again first (a change must be acknowledged with a reason); the award is paid when payments reach the approved amount.',
        body: DisbursementBody, response: { 201: DisbursementRecorded, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const a = await readApplication(store, req.body.application).catch(processError);
      if (!answersFor(me, a.funder)) throw outsideJurisdiction(`资金来源 ${a.funder} `, `Funder ${a.funder}`);
      paidWithin(a.year, req.body.paidOn, ctx.today());
      const amountFen = amountOf(req.body.amount, 'amount', true);
      const acknowledgement = acknowledged(await changesOf(store, years, a), req.body.acknowledge);
      const r = await recordDisbursement(store, { applicationId: a.id, orderNo: req.body.orderNo, paidOn: req.body.paidOn, amountFen }, me.role, me.username, acknowledgement).catch(processError);
      return reply.status(201).send({ application: a.id, paid: yuan(r.paidFen), approved: a.approvedFen === null ? null : yuan(a.approvedFen), state: r.state as ApplicationState });
    });

    app.get('/api/disbursements', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['预算'], summary: '拨付明细 Payments of the funders in your jurisdiction',
        description: 'format=csv：给财政系统的 CSV 文件（名称和指令号按文本，不作公式）。format=csv for the finance system (names and order numbers as text, never formulas).',
        querystring: DisbursementsQuery, response: { 200: DisbursementsAnswer, ...errorResponses(400, 401, 403) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const rows = await listDisbursements(store, { ...(seesAll(me) ? {} : { funders: regionsWithin(me.region!) }), ...(req.query.year ? { year: req.query.year } : {}) });
      if (req.query.format !== 'csv') return { items: rows.map(({ amountFen, ...r }) => ({ ...r, amount: yuan(amountFen) })) };
      const head = ['支付指令号', '拨付日期', '金额（元）', '申报编号', '企业名称', '统一社会信用代码', '条款', '文件', '资金来源', '年度'];
      const lines = rows.map((r) => [r.orderNo, r.paidOn, yuan(r.amountFen), r.applicationId, r.subjectName, r.uscc ?? '', r.rule, r.document, r.funder, String(r.year)]);
      void reply.header('content-disposition', `attachment; filename="duixian-disbursements.csv"; filename*=UTF-8''${encodeURIComponent('拨付明细.csv')}`);
      return reply.type('text/csv; charset=utf-8').send(spreadsheetCsv([head, ...lines])); // names and order numbers as text, never formulas
    });
  };
}

function view(b: Awaited<ReturnType<typeof listBudgets>>[number]) {
  return {
    document: b.document, funder: b.funder, year: b.year, total: yuan(b.totalFen), committed: yuan(b.committedFen), reserved: yuan(b.reservedFen), paid: yuan(b.paidFen),
    remaining: yuan(b.use.remainingFen), permille: b.use.permille, warning: b.use.warning,
  };
}
