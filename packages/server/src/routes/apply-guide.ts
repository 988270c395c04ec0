/**
 * 申报指南: what an enterprise needs to know before it starts a draft. Which clauses it can apply
 * for — the document's issuer covers the place it is registered in, and the clause supports its
 * kind of subject (the same two checks POST /api/applications makes) — and why the others not; each
 * clause's application windows (申报窗口) with their state today; the data the decision reads (what
 * the enterprise fills in, what the government already holds and whose) and the papers to attach,
 * in the corpus's words (vocabulary.yaml's `evidence` and `registers`). And GET /api/windows: the
 * windows themselves, for everyone of the platform (they are announced publicly anyway).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApplyGuide, errorResponses, Windows, WindowsQuery, type WindowState } from '@duixian/api';
import { kindLabel, type FactKey, type Rule, type SubjectKind } from '@duixian/engine';
import { applicationMode, CORPUS, EVIDENCED_FACTS, evidenceOf, isWithin, placeOf, region, ruleFactKeys, STATISTICAL_FACTS } from '@duixian/corpus';
import type { Store } from '@duixian/store';
import { accountOf, guard } from '../auth/guard.js';
import { EVERYONE } from '../auth/access.js';
import type { ProcessContext } from '../process.js';

/** A window's state on a day: the dates are inclusive, as the store's check (insideWindow) has them. */
export const windowState = (w: { opens: string; closes: string }, today: string): WindowState =>
  today < w.opens ? 'upcoming' : today > w.closes ? 'closed' : 'open';

interface WindowRow { rule: string; year: number; opens: string; closes: string }

/** Why a clause is not for this subject, in both languages. */
interface NotFor { readonly code: 'region' | 'kind'; readonly zh: string; readonly en: string }

/** A place as people write it: 济宁市任城区 (a county with its city), 东营市, 山东省. */
function regionName(code: string): string {
  const r = region(code);
  const city = r?.level === 'county' && r.parent ? region(r.parent) : undefined;
  return r ? `${city?.name ?? ''}${r.name}` : code;
}

function notFor(rule: Rule, subject: { kind: string; place: string | undefined }): NotFor[] {
  const document = CORPUS.documents.find((d) => d.id === rule.document)!;
  const why: NotFor[] = [];
  if (subject.place === undefined || !isWithin(subject.place, document.issuer)) {
    const issuer = regionName(document.issuer);
    why.push({ code: 'region', zh: `${document.number}适用于注册在${issuer}的主体，贵单位注册在${subject.place ? regionName(subject.place) : '（未登记地区）'}`, en: `${document.number} applies to subjects registered in ${issuer}` });
  }
  if (!(rule.recipient.kinds as readonly string[]).includes(subject.kind)) {
    const kinds = rule.recipient.kinds.map((k) => kindLabel(CORPUS.vocabulary, k)).join('、');
    why.push({ code: 'kind', zh: `本条支持${kinds}，贵单位登记为${kindLabel(CORPUS.vocabulary, subject.kind as SubjectKind)}`, en: `This clause supports ${rule.recipient.kinds.join(', ')}, not ${subject.kind}` });
  }
  return why;
}

/** The papers a piece of evidence asks for: what follows 须提供 in its corpus text (none when it is a choice or a pledge). */
export function papersOf(why: string): string | null {
  return /须提供([^，。；]+)/.exec(why)?.[1] ?? null;
}

/**
 * The data a clause's decision reads, each with whether the enterprise fills it in (and shows it)
 * or the government holds it (and whose); then the evidence to attach, each set of papers once.
 */
function needsOf(rule: Rule) {
  const data = ruleFactKeys(rule).map((key: FactKey) => {
    const words = CORPUS.vocabulary.facts[key];
    const filled = EVIDENCED_FACTS[key];
    return { key, label: words?.label ?? key, unit: words?.unit ?? '', from: filled ? 'enterprise' as const : 'government' as const, source: filled ?? STATISTICAL_FACTS[key] ?? '' };
  });
  const byWhy = new Map(evidenceOf(rule).map((e) => [e.why, e])); // mcn and liveTeam ask for the same papers: listed once
  const evidence = [...byWhy.values()].map((e) => ({ label: e.label, why: e.why, papers: papersOf(e.why) }));
  return { data, evidence };
}

export function applyGuideRoutes(store: Store, ctx: ProcessContext) {
  /** The windows of the corpus in force's clauses (a repealed clause's are history), newest year first. */
  async function windows(filter: { rule?: string; year?: number }): Promise<(WindowRow & { state: WindowState })[]> {
    let q = store.db.selectFrom('application_windows').select(['rule', 'year', 'opens', 'closes']);
    if (filter.rule) q = q.where('rule', '=', filter.rule);
    if (filter.year) q = q.where('year', '=', filter.year);
    const order = new Map(CORPUS.rules.map((r, k) => [r.id, k]));
    const today = ctx.today();
    return (await q.execute()).filter((w) => order.has(w.rule))
      .sort((a, b) => order.get(a.rule)! - order.get(b.rule)! || b.year - a.year)
      .map((w) => ({ ...w, state: windowState(w, today) }));
  }

  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/windows', {
      preHandler: guard(store, EVERYONE),
      schema: {
        tags: ['申报'], summary: '申报窗口 The application windows of the clauses in force',
        description: '年度、开始和截止日期（含），以及今天是否在申报中。Year, opening and closing dates (inclusive), and whether open today.',
        querystring: WindowsQuery, response: { 200: Windows, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => ({ today: ctx.today(), items: await windows(req.query) }));

    app.get('/api/apply-guide', {
      preHandler: guard(store, ['enterprise']),
      schema: {
        tags: ['申报'], summary: '申报指南 For an enterprise: every clause that needs an application',
        description: '能否申报（不能的原因）、申报窗口、测算读取的数据（企业填报或政府已有）和须提供的材料。Whether it can apply for it (and why not), its windows, the data the decision reads and the papers it needs.',
        response: { 200: ApplyGuide, ...errorResponses(401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const s = await store.db.selectFrom('subjects').select(['id', 'name', 'kind', 'region', 'uscc']).where('uscc', '=', me.uscc!).executeTakeFirst();
      const today = ctx.today();
      if (!s) return { today, subject: null, clauses: [] };
      const place = placeOf(s);
      const all = await windows({});
      const clauses = CORPUS.rules.filter((r) => applicationMode(r) === 'application').map((rule) => {
        const document = CORPUS.documents.find((d) => d.id === rule.document)!;
        const why = notFor(rule, { kind: s.kind, place });
        return {
          rule: rule.id, document: document.id, number: document.number, article: rule.article, title: rule.title,
          applicable: why.length === 0, notApplicable: why,
          windows: all.filter((w) => w.rule === rule.id).map(({ rule: _, ...w }) => w),
          ...needsOf(rule),
        };
      });
      return { today, subject: { id: s.id, name: s.name, kind: s.kind, region: place ?? null }, clauses };
    });
  };
}
