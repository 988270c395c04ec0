/** The pages' pure helpers, table-driven: article spans and cited figures, exact yuan sums, dropped files, table sorters. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompareFn, SortOrder } from 'antd/es/table/interface';
import { articleSpans, highlight } from '../src/articles';
import { compareYuan, yuanTotal } from '../src/money';
import { uploadOf } from '../src/upload';
import { PAGES, pageFromHash } from '../src/routes';
import { by, code, inOrder, integer, num, percent, sortParam, text, yuan } from '../src/table';
import { allPages, apiPath, type JobProgress, type Role } from '../src/api';
import { IMPORT_PHASES, percentOf, RUN_PHASES } from '../src/progress';

describe('articles', () => {
  const text = '一、总则。\n二、对当年实现实物商品网络零售额1亿元以上企业,每实现1万元,省财政最高给予2元流量补贴。\n三、附则。';
  it('cuts a text into its articles by their headings, in text order', () => {
    const spans = articleSpans(text, [{ anchor: 'art-3', heading: '三、附则' }, { anchor: 'art-1', heading: '一、总则' }, { anchor: 'art-2', heading: '二、对当年' }, { anchor: 'gone', heading: '不在文中' }]);
    expect([...spans]).toEqual([['art-1', '一、总则。'], ['art-2', '二、对当年实现实物商品网络零售额1亿元以上企业,每实现1万元,省财政最高给予2元流量补贴。'], ['art-3', '三、附则。']]);
  });

  it.each([
    ['a phrase becomes a piece naming its rule', [{ phrase: '1亿元以上企业', rule: 'R' }], ['二、对当年实现实物商品网络零售额', '1亿元以上企业*R', ',每实现1万元,省财政最高给予2元流量补贴。']],
    ['the longer of two overlapping phrases wins', [{ phrase: '1万元', rule: 'short' }, { phrase: '每实现1万元', rule: 'long' }], ['二、对当年实现实物商品网络零售额1亿元以上企业,', '每实现1万元*long', ',省财政最高给予2元流量补贴。']],
    ['a phrase not in the text changes nothing', [{ phrase: '5000万元', rule: 'R' }], ['二、对当年实现实物商品网络零售额1亿元以上企业,每实现1万元,省财政最高给予2元流量补贴。']],
  ])('%s', (_, cites, want) => {
    const art = articleSpans(text, [{ anchor: 'a', heading: '二、对当年' }, { anchor: 'b', heading: '三、附则' }]).get('a')!;
    const pieces = highlight(art, cites);
    expect(pieces.map((p) => (p.rule ? `${p.text}*${p.rule}` : p.text))).toEqual(want);
    expect(pieces.map((p) => p.text).join('')).toBe(art); // nothing lost or doubled
  });
});

describe('money', () => {
  it.each([
    [['24000.00', '200000.00'], '224,000.00'],
    [['0.1', '0.2'], '0.30'], // never 0.30000000000000004
    [['9007199254740993.00', '1.00'], '9,007,199,254,740,994.00'], // beyond a double's exact integers
    [['-5.50', '5.50'], '0.00'],
    [[], '0.00'],
  ])('yuanTotal(%j) = %s', (amounts, want) => expect(yuanTotal(amounts)).toBe(want));

  it('refuses what is not an amount', () => expect(() => yuanTotal(['12元'])).toThrow(/not a yuan amount/));

  it.each([
    ['100.00', '99.99', 1], ['99.99', '100.00', -1], ['5.00', '5.00', 0], ['0.50', '0.05', 1], [null, '1.00', 1], ['1.00', null, -1], [null, null, 0],
    ['12.5', '12.50', 0], ['12', '11.99', 1], ['-0.50', '-0.05', -1], ['-1.00', '0.00', -1], ['9007199254740993.00', '9007199254740992.99', 1],
  ] as const)('compareYuan(%s, %s) = %d', (a, b, want) => expect(compareYuan(a, b)).toBe(want));
});

describe('dropped files', () => {
  const file = (name: string, text = '{}') => new File([text], name);
  it('one .json or .xlsx, or a CSV pair; anything else is refused with what to drop', async () => {
    expect(await uploadOf([file('d.json', '{"a":1}')])).toEqual({ kind: 'json', name: 'd.json', body: '{"a":1}' });
    expect(await uploadOf([file('d.xlsx')])).toMatchObject({ kind: 'xlsx', name: 'd.xlsx' });
    expect(await uploadOf([file('q4.subjects.csv', 'S'), file('q4.facts.csv', 'F')])).toMatchObject({ kind: 'csv', name: 'q4', body: expect.any(FormData) }); // upload-stream.test.ts: its parts
    expect(await uploadOf([file('q4.subjects.csv')])).toMatchObject({ kind: 'csv', name: 'q4' }); // a wide table alone
    expect(await uploadOf([file('q4.facts.csv')])).toEqual({ error: ['CSV 需选择 subjects 文件（以及 facts 文件；主体文件带指标列时可只选 subjects）', 'A CSV import needs NAME.subjects.csv (and NAME.facts.csv, unless the subjects file carries indicator columns)'] });
    expect('error' in (await uploadOf([file('data.csv')]))).toBe(true);
    expect('error' in (await uploadOf([file('a.json'), file('b.json')]))).toBe(true);
    expect('error' in (await uploadOf([file('notes.docx')]))).toBe(true);
    expect('error' in (await uploadOf([]))).toBe(true);
  });
});

describe('navigation follows the role', () => {
  const pages = (role: Role) => PAGES.filter((p) => p.visible({ username: 'x', role, region: '370811', uscc: null, bank: null, mustChangePassword: false })).map((p) => p.id);
  it.each([
    ['province-admin', ['library', 'data', 'review', 'simulate', 'targets', 'calculator', 'approvals', 'notices', 'budgets', 'lists', 'loans', 'tasks', 'accounts']],
    ['county-admin', ['library', 'data', 'review', 'simulate', 'targets', 'calculator', 'approvals', 'notices', 'budgets', 'lists', 'loans', 'tasks', 'accounts']],
    ['auditor', ['library', 'data', 'review', 'targets', 'calculator', 'approvals', 'notices', 'budgets', 'lists', 'loans', 'tasks', 'accounts']],
    ['enterprise', ['library', 'calculator', 'apply', 'notices', 'loans']],
    ['bank', ['loans']],
  ] as const)('%s sees %j', (role, want) => expect(pages(role)).toEqual(want));

  it('a page the role may not see falls back to its first page', () => {
    const enterprise = { username: 'e', role: 'enterprise' as const, region: null, uscc: 'X', bank: null, mustChangePassword: false };
    expect(pageFromHash('#/review', enterprise)).toBe('calculator');
    expect(pageFromHash('#/library', enterprise)).toBe('library');
    expect(pageFromHash('#/approvals', enterprise)).toBe('calculator');
    expect(pageFromHash('#/apply', enterprise)).toBe('apply');
    const bank = { username: 'b', role: 'bank' as const, region: '370000', uscc: null, bank: null, mustChangePassword: false };
    expect(pageFromHash('#/library', bank)).toBe('loans');
  });
});

describe('table sorters as the API sort parameter', () => {
  it.each([
    [{ field: 'amount', order: 'descend' as const }, '-amount'],
    [{ field: 'region', order: 'ascend' as const }, 'region'],
    [{ field: 'name', order: null }, undefined],
    [[{ field: 'id', order: 'ascend' as const }], 'id'],
  ])('%j → %s', (sorter, want) => expect(sortParam(sorter)).toBe(want));
});

describe('in-memory table sorters', () => {
  /** The rows as antd orders them: the sorter's result as is going up, negated going down. */
  const sorted = <R,>(rows: readonly R[], sorter: CompareFn<R>, order: SortOrder) =>
    [...rows].sort((a, b) => (order === 'ascend' ? 1 : -1) * sorter(a, b, order));
  type Row = { v: string | null };
  const rows = (...vs: (string | null)[]): Row[] => vs.map((v) => ({ v }));
  const values = (rs: Row[]) => rs.map((r) => r.v);

  it.each<[string, CompareFn<Row>, (string | null)[], (string | null)[]]>([
    // money exactly, as a float could not: the last two differ by one fen beyond 2^53
    ['yuan', by((r) => r.v, yuan), ['100.00', '99.99', null, '9007199254740993.00', '9007199254740992.99', '-5.00'], ['-5.00', '99.99', '100.00', '9007199254740992.99', '9007199254740993.00', null]],
    ['Chinese in pinyin order', by((r) => r.v, text), ['青岛市', '济南市', null, '滨州市', '淄博市'], ['滨州市', '济南市', '青岛市', '淄博市', null]],
    ['codes character by character', by((r) => r.v, code), ['370200', '370100', null, '370000'], ['370000', '370100', '370200', null]],
    ['integer ids by value, not as text', by((r) => r.v, integer), ['10', '9', '100', '2'], ['2', '9', '10', '100']],
    ['percentages by their number', by((r) => percent(r.v), num), ['≈10.57%', '9.6%', null, '-3%', '87.6%'], ['-3%', '9.6%', '≈10.57%', '87.6%', null]],
    ['values in a given order, unknown ones after', by((r) => r.v, inOrder(['met', 'on-track', 'off-track'])), ['off-track', 'unknown', 'met', 'on-track'], ['met', 'on-track', 'off-track', 'unknown']],
  ])('%s, rows without a value last', (_, sorter, given, ascending) => {
    expect(values(sorted(rows(...given), sorter, 'ascend'))).toEqual(ascending);
  });

  it.each([
    ['yuan', by((r: Row) => r.v, yuan), ['1.00', null, '3.00', '2.00'], ['3.00', '2.00', '1.00', null]],
    ['text', by((r: Row) => r.v, text), ['济南市', null, '青岛市'], ['青岛市', '济南市', null]],
  ] as const)('%s going down keeps the rows without a value last', (_, sorter, given, descending) => {
    expect(values(sorted(rows(...given), sorter, 'descend'))).toEqual(descending);
  });

  it('the zh-CN order is the one localeCompare gives', () => {
    const names = ['青岛市', '济南市', '淄博市', '枣庄市', '东营市', '烟台市', '潍坊市', '济宁市', '泰安市', '威海市', '日照市', '临沂市', '德州市', '聊城市', '滨州市', '菏泽市'];
    expect([...names].sort(text)).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });
});

describe('a short paged list fetched whole', () => {
  afterEach(() => vi.unstubAllGlobals());
  it.each([
    ['one page', 3, ['/api/v1/runs?page=1&pageSize=500']],
    ['three pages, the last one short', 1201, ['/api/v1/runs?page=1&pageSize=500', '/api/v1/runs?page=2&pageSize=500', '/api/v1/runs?page=3&pageSize=500']],
    ['nothing', 0, ['/api/v1/runs?page=1&pageSize=500']],
  ])('%s', async (_, total, urls) => {
    const fetch = vi.fn(async (url: string) => {
      const page = Number(new URL(url, 'http://x').searchParams.get('page'));
      const items = Array.from({ length: Math.max(0, Math.min(500, total - (page - 1) * 500)) }, (_, k) => ({ id: String((page - 1) * 500 + k) }));
      return new Response(JSON.stringify({ page, pageSize: 500, total, items }));
    });
    vi.stubGlobal('fetch', fetch);
    const items = await allPages<{ id: string }>('/api/runs'); // as the pages name it: sent to v1
    expect(items.map((r) => r.id)).toEqual(Array.from({ length: total }, (_, k) => String(k)));
    expect(fetch.mock.calls.map(([u]) => u)).toEqual(urls);
  });

  it('keeps the query it is given', async () => {
    const fetch = vi.fn(async (_url: string) => new Response(JSON.stringify({ page: 1, pageSize: 500, total: 0, items: [] })));
    vi.stubGlobal('fetch', fetch);
    await allPages('/api/subjects?kind=enterprise');
    expect(fetch.mock.calls.map(([u]) => u)).toEqual(['/api/v1/subjects?kind=enterprise&page=1&pageSize=500']);
  });
});

it.each([
  ['/api/runs?page=1', '/api/v1/runs?page=1'],
  ['/api/v1/runs', '/api/v1/runs'],
  ['/api', '/api/v1'],
  ['/apiary', '/apiary'],
  ['/api/v10/x', '/api/v1/v10/x'],
])('the pages call %s at %s (the API version they are built for)', (asked, sent) => {
  expect(apiPath(asked)).toBe(sent);
});

describe('the progress bar from a job\'s reported progress', () => {
  const cases: [JobProgress | undefined, number][] = [
    [undefined, 0],
    [{ phase: 'queued' }, 0],
    [{ phase: 'load' }, 0],
    [{ phase: 'load', done: 10, total: 20 }, 25],
    [{ phase: 'load', done: 20, total: 20 }, 50],
    [{ phase: 'evaluate' }, 50],
    [{ phase: 'hash' }, 80],
    [{ phase: 'store', done: 0, total: 4000 }, 85],
    [{ phase: 'store', done: 2000, total: 4000 }, 93],
    [{ phase: 'store', done: 4000, total: 4000 }, 100],
    [{ phase: 'store', done: 5000, total: 4000 }, 100],
  ];
  it.each(cases)('run %j → %i%%', (p, percent) => expect(percentOf(RUN_PHASES, p)).toBe(percent));
  it('each phase list covers the bar once, in order', () => {
    for (const phases of [RUN_PHASES, IMPORT_PHASES]) {
      expect(phases[0]!.from).toBe(0);
      expect(phases.at(-1)!.to).toBe(100);
      for (let k = 1; k < phases.length; k++) expect(phases[k]!.from).toBe(phases[k - 1]!.to);
    }
  });
});
