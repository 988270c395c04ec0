/**
 * 白名单与信用黑名单 over HTTP. An administrator proposes an entry inside its jurisdiction, or
 * imports many (a JSON array, or CSV text with the columns 名单,类别,主体编号,名称,统一社会信用代码,
 * 地区,理由,生效日期,失效日期): all or nothing, every problem named by its row and column, every
 * entry outside the jurisdiction named too (403). Another administrator of the entry's region or
 * above approves or refuses it; an active entry is removed with a reason. Administrators and
 * auditors read the entries of their jurisdiction with each one's history; an enterprise reads
 * the decided entries that name it. A change of the blacklist changes the year's data (load.ts):
 * the cached year is dropped at once.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  EntriesImported, EntryImport, EntryParams, EntryQuery, EntryRemoval, EntryReview, errorResponses, ListEntryDetail, ListEntryPage, NewEntry,
  ListEntry as ListEntryView,
} from '@duixian/api';
import { isWithin } from '@duixian/corpus';
import { columnLetter, csvRows, UPLOAD_LIMITS } from '@duixian/interchange';
import {
  listEntries, proposeEntries, readEntry, removeEntry, reviewEntry,
  type Account, type EntryField, type EntryInput, type FieldProblem, type ListEntry, type Store,
} from '@duixian/store';
import { activeOn, WHITELIST_CATEGORIES } from '@duixian/workflow';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { ADMINS, EVERYONE, regionsOf, seesAll } from '../auth/access.js';
import { pageOf } from '../paging.js';
import { processError, type ProcessContext } from '../process.js';
import type { YearData } from '../year-data.js';

const MAX_ROWS = 10_000;

/** The fields of an entry with the CSV column of each (Chinese header first, the English name accepted too). */
export const LIST_COLUMNS: readonly { readonly field: EntryField; readonly zh: string; readonly required?: true }[] = [
  { field: 'list', zh: '名单', required: true },
  { field: 'category', zh: '类别' },
  { field: 'subject', zh: '主体编号' },
  { field: 'name', zh: '名称' },
  { field: 'uscc', zh: '统一社会信用代码' },
  { field: 'region', zh: '地区' },
  { field: 'reason', zh: '理由' },
  { field: 'validFrom', zh: '生效日期', required: true },
  { field: 'validTo', zh: '失效日期' },
];

/** CSV text → entries, and where each field of each entry stands (`csv!C3`), or the problems of the table itself. */
function readListCsv(text: string): { entries: EntryInput[]; at: (p: FieldProblem) => string; problems: { path: string; message: string }[] } {
  const problems: { path: string; message: string }[] = [];
  const rows = csvRows(text, 'csv', problems) ?? [];
  const [header, ...body] = rows;
  const columns = new Map<EntryField, number>();
  header?.cells.forEach((c, k) => {
    const name = String(c ?? '').trim();
    const col = LIST_COLUMNS.find((x) => x.zh === name || x.field === name);
    if (!col) problems.push({ path: `csv!${columnLetter(k)}${header.row}`, message: `row ${header.row}, column ${columnLetter(k)}: unknown column ${JSON.stringify(name)}; the columns are ${LIST_COLUMNS.map((x) => x.zh).join(',')} (未知列)` });
    else if (columns.has(col.field)) problems.push({ path: `csv!${columnLetter(k)}${header.row}`, message: `row ${header.row}, column ${columnLetter(k)}: ${col.zh} repeats column ${columnLetter(columns.get(col.field)!)}; keep one (重复列)` });
    else columns.set(col.field, k);
  });
  if (header) {
    for (const col of LIST_COLUMNS) if (col.required && !columns.has(col.field)) problems.push({ path: `csv!${header.row}:${header.row}`, message: `row ${header.row}: missing column ${col.zh}(${col.field}) (缺少列)` });
  } else if (!problems.length) problems.push({ path: 'csv', message: `the text is empty: it needs a header row (${LIST_COLUMNS.map((x) => x.zh).join(',')}) and one row per entry (没有内容)` });
  if (body.length > MAX_ROWS) problems.push({ path: 'csv', message: `${body.length} rows: at most ${MAX_ROWS} a time; split the file (行数过多)` });
  const entries = body.map((r) => Object.fromEntries(LIST_COLUMNS.map((c) => [c.field, columns.has(c.field) ? String(r.cells[columns.get(c.field)!] ?? '') : ''])) as unknown as EntryInput);
  const at = (p: FieldProblem) => {
    const r = body[p.index ?? 0];
    const k = columns.get(p.field as EntryField);
    const col = LIST_COLUMNS.find((c) => c.field === p.field);
    return r === undefined ? 'csv' : k === undefined ? `csv!${r.row}:${r.row} (${col?.zh ?? p.field})` : `csv!${columnLetter(k)}${r.row} (row ${r.row}, ${col?.zh ?? p.field})`;
  };
  return { entries, at, problems };
}

export function listRoutes(store: Store, years: YearData, ctx: ProcessContext) {
  /** The entry as the API shows it: the category's name, whether it is in force today, what the caller may do. */
  const view = (e: ListEntry, me: Account): ListEntryView => ({
    ...e,
    categoryName: e.category ? WHITELIST_CATEGORIES[e.category] : null,
    inForce: e.state === 'active' && activeOn(e, ctx.today()),
    actions: ADMINS.includes(me.role) && canManage(me, e) ? ({ pending: ['approve', 'refuse'], active: ['remove'], refused: [], removed: [] } as const)[e.state] : [],
  });
  const canManage = (me: Account, e: { region: string }) => seesAll(me) || isWithin(e.region, me.region!);

  /** The entry with its history, if `me` may see it. */
  async function visible(me: Account, id: string) {
    const e = await readEntry(store, id).catch(processError);
    if (me.role === 'enterprise') {
      const mine = e.uscc === me.uscc || (e.subjectId !== null && (await store.db.selectFrom('subjects').select('uscc').where('id', '=', e.subjectId).executeTakeFirst())?.uscc === me.uscc);
      if (!mine || !['active', 'removed'].includes(e.state)) throw outsideJurisdiction(`名单条目 ${id} `, `List entry ${id}`);
    } else if (!canManage(me, e)) throw outsideJurisdiction(`名单条目 ${id} `, `List entry ${id}`);
    return e;
  }

  /** A change of an entry `me` may see: made by the store, the cached year dropped (the blacklist is part of it). */
  async function step(me: Account, id: string, change: (id: string, by: string, today: string) => Promise<ListEntry>) {
    const e = await visible(me, id);
    const next = await change(e.id, me.username, ctx.today()).catch(processError);
    years.invalidate();
    return view(next, me);
  }

  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    // the list's text is parsed here, at once: its size bounds how long that holds the event loop
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: UPLOAD_LIMITS.listBytes }, (_req, body, done) => done(null, body));

    app.get('/api/lists', {
      preHandler: guard(store, EVERYONE),
      schema: {
        tags: ['名单'], summary: '名单条目 White and black list entries of your jurisdiction (an enterprise: the decided ones naming it); activeOn: those in force that day',
        querystring: EntryQuery, response: { 200: ListEntryPage, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const page = pageOf(req.query);
      const { list, category, state, activeOn: day, subject } = req.query;
      const { total, items } = await listEntries(store, {
        ...(me.role === 'enterprise' ? { uscc: me.uscc! } : regionsOf(me)),
        ...(list ? { list } : {}), ...(category ? { category } : {}), ...(state ? { state } : {}), ...(day ? { activeOn: day } : {}), ...(subject ? { subjectId: subject } : {}),
      }, { limit: page.pageSize, offset: page.offset });
      return { ...page.info(total), items: items.map((e) => view(e, me)) };
    });

    app.get('/api/lists/:id', {
      preHandler: guard(store, EVERYONE),
      schema: {
        tags: ['名单'], summary: '名单条目及其经过 One entry with its history: proposed, reviewed, removed — who, when, why',
        params: EntryParams, response: { 200: ListEntryDetail, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const e = await visible(me, req.params.id);
      return { ...view(e, me), events: e.events.map((x) => ({ ...x, at: x.at.toISOString() })) };
    });

    app.post('/api/lists', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['名单'], summary: '提议名单条目 Propose an entry (pending until another administrator of its region or above reviews it)',
        body: NewEntry, response: { 201: ListEntryView, ...errorResponses(400, 401, 403, 422) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const [e] = await proposeEntries(store, [req.body], { by: me.username, today: ctx.today(), action: 'propose', within: (r) => canManage(me, { region: r }) })
        .catch((x) => processError(x, (p) => p.field));
      years.invalidate();
      return reply.status(201).send(view(e!, me));
    });

    app.post('/api/lists/import', {
      preHandler: guard(store, ADMINS),
      bodyLimit: UPLOAD_LIMITS.listBytes,
      schema: {
        tags: ['名单'],
        summary: '批量导入名单条目 Import entries, all or nothing: a JSON array of entries, {"csv": "…"}, or the CSV text itself (text/csv) with the columns 名单,类别,主体编号,名称,统一社会信用代码,地区,理由,生效日期,失效日期',
        description: '每处问题注明行列；超出辖区的条目以 403 逐条指出；导入后待审核。 Each problem names its row and column (CSV: `csv!C3`; JSON: `[2].validFrom`); entries outside your jurisdiction are refused with 403, each named. Imported entries are pending until reviewed.',
        body: EntryImport, response: { 201: EntriesImported, ...errorResponses(400, 401, 403, 413, 422) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const body: unknown = req.body;
      let entries: EntryInput[];
      let at = (p: FieldProblem) => `[${p.index ?? 0}].${p.field}`;
      if (Array.isArray(body)) {
        if (body.length > MAX_ROWS) throw new ApiError(413, 'too-large', `一次最多导入 ${MAX_ROWS} 条，请拆分`, `At most ${MAX_ROWS} entries a time`);
        const shape = body.flatMap((x, k) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.keys(x).filter((f) => !(f in NewEntry.properties)).map((f) => ({ path: `[${k}].${f}`, message: `unknown field ${f} (未知字段)` })) : [{ path: `[${k}]`, message: 'an entry is an object (应为对象)' }]));
        if (shape.length) throw new ApiError(422, 'invalid-input', `有 ${shape.length} 处问题，未导入任何内容`, `${shape.length} problem(s); nothing was imported`, shape);
        entries = body.map((x: object) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v === null || v === undefined ? v : String(v)])) as unknown as EntryInput);
      } else {
        const text = typeof body === 'string' ? body : body && typeof body === 'object' && typeof (body as { csv?: unknown }).csv === 'string' ? (body as { csv: string }).csv : undefined;
        if (text === undefined) throw new ApiError(422, 'invalid-input', '请提交条目数组（JSON）或 CSV 文本', 'Send a JSON array of entries, {"csv": "…"} or CSV text (text/csv)', [{ path: '', message: 'not an array nor CSV text' }]);
        const read = readListCsv(text);
        if (read.problems.length) throw new ApiError(422, 'invalid-input', `CSV 有 ${read.problems.length} 处问题，未导入任何内容`, `${read.problems.length} problem(s) in the CSV; nothing was imported`, read.problems);
        entries = read.entries;
        at = read.at;
      }
      if (!entries.length) throw new ApiError(422, 'invalid-input', '没有要导入的条目', 'There are no entries to import', [{ path: '', message: 'empty' }]);
      const created = await proposeEntries(store, entries, { by: me.username, today: ctx.today(), action: 'import', within: (r) => canManage(me, { region: r }) })
        .catch((x) => processError(x, at));
      years.invalidate();
      return reply.status(201).send({ imported: created.length, items: created.map((e) => view(e, me)) });
    });

    app.post('/api/lists/:id/review', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['名单'], summary: '审核名单条目 Approve (the entry is active) or refuse (with a reason) a pending entry: an administrator of its region or above, not its proposer',
        params: EntryParams, body: EntryReview, response: { 200: ListEntryView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => step(accountOf(req), req.params.id, (id, by, today) => reviewEntry(store, id, req.body, by, today)));

    app.post('/api/lists/:id/remove', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['名单'], summary: '移出名单 Remove an active entry from its list (移出), with the reason: not in force from today',
        params: EntryParams, body: EntryRemoval, response: { 200: ListEntryView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => step(accountOf(req), req.params.id, (id, by, today) => removeEntry(store, id, req.body, by, today)));
  };
}
