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
import { parseQuantity, yuanString } from '@duixian/engine';
import { isWithin, placeOf } from '@duixian/corpus';
import {
  applyForLoan, banksServing, createBank, decideLoan, listBanks, listLoans, readLoan, updateBank, withdrawLoan,
  type Account, type BankInput, type Loan, type LoanState, type Store,
} from '@duixian/store';
import { LOAN_MAX_FEN, LOAN_MIN_FEN } from '@duixian/workflow';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { canSeeSubject, inQueueOf, READERS, regionsOf, regionsWithin, seesAll, SIGNED_IN } from '../auth/access.js';
import { pageOf, PAGE_PROPERTIES, type PageQuery } from '../paging.js';
import { processError, type ProcessContext } from '../process.js';

const ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } } } as const;
/** a partner bank as the province gives it; the store checks each field and names it */
const BANK_BODY = {
  type: 'object', required: ['name', 'regions', 'contact', 'phone'], additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 64, description: '如 齐鲁银行济宁分行' },
    regions: { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 6 }, description: 'the region codes it serves: the province, cities or county-level units' },
    contact: { type: 'string', maxLength: 64 }, phone: { type: 'string', maxLength: 32 },
  },
} as const;
const STATES: readonly LoanState[] = ['queued', 'accepted', 'declined', 'withdrawn'];
const yuan = (fen: number | null) => (fen === null ? null : yuanString(fen));

export function loanRoutes(store: Store, ctx: ProcessContext) {
  /** The application as the API shows it: amounts in yuan; a bank no longer sees the data of a withdrawn one. */
  const view = (l: Loan, me: Account) => {
    const summary = me.role === 'bank' && l.state === 'withdrawn' ? null : l.summary;
    return {
      ...l, amountFen: undefined, amount: yuan(l.amountFen),
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

  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/banks', {
      preHandler: guard(store, READERS), schema: { tags: ['齐鲁电商贷'], summary: 'The partner banks (合作银行) with the regions each serves and its contact' },
    }, async () => ({ items: await listBanks(store) }));

    app.post<{ Body: BankInput }>('/api/banks', {
      preHandler: guard(store, ['province-admin']), schema: { tags: ['齐鲁电商贷'], summary: 'Add a partner bank (the province signs the agreements)', body: BANK_BODY },
    }, async (req, reply) => {
      const bank = await createBank(store, req.body, accountOf(req).username).catch((e) => processError(e));
      void reply.status(201);
      return bank;
    });

    app.post<{ Params: { id: string }; Body: BankInput }>('/api/banks/:id', {
      preHandler: guard(store, ['province-admin']),
      schema: { tags: ['齐鲁电商贷'], summary: 'Change a partner bank: its name (carried to its staff and applications), regions or contact', params: ID, body: BANK_BODY },
    }, async (req) => updateBank(store, req.params.id, req.body, accountOf(req).username).catch((e) => processError(e)));

    app.get<{ Querystring: { subject?: string } }>('/api/loans/banks', {
      preHandler: guard(store, ['enterprise', ...READERS]),
      schema: {
        tags: ['齐鲁电商贷'], summary: 'The partner banks serving a subject\'s region (your enterprise\'s when no subject is given), the region, and the loan bounds',
        querystring: { type: 'object', properties: { subject: { type: 'string', maxLength: 64 } } },
      },
    }, async (req) => {
      const me = accountOf(req);
      const id = req.query.subject ?? (me.role === 'enterprise' ? (await ownSubjects(me))[0] : undefined);
      const s = id ? await store.db.selectFrom('subjects').select(['id', 'region', 'uscc']).where('id', '=', id).executeTakeFirst() : undefined;
      if (id && !s) throw new ApiError(404, 'not-found', `没有主体 ${id}`, `No subject ${id}`);
      if (s && !canSeeSubject(me, s)) throw outsideJurisdiction(`主体 ${s.id} `, `Subject ${s.id}`);
      const place = placeOf(s);
      return { subject: s?.id ?? null, region: place ?? null, banks: place ? await banksServing(store, place) : [], min: yuan(LOAN_MIN_FEN), max: yuan(LOAN_MAX_FEN) };
    });

    app.get<{ Querystring: PageQuery & { state?: LoanState } }>('/api/loans', {
      preHandler: guard(store, SIGNED_IN),
      schema: {
        tags: ['齐鲁电商贷'], summary: 'Loan applications: your enterprise\'s; your bank\'s queue (with the data summaries); or those of your jurisdiction',
        querystring: { type: 'object', properties: { ...PAGE_PROPERTIES, state: { type: 'string', enum: [...STATES] } } },
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

    app.get<{ Params: { id: string } }>('/api/loans/:id', {
      preHandler: guard(store, SIGNED_IN), schema: { tags: ['齐鲁电商贷'], summary: 'One loan application with its data summary', params: ID },
    }, async (req) => {
      const me = accountOf(req);
      return view(await visible(me, req.params.id), me);
    });

    app.post<{ Body: { subject: string; amount: string; termMonths: number; purpose: string; bank: string; consent?: boolean } }>('/api/loans', {
      preHandler: guard(store, ['enterprise']),
      schema: {
        tags: ['齐鲁电商贷'],
        summary: 'Apply for 齐鲁电商贷 for your enterprise: 10万–1000万元; with consent, your e-commerce data summary goes to the bank\'s queue',
        body: {
          type: 'object', required: ['subject', 'amount', 'termMonths', 'purpose', 'bank'], additionalProperties: false,
          properties: {
            subject: { type: 'string', maxLength: 64 },
            amount: { type: 'string', maxLength: 32, description: 'yuan: "500000.00", "50万元"; 100000.00 to 10000000.00' },
            termMonths: { type: 'integer' }, purpose: { type: 'string', maxLength: 2000 }, bank: { type: 'string', maxLength: 64 },
            consent: { type: 'boolean', description: '同意向承贷银行提供本企业电商经营数据摘要: without it (false or absent) nothing is routed, and the answer names the field' },
          },
        },
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
      void reply.status(201);
      return view(loan, me);
    });

    app.post<{ Params: { id: string }; Body: { accept: boolean; note?: string } }>('/api/loans/:id/decision', {
      preHandler: guard(store, ['bank']),
      schema: {
        tags: ['齐鲁电商贷'], summary: 'The bank accepts or declines (with the reason) an application waiting in its queue', params: ID,
        body: { type: 'object', required: ['accept'], additionalProperties: false, properties: { accept: { type: 'boolean' }, note: { type: 'string', maxLength: 2000 } } },
      },
    }, async (req) => {
      const me = accountOf(req);
      const l = await visible(me, req.params.id);
      return view(await decideLoan(store, l.id, req.body, me.username).catch((e) => processError(e)), me);
    });

    app.post<{ Params: { id: string } }>('/api/loans/:id/withdraw', {
      preHandler: guard(store, ['enterprise']),
      schema: { tags: ['齐鲁电商贷'], summary: 'Withdraw your application while it waits: the bank no longer sees your data summary', params: ID },
    }, async (req) => {
      const me = accountOf(req);
      const l = await visible(me, req.params.id);
      return view(await withdrawLoan(store, l.id, me.username).catch((e) => processError(e)), me);
    });
  };
}
