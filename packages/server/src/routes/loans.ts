/**
 * 齐鲁电商贷 over HTTP. An enterprise user applies for its own enterprise: amount (10万–1000万元,
 * both ends included), term, purpose, the partner bank, and its consent to share its e-commerce
 * data summary with that bank — without consent nothing is routed. A partner bank's staff see
 * only their bank's queue, in the region they serve, with the summaries, and accept or decline;
 * the enterprise may withdraw while its application waits (the bank then no longer sees the
 * summary). Administrators and auditors follow the applications of their jurisdiction. The
 * province keeps the list of partner banks (合作银行: name, regions served, contact); an enterprise
 * whose region none serves is told so, and what to do, instead of a form it cannot send.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  BankBody, BankList, BankParams, errorResponses, Loan as LoanView, LoanApplication, LoanBanks, LoanBanksQuery, LoanDecision, LoanPage, LoanParams, LoanQuery,
  Bank as BankView,
} from '@duixian/api';
import { parseQuantity, yuanString } from '@duixian/engine';
import { isWithin, placeOf } from '@duixian/corpus';
import {
  applyForLoan, banksServing, createBank, decideLoan, listBanks, listLoans, readLoan, updateBank, withdrawLoan,
  type Account, type Loan, type Store,
} from '@duixian/store';
import { LOAN_MAX_FEN, LOAN_MIN_FEN } from '@duixian/workflow';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { canSeeSubject, inQueueOf, READERS, regionsOf, regionsWithin, seesAll, SIGNED_IN } from '../auth/access.js';
import { pageOf } from '../paging.js';
import { processError, type ProcessContext } from '../process.js';

const yuan = (fen: number | null) => (fen === null ? null : yuanString(fen));
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function loanRoutes(store: Store, ctx: ProcessContext) {
  /** The application as the API shows it: amounts in yuan; a bank no longer sees the data of a withdrawn one. */
  const view = (l: Loan, me: Account): LoanView => {
    const summary = me.role === 'bank' && l.state === 'withdrawn' ? null : l.summary;
    return {
      // amountFen is not in the answer's schema: it leaves as amount, in yuan
      ...l, amount: yuanString(l.amountFen), consentAt: iso(l.consentAt), at: l.at.toISOString(), decidedAt: iso(l.decidedAt),
      summary: summary && { ...summary, facts: summary.facts.map((f) => ({ ...f, amount: yuan(f.fen) })), awards: summary.awards.map((a) => ({ ...a, amount: yuan(a.fen) })) },
      actions: l.state !== 'queued' ? [] : me.role === 'bank' ? ['accept', 'decline'] : me.role === 'enterprise' ? ['withdraw'] : [],
    };
  };

  /** The enterprise user's own subjects (one USCC: normally one). */
  const ownSubjects = async (me: Account) => (await store.db.selectFrom('subjects').select('id').where('uscc', '=', me.uscc!).execute()).map((s) => s.id);

  /** The application, if `me` may see it: its enterprise, its bank's staff, or a reader whose jurisdiction holds its region. */
  async function visible(me: Account, id: string): Promise<Loan> {
    const l = await readLoan(store, id).catch(processError);
    const ok = me.role === 'enterprise' ? (await ownSubjects(me)).includes(l.subjectId)
      : me.role === 'bank' ? inQueueOf(me, l)
        : seesAll(me) || isWithin(l.region, me.region!);
    if (!ok) throw outsideJurisdiction(`贷款申请 ${id} `, `Loan application ${id}`);
    return l;
  }

  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/banks', {
      preHandler: guard(store, READERS),
      schema: { tags: ['齐鲁电商贷'], summary: '合作银行 The partner banks (合作银行) with the regions each serves and its contact', response: { 200: BankList, ...errorResponses(400, 401, 403) } },
    }, async () => ({ items: await listBanks(store) }));

    app.post('/api/banks', {
      preHandler: guard(store, ['province-admin']),
      schema: {
        tags: ['齐鲁电商贷'], summary: '新增合作银行 Add a partner bank (the province signs the agreements)',
        body: BankBody, response: { 201: BankView, ...errorResponses(400, 401, 403, 409, 422) },
      },
    }, async (req, reply) => {
      const bank = await createBank(store, req.body, accountOf(req).username).catch((e) => processError(e));
      return reply.status(201).send(bank);
    });

    app.post('/api/banks/:id', {
      preHandler: guard(store, ['province-admin']),
      schema: {
        tags: ['齐鲁电商贷'], summary: '修改合作银行 Change a partner bank: its name (carried to its staff and applications), regions or contact',
        params: BankParams, body: BankBody, response: { 200: BankView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => updateBank(store, req.params.id, req.body, accountOf(req).username).catch((e) => processError(e)));

    app.get('/api/loans/banks', {
      preHandler: guard(store, ['enterprise', ...READERS]),
      schema: {
        tags: ['齐鲁电商贷'], summary: '可申请的合作银行 The partner banks serving a subject\'s region (your enterprise\'s when no subject is given), the region, and the loan bounds',
        querystring: LoanBanksQuery, response: { 200: LoanBanks, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const id = req.query.subject ?? (me.role === 'enterprise' ? (await ownSubjects(me))[0] : undefined);
      const s = id ? await store.db.selectFrom('subjects').select(['id', 'region', 'uscc']).where('id', '=', id).executeTakeFirst() : undefined;
      if (id && !s) throw new ApiError(404, 'not-found', `没有主体 ${id}`, `No subject ${id}`);
      if (s && !canSeeSubject(me, s)) throw outsideJurisdiction(`主体 ${s.id} `, `Subject ${s.id}`);
      const place = placeOf(s);
      return { subject: s?.id ?? null, region: place ?? null, banks: place ? await banksServing(store, place) : [], min: yuanString(LOAN_MIN_FEN), max: yuanString(LOAN_MAX_FEN) };
    });

    app.get('/api/loans', {
      preHandler: guard(store, SIGNED_IN),
      schema: {
        tags: ['齐鲁电商贷'], summary: '贷款申请 Loan applications: your enterprise\'s; your bank\'s queue (with the data summaries); or those of your jurisdiction',
        querystring: LoanQuery, response: { 200: LoanPage, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const page = pageOf(req.query);
      const { total, items } = await listLoans(store, {
        ...(me.role === 'enterprise' ? { subjectIds: await ownSubjects(me) } : me.role === 'bank' ? { bank: me.bank!, regions: regionsWithin(me.region!) } : regionsOf(me)),
        ...(req.query.state ? { state: req.query.state } : {}),
      }, { limit: page.pageSize, offset: page.offset });
      return { ...page.info(total), items: items.map((l) => view(l, me)) };
    });

    app.get('/api/loans/:id', {
      preHandler: guard(store, SIGNED_IN),
      schema: {
        tags: ['齐鲁电商贷'], summary: '一笔贷款申请 One loan application with its data summary',
        params: LoanParams, response: { 200: LoanView, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const me = accountOf(req);
      return view(await visible(me, req.params.id), me);
    });

    app.post('/api/loans', {
      preHandler: guard(store, ['enterprise']),
      schema: {
        tags: ['齐鲁电商贷'],
        summary: '申请齐鲁电商贷 Apply for 齐鲁电商贷 for your enterprise: 10万–1000万元; with consent, your e-commerce data summary goes to the bank\'s queue',
        body: LoanApplication, response: { 201: LoanView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const b = req.body;
      const s = await store.db.selectFrom('subjects').select(['id', 'region', 'uscc']).where('id', '=', b.subject).executeTakeFirst();
      if (!s) throw new ApiError(404, 'not-found', `没有主体 ${b.subject}`, `No subject ${b.subject}`);
      if (!canSeeSubject(me, s)) throw outsideJurisdiction(`主体 ${s.id} `, `Subject ${s.id}`);
      const amount = parseQuantity(b.amount, 'yuan');
      if (!amount.ok) {
        throw new ApiError(422, 'invalid-input', `金额“${b.amount}”无法识别，请写成 500000.00 或 50万元`, `Cannot read the amount "${b.amount}"`, [{ path: 'amount', message: amount.error }]);
      }
      const loan = await applyForLoan(store, { subjectId: s.id, amountFen: amount.value, termMonths: b.termMonths, purpose: b.purpose, bank: b.bank, consent: b.consent === true }, me.username, ctx.today())
        .catch((e) => processError(e));
      return reply.status(201).send(view(loan, me));
    });

    app.post('/api/loans/:id/decision', {
      preHandler: guard(store, ['bank']),
      schema: {
        tags: ['齐鲁电商贷'], summary: '银行受理或不予受理 The bank accepts or declines (with the reason) an application waiting in its queue',
        params: LoanParams, body: LoanDecision, response: { 200: LoanView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const l = await visible(me, req.params.id);
      return view(await decideLoan(store, l.id, req.body, me.username).catch((e) => processError(e)), me);
    });

    app.post('/api/loans/:id/withdraw', {
      preHandler: guard(store, ['enterprise']),
      schema: {
        tags: ['齐鲁电商贷'], summary: '撤回申请 Withdraw your application while it waits: the bank no longer sees your data summary',
        params: LoanParams, response: { 200: LoanView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const l = await visible(me, req.params.id);
      return view(await withdrawLoan(store, l.id, me.username).catch((e) => processError(e)), me);
    });
  };
}
