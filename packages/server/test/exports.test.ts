/**
 * Exports never carry formulas (issue "Authority and abuse", point 4), over the API against a real
 * database (PGlite; PostgreSQL when DATABASE_URL is set): six enterprises named after the issue's
 * payloads win the province's traffic subsidy, are paid against order numbers that are the same
 * payloads, and every file a user downloads — the 公示 list as CSV and .xlsx, the payments for the
 * finance system, the import template — is read back cell by cell: no cell a spreadsheet would run.
 */
import { describe, expect, it } from 'vitest';
import { usccCheckChar } from '@duixian/engine';
import { BACKENDS } from '../../store/test/backends.js';
import { csvCells, FORMULA_PAYLOADS, formulaCells, xlsxCells } from '../../interchange/test/formulas.js';
import { datedPlatform, type Username } from './platform.js';
import { NOTICE_CONTACT } from './notice-contact.js';

const RULE = 'sd-2022-42/2.traffic';
const uscc = (k: number) => { const first17 = `91370811MA3C0FN${String(k).padStart(2, '0')}`; return first17 + usccCheckChar(first17)!; };

/** Enterprise Xk of 任城区, named after payload k, 1.2亿元 of online retail: 24,000元 of traffic subsidy each. */
const payloadEnterprises = {
  format: 'duixian/v1', year: 2023,
  subjects: FORMULA_PAYLOADS.map((name, k) => ({ id: `X${k}`, kind: 'enterprise', name, region: '370811', uscc: uscc(k), tags: ['inStatsLibrary'] })),
  facts: FORMULA_PAYLOADS.map((_, k) => ({ subject: `X${k}`, year: 2023, key: 'physicalGoodsOnlineRetail', value: '1.2亿元', source: '统计局' })),
};

/** How many cells hold exactly `text`. */
const count = (cells: readonly { text: string }[], text: string) => cells.filter((c) => c.text === text).length;
/** XML (an .xlsx) reads a carriage return back as a line feed. */
const asXml = (text: string) => text.replace(/\r\n?/g, '\n');

describe.each(BACKENDS)('exports on $name', (backend) => {
  let today = '2023-09-01';
  const env = datedPlatform(backend, () => today);
  const as = (who: Username) => env.as(who);
  let run = '';

  it('the 公示 list as CSV and .xlsx: each payload name as text behind an apostrophe, no formula', async () => {
    const imported = await as('sd-admin')('POST', '/api/imports?reason=payloads', payloadEnterprises);
    expect(imported.statusCode, imported.body).toBe(200);
    const created = await as('sd-admin')('POST', '/api/runs', { year: 2023 });
    expect(created.statusCode, created.body).toBe(201);
    run = created.json().id;
    const csv = await as('sd-admin')('GET', `/api/runs/${run}/awards?format=csv&rule=${encodeURIComponent(RULE)}`);
    expect([csv.statusCode, csv.headers['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);
    const csvRead = csvCells(csv.body);
    expect(formulaCells(csvRead)).toEqual([]);
    expect(csvRead.length).toBe(11 * (1 + 3 + FORMULA_PAYLOADS.length)); // header, E1 E2 E3, X0…X5
    for (const name of FORMULA_PAYLOADS) expect(count(csvRead, `'${name}`), name).toBe(1);

    const xlsx = await as('sd-admin')('GET', `/api/runs/${run}/awards?format=xlsx&rule=${encodeURIComponent(RULE)}`);
    expect(xlsx.statusCode).toBe(200);
    const xlsxRead = await xlsxCells(xlsx.rawPayload);
    expect(formulaCells(xlsxRead)).toEqual([]);
    for (const name of FORMULA_PAYLOADS) expect(count(xlsxRead, asXml(`'${name}`)), name).toBe(1);
  });

  it('the payments for the finance system: payload names and order numbers as text, amounts as numbers', async () => {
    expect((await as('sd-admin')('POST', `/api/runs/${run}/enlist`)).statusCode).toBe(200);
    expect((await as('sd-admin')('POST', '/api/budgets', { document: 'sd-2022-42', funder: '370000', year: 2023, total: '500万元' })).statusCode).toBe(200);
    const listed = (await as('sd-admin')('GET', `/api/applications?rule=${encodeURIComponent(RULE)}&pageSize=500`)).json().items as { id: string; subjectId: string }[];
    const ids = FORMULA_PAYLOADS.map((_, k) => listed.find((a) => a.subjectId === `X${k}`)!.id);
    for (const id of ids) {
      for (const who of ['rencheng-admin', 'jining-admin', 'sd-admin'] as const) {
        const { version } = (await as(who)('GET', `/api/applications/${id}`)).json();
        const acted = await as(who)('POST', `/api/applications/${id}/actions`, { action: 'approve', version });
        expect(acted.statusCode, acted.body).toBe(200);
      }
    }
    today = '2023-09-04'; // a Monday: 公示 for five working days, to Friday the 8th
    const notice = await as('sd-admin')('POST', '/api/notices', { title: '2023年度电商龙头企业流量补贴拟支持名单', applications: ids, ...NOTICE_CONTACT });
    expect(notice.statusCode, notice.body).toBe(201);
    today = '2023-09-11';
    expect((await as('sd-admin')('POST', `/api/notices/${notice.json().id}/finalize`)).json().state).toBe('final');
    for (const [k, id] of ids.entries()) {
      const paid = await as('sd-admin')('POST', '/api/disbursements', { application: id, orderNo: FORMULA_PAYLOADS[k], paidOn: '2023-09-11', amount: '24000' });
      expect(paid.statusCode, paid.body).toBe(201);
    }
    const csv = await as('sd-admin')('GET', '/api/disbursements?format=csv');
    const cells = csvCells(csv.body);
    expect(formulaCells(cells)).toEqual([]);
    expect(cells.length).toBe(10 * (1 + FORMULA_PAYLOADS.length));
    for (const payload of FORMULA_PAYLOADS) expect(count(cells, `'${payload}`), payload).toBe(2); // order number and name
    expect(count(cells, '24000.00')).toBe(FORMULA_PAYLOADS.length);
  });

  it('the import template, each of its three files: no formula', async () => {
    for (const file of ['duixian-template.xlsx', 'duixian-template.subjects.csv', 'duixian-template.facts.csv']) {
      const r = await as('e1-user')('GET', `/api/templates/${file}`);
      expect(r.statusCode).toBe(200);
      const cells = file.endsWith('.xlsx') ? await xlsxCells(r.rawPayload) : csvCells(r.body);
      expect(cells.length).toBeGreaterThan(5);
      expect(formulaCells(cells)).toEqual([]);
    }
  });
});
