/**
 * The bureau's wide tables (issue 17, point 3): a subjects sheet's indicator columns — a fact key and
 * a year in the header, the unit in the header or the cell — are facts of the row's subject.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { parseQuantity, type Fact } from '@duixian/engine';
import { readCsv, readFile, readObject, readXlsx, templateXlsx } from '@duixian/interchange';
import { shiftDecimal, wideHeader, wideValue, type WideColumn } from '../src/wide.js';
import { wordsOf } from '../src/words.js';
import { datasetOf, known, problemsOf } from './fixtures.js';

const words = wordsOf(known.vocabulary);

describe('wideHeader: what a header names', () => {
  it.each([
    ['网络零售额(2023)', { key: 'onlineRetail', year: 2023 }],
    ['实物商品网络零售额（2023年）', { key: 'physicalGoodsOnlineRetail', year: 2023 }],
    ['onlineRetail@2023', { key: 'onlineRetail', year: 2023 }],
    ['onlineRetail(2022)', { key: 'onlineRetail', year: 2022 }],
    [' 网络 零售额 ( 2023 ) ', { key: 'onlineRetail', year: 2023 }],
    ['网络零售额(2023年度)', { key: 'onlineRetail', year: 2023 }],
    ['2023年网络零售额', { key: 'onlineRetail', year: 2023 }],
    ['1688平台年费(2023)', { key: 'annualFee1688', year: 2023 }],
    ['当年取得国家级示范称号(2023)', { key: 'nationalTitle', year: 2023 }],
    // units in the header: a power of ten on a plain number in the cell
    ['网络零售额(2023,万元)', { key: 'onlineRetail', year: 2023, shift: 4 }],
    ['网络零售额（2023，万元）', { key: 'onlineRetail', year: 2023, shift: 4 }],
    ['网络零售额（万元）（2023年）', { key: 'onlineRetail', year: 2023, shift: 4 }],
    ['网络零售额(2023年)(亿元)', { key: 'onlineRetail', year: 2023, shift: 8 }],
    ['网络零售额(2023,元)', { key: 'onlineRetail', year: 2023, shift: 0 }],
    ['onlineRetail@2023(万元)', { key: 'onlineRetail', year: 2023, shift: 4 }],
    ['2023年网络零售额（万元）', { key: 'onlineRetail', year: 2023, shift: 4 }],
    ['网络零售额增幅(2023,%)', { key: 'onlineRetailGrowth', year: 2023, shift: -2 }],
    ['网络零售额增幅（2023，％）', { key: 'onlineRetailGrowth', year: 2023, shift: -2 }],
    ['新增网上店铺数(2023,家)', { key: 'newOnlineShops', year: 2023, shift: 0 }],
    ['面积(2023,万平方米)', { key: 'area', year: 2023, shift: 4 }],
    // a label holding parentheses: the year is the last group that is one
    ['跨境电商交易额（美元）(2023)', { key: 'crossBorderTransactionsUsd', year: 2023 }],
    ['跨境电商交易额（美元）（2023年，万美元）', { key: 'crossBorderTransactionsUsd', year: 2023, shift: 4 }],
    ['crossBorderTransactionsUsd@2023(万美元)', { key: 'crossBorderTransactionsUsd', year: 2023, shift: 4 }],
  ])('%s', (header, expected) => {
    const h = wideHeader(header, words, '主体(subjects)');
    if (!h.ok) throw new Error(h.message);
    const { key, year, shift, title } = h.column;
    expect({ key, year, ...(shift === undefined ? {} : { shift }) }).toEqual(expected);
    expect(title).toBe(header);
  });

  it.each([
    // keys a column cannot carry: what to do instead
    ['综合评价得分(2023)', '综合评价得分 (panelScore) is scoped to one rule, which a column cannot say: give it in the facts sheet, with its rule (规则)'],
    ['panelScore@2023', '综合评价得分 (panelScore) is scoped to one rule, which a column cannot say: give it in the facts sheet, with its rule (规则)'],
    ['跨境推介费用(2023)', '跨境推介费用 (promotionAbroadCost) may have several items a year, which a column cannot tell apart: give it in the facts sheet, one row per item (事项)'],
    // units that do not fit the key, or are no unit
    ['新增网上店铺数(2023,万元)', 'the unit 万元 does not fit 新增网上店铺数 (newOnlineShops): 新增网上店铺数 is given in 个, 家, 件, 人, 名, 次, 万个, 万家, 万件, 万人, 万次, or without a unit in the header'],
    ['网络零售额(2023,%)', 'the unit % does not fit 网络零售额 (onlineRetail): 网络零售额 is given in 元, 万元, 亿元, or without a unit in the header'],
    ['跨境电商交易额(2023,美元)', 'the unit 美元 does not fit 跨境电商交易额 (crossBorderTransactions): 跨境电商交易额 is given in 元, 万元, 亿元, or without a unit in the header'],
    ['网络零售额(2023,斤)', '"斤" is not a unit: 网络零售额 is given in 元, 万元, 亿元, or without a unit in the header'],
    ['分支机构转为法人企业日期(2023,元)', 'the unit 元 does not fit 分支机构转为法人企业日期 (conversionDate): 分支机构转为法人企业日期 takes no unit in the header'],
    ['网络零售额(1899)', '1899 is not a year: give a year from 1990 to 2100 in the header'],
    // headers it cannot place: the nearest names
    ['网络零食额(2023)', 'unknown indicator in column "网络零食额(2023)": no fact key is called "网络零食额"; did you mean 网络零售额 (onlineRetail)? (the keys and their Chinese names are listed in the template\'s 说明(keys) sheet)'],
    ['onlineRetial@2023(万元)', 'unknown indicator in column "onlineRetial@2023(万元)": no fact key is called "onlineretial"; did you mean 网络零售额 (onlineRetail)? (the keys and their Chinese names are listed in the template\'s 说明(keys) sheet)'],
    ['零售(2023)', 'unknown indicator in column "零售(2023)": no fact key is called "零售" (the keys and their Chinese names are listed in the template\'s 说明(keys) sheet)'],
    ['网络零售额', '"网络零售额" is an indicator (onlineRetail) without a year: name the year in the header, as 网络零售额(2023) or onlineRetail@2023, or give its facts in the facts sheet'],
    ['颜色', 'unknown column "颜色": the columns of 主体(subjects) are 编号/id, 类型/kind, 名称/name, 区划代码/region, 统一社会信用代码/uscc, 标签/tags, and indicators with their year, such as 网络零售额(2023)'],
    ['名陈', 'unknown column "名陈": the columns of 主体(subjects) are 编号/id, 类型/kind, 名称/name, 区划代码/region, 统一社会信用代码/uscc, 标签/tags, and indicators with their year, such as 网络零售额(2023); did you mean 名称(name)?'],
  ])('%s is refused', (header, message) => {
    expect(wideHeader(header, words, '主体(subjects)')).toEqual({ ok: false, message });
  });
});

describe('wideHeader on any text', () => {
  it('places it or says why, never throwing', () => {
    const piece = fc.constantFrom('网络零售额', 'onlineRetail', '(', ')', '（', '）', '2023', '年', '@', ',', '，', '万元', '%', '美元', '跨境电商交易额', ' ', 'x');
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const h = wideHeader(pieces.join(''), words, '主体(subjects)');
      expect(h.ok ? h.column.year : h.message.length).toBeGreaterThan(0);
    }), { numRuns: 2000 });
  });

  it('refuses a header of many thousand groups, quoting it cut short', () => {
    const h = wideHeader(`网络零售额${'(2023)'.repeat(5000)}`, words, '主体(subjects)');
    expect(h.ok ? '' : h.message).toBe(`unknown indicator in column "网络零售额${'(2023)'.repeat(9)}(…": no fact key is called "网络零售额${'(2023)'.repeat(9)}(…" (the keys and their Chinese names are listed in the template's 说明(keys) sheet)`);
    const long = wideHeader(`${'网络零食额'.repeat(6000)}(2023)`, words, '主体(subjects)');
    expect(long.ok ? 0 : long.message.length).toBeLessThan(300);
  });
});

describe('a wide cell\'s value', () => {
  it.each([
    ['1234.56', 4, '12345600'],
    ['15.3', -2, '0.153'],
    ['0.5', -2, '0.005'],
    ['1e-7', 4, '0.001'],
    ['1.5e21', 4, '15000000000000000000000000'],
    ['-0.5', 4, '-5000'],
    ['-0', 4, '0'],
    ['007', 0, '7'],
    ['12.50', 1, '125'],
    ['1.2亿元', 4, undefined],
    ['abc', 4, undefined],
  ] as const)('%s × 10^%d = %s', (text, shift, expected) => {
    expect(shiftDecimal(text, shift)).toBe(expected);
  });

  const wan: WideColumn = { key: 'onlineRetail', year: 2023, unit: 'yuan', shift: 4, title: '网络零售额(2023,万元)' };
  const plain: WideColumn = { key: 'onlineRetail', year: 2023, unit: 'yuan', title: '网络零售额(2023)' };
  it('scales a number cell exactly through its decimal text: 1.005 万元 is 10,050 元, not 10049.999…', () => {
    expect(1.005 * 10_000).toBe(10_049.999999999998); // what multiplying the double gives
    expect(wideValue(wan, 1.005)).toBe('10050');
    expect(parseQuantity(wideValue(wan, 1.005), 'yuan')).toEqual({ ok: true, value: 1_005_000 });
    expect(wideValue(wan, 1234.56)).toBe('12345600');
    expect(parseQuantity(wideValue(wan, 1234.56), 'yuan')).toEqual({ ok: true, value: 1_234_560_000 });
    expect(wideValue(wan, '1,234.56')).toBe('12345600'); // CSV text, with a thousands separator
  });

  it('reads a cell with its own unit as written, a plain column\'s cell as it is, and an empty cell as no fact', () => {
    expect(wideValue(wan, '1.2亿元')).toBe('1.2亿元');
    expect(wideValue(plain, 1234.56)).toBe(1234.56);
    expect(wideValue(plain, ' 5000万元 ')).toBe('5000万元');
    for (const empty of [undefined, null, '', '  ']) expect(wideValue(wan, empty)).toBeUndefined();
    expect(wideValue(plain, new Date(Date.UTC(2022, 4, 1)))).toBe('2022-05-01');
  });
});

const SUBJECTS_HEAD = '编号,类型,名称,区划代码';

describe('a wide subjects file', () => {
  it('gives the facts of its indicator columns, after the facts file\'s, in row then column order, exactly scaled', () => {
    const r = datasetOf(readCsv({
      subjects: [
        `${SUBJECTS_HEAD},"网络零售额(2023,万元)",网络零售额增幅（2023，%）,onlineRetail@2022,新增网上店铺数(2023)`,
        'E1,企业,甲公司,370811,1234.56,15.3,"1.2亿元",',
        'E2,企业,乙公司,370811,,,,',
        '370811,县,任城区,370811,,,,12',
        'E3,企业,丙公司,370811,0.01,,,',
      ].join('\n'),
      facts: '主体编号,年度,指标,值\nE1,2023,实物商品网络零售额,9000万元\n',
    }, known));
    expect(r.warnings.map((w) => w.message)).toEqual(['no evaluation year given (year in the file, or --year): evaluating 2023, the latest year of the facts']);
    expect(r.dataset.facts.map((f) => [f.subject, f.year, f.key, f.value])).toEqual([
      ['E1', 2023, 'physicalGoodsOnlineRetail', 9_000_000_000],
      ['E1', 2023, 'onlineRetail', 1_234_560_000],
      ['E1', 2023, 'onlineRetailGrowth', 153_000],
      ['E1', 2022, 'onlineRetail', 12_000_000_000],
      ['370811', 2023, 'newOnlineShops', 12],
      ['E3', 2023, 'onlineRetail', 10_000], // 0.01 万元 = 100 元
    ]);
    expect(r.dataset.subjects.map((s) => s.id)).toEqual(['E1', 'E2', '370811', 'E3']);
  });

  it('evaluates to the same dataset as the same facts given long', () => {
    const wide = datasetOf(readCsv({
      subjects: `${SUBJECTS_HEAD},网络零售额(2023),网络零售额增幅(2023)\nE1,企业,甲公司,370811,123456.78,0.153\nE2,企业,乙公司,370811,5000,\n`,
      facts: '主体编号,年度,指标,值\n',
    }, known, { year: 2023 }));
    const long = datasetOf(readObject({
      format: 'duixian/v1', year: 2023,
      subjects: [{ id: 'E1', kind: 'enterprise', name: '甲公司', region: '370811' }, { id: 'E2', kind: 'enterprise', name: '乙公司', region: '370811' }],
      facts: [
        { subject: 'E1', year: 2023, key: 'onlineRetail', value: 123456.78 },
        { subject: 'E1', year: 2023, key: 'onlineRetailGrowth', value: 0.153 },
        { subject: 'E2', year: 2023, key: 'onlineRetail', value: 5000 },
      ],
    }, known));
    expect(wide.dataset).toEqual(long.dataset);
  });

  it('a wide value and a long fact of the same subject, key and year: the same value is counted once, another is a conflict, at the wide cell', () => {
    const subjects = `${SUBJECTS_HEAD},"网络零售额(2023,万元)"\nE1,企业,甲公司,370811,1234.56\nE2,企业,乙公司,370811,100\n`;
    const facts = '主体编号,年度,指标,值\nE1,2023,网络零售额,12345600\nE2,2023,onlineRetail,2000000\n';
    const problems = problemsOf(readCsv({ subjects, facts }, known));
    expect(problems).toEqual([
      { path: 'subjects!E3', message: 'row 3, column 网络零售额(2023,万元): conflicting duplicate: row 3 of facts gives E2 onlineRetail 2023 another value; keep one, or tell them apart by item' },
    ]);
    const same = datasetOf(readCsv({ subjects, facts: facts.replace('2000000', '100万元') }, known));
    expect(same.dataset.facts.map((f) => [f.subject, f.value])).toEqual([['E1', 1_234_560_000], ['E2', 100_000_000]]);
    expect(same.warnings.map((w) => [w.path, w.message])).toEqual([
      ['subjects!E2', 'row 2, column 网络零售额(2023,万元): exact duplicate of row 2 of facts; counted once'],
      ['subjects!E3', 'row 3, column 网络零售额(2023,万元): exact duplicate of row 3 of facts; counted once'],
      ['(file)', 'no evaluation year given (year in the file, or --year): evaluating 2023, the latest year of the facts'],
    ]);
  });

  it('a bad wide cell is named by its row and column in the subjects file; the header problems by their column', () => {
    const problems = problemsOf(readCsv({
      subjects: `${SUBJECTS_HEAD},网络零售额(2023),"网络零售额增幅(2023,%)","新增网上店铺数(2023,万元)",网络零食额(2023),综合评价得分(2023),onlineRetail@2023\nE1,企业,甲公司,370811,很多,,1,2,3,4\nE2,企业,乙公司,370811,-5,15.33333333,,,,\n`,
      facts: '主体编号,年度,指标,值\n',
    }, known, { year: 2023 }));
    expect(problems.map((p) => p.path)).toEqual(['subjects!G1', 'subjects!H1', 'subjects!I1', 'subjects!J1', 'subjects!E2', 'subjects!E3', 'subjects!F3']);
    expect(problems[3]!.message).toBe('row 1, column J: "onlineRetail@2023" repeats column E (网络零售额(2023)): both are onlineRetail of 2023; keep one');
    expect(problems[4]!.message).toBe('row 2, column 网络零售额(2023): "很多" is not a money (元) value (expected 1.2亿元, 5000万元, 0.20元 or 123456.78)');
    expect(problems[5]!.message).toBe('row 3, column 网络零售额(2023): "-5" is negative: an amount of money cannot be below zero');
    expect(problems[6]!.message).toBe('row 3, column 网络零售额增幅(2023,%): "0.1533333333" has more than 6 decimal places for a ratio value');
  });

  it('a row without an id gives no wide facts (its missing id is the problem)', () => {
    const problems = problemsOf(readCsv({ subjects: `${SUBJECTS_HEAD},网络零售额(2023)\n,企业,甲公司,370811,很多\n`, facts: '主体编号,年度,指标,值\n' }, known, { year: 2023 }));
    expect(problems.map((p) => p.path)).toEqual(['subjects!A2']);
  });
});

const workbook = async (sheets: Record<string, unknown[][]>): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return new Uint8Array(await wb.xlsx.writeBuffer());
};

/** Facts in one order, whichever sheet gave them: the engine's evaluation does not depend on it. */
const sorted = (facts: readonly Fact[]): Fact[] => [...facts].sort((a, b) => (a.subject + a.key + a.year < b.subject + b.key + b.year ? -1 : 1));

describe('a wide workbook', () => {
  it('reads number, text and date cells as the facts sheet would; a bad cell is named 主体(subjects)!H3', async () => {
    const subjects = [
      ['编号', '类型', '名称', '区划代码', '网络零售额(2023,万元)', '网络零售额增幅(2023)', '分支机构转为法人企业日期(2023)', '跨境电商交易额（美元）(2023)'],
      ['E1', '企业', '甲公司', '370811', 1234.56, 0.153, new Date(Date.UTC(2022, 4, 1)), '12.5万美元'],
      ['E2', '企业', '乙公司', '370811', null, '15%', '2022/6/1', 99.5],
    ];
    const r = datasetOf(await readXlsx(await workbook({ '主体(subjects)': subjects, '事实(facts)': [['主体编号', '年度', '指标', '值']] }), known, { year: 2023 }));
    expect(r.dataset.facts.map((f) => [f.subject, f.key, f.value])).toEqual([
      ['E1', 'onlineRetail', 1_234_560_000],
      ['E1', 'onlineRetailGrowth', 153_000],
      ['E1', 'conversionDate', 20220501],
      ['E1', 'crossBorderTransactionsUsd', 12_500_000],
      ['E2', 'onlineRetailGrowth', 150_000],
      ['E2', 'conversionDate', 20220601],
      ['E2', 'crossBorderTransactionsUsd', 9_950],
    ]);
    subjects[2]![7] = '12.5万元';
    const problems = problemsOf(await readXlsx(await workbook({ '主体(subjects)': subjects, '事实(facts)': [['主体编号', '年度', '指标', '值']] }), known, { year: 2023 }));
    expect(problems).toEqual([{ path: '主体(subjects)!H3', message: 'row 3, column 跨境电商交易额（美元）(2023): "12.5万元" is not a US dollar value (expected 1000万美元 or 12345.67)' }]);
  });

  it('reads back what part D\'s writer writes: <中文名>(<year>) headers over numbers in the key\'s base unit, the rest long', async () => {
    const json = {
      format: 'duixian/v1', year: 2023,
      subjects: [
        { id: '370811', kind: 'county', name: '任城区', region: '370811' },
        { id: 'E1', kind: 'enterprise', name: '甲公司', region: '370811', tags: ['inStatsLibrary'] },
        { id: 'E2', kind: 'enterprise', name: '乙公司', region: '370811' },
      ],
      facts: [
        { subject: '370811', year: 2022, key: 'onlineRetail', value: 987654321.09 },
        { subject: '370811', year: 2023, key: 'onlineRetail', value: 1087654321.1 },
        { subject: '370811', year: 2023, key: 'onlineRetailGrowth', value: 0.101245 },
        { subject: '370811', year: 2023, key: 'newOnlineShops', value: 321 },
        { subject: 'E1', year: 2023, key: 'onlineRetail', value: 123456.78 },
        { subject: 'E1', year: 2023, key: 'promotionAbroadCost', item: '广交会', value: 50000 },
        { subject: 'E1', year: 2023, key: 'promotionAbroadCost', item: '德国展', value: 80000.5 },
        { subject: 'E2', year: 2023, key: 'onlineRetail', value: 0.01 },
        { subject: 'E2', year: 2023, key: 'nationalTitle', value: 1 },
      ],
    };
    const long = datasetOf(readObject(json, known));
    const wideKeys = [['onlineRetail', 2022], ['onlineRetail', 2023], ['onlineRetailGrowth', 2023], ['newOnlineShops', 2023], ['nationalTitle', 2023]] as const;
    const isWide = (f: (typeof json.facts)[number]) => !('item' in f);
    const subjects = [
      ['编号', '类型', '名称', '区划代码', '标签', ...wideKeys.map(([k, y]) => `${known.vocabulary.facts[k]!.label}(${y})`)],
      ...json.subjects.map((s) => [s.id, s.kind, s.name, s.region, (s.tags ?? []).join(','), ...wideKeys.map(([k, y]) => json.facts.find((f) => isWide(f) && f.subject === s.id && f.key === k && f.year === y)?.value ?? null)]),
    ];
    const facts = [['主体编号', '年度', '指标', '值', '事项'], ...json.facts.filter((f) => !isWide(f)).map((f) => [f.subject, f.year, f.key, f.value, (f as { item?: string }).item])];
    const wide = datasetOf(await readXlsx(await workbook({ '主体(subjects)': subjects, '事实(facts)': facts }), known, { year: 2023 }));
    expect(wide.dataset.subjects).toEqual(long.dataset.subjects);
    expect(sorted(wide.dataset.facts)).toEqual(sorted(long.dataset.facts));
    expect(wide.dataset.facts).toHaveLength(9);
  });

  it('the template offers both layouts: a wide column on the subjects sheet, a long fact of another key, and says how', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await templateXlsx(known)) as unknown as ExcelJS.Buffer);
    const subjects = wb.getWorksheet('主体(subjects)')!;
    expect([subjects.getCell('G1').value, subjects.getCell('G2').value]).toEqual(['网络零售额(2023)', '1.2亿元']);
    expect(String(subjects.getCell('G1').note)).toMatch(/^宽表列/);
    expect(wb.getWorksheet('事实(facts)')!.getRow(2).getCell(3).value).toBe('实物商品网络零售额');
    const explained: string[] = [];
    wb.getWorksheet('说明(keys)')!.eachRow((row) => explained.push(String(row.getCell(3).value)));
    expect(explained).toContain('两种填法');
  });
});

describe('a wide table alone is a whole dataset: no 事实 sheet, no facts file needed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duixian-wide-alone-'));
  const subjects = [['编号', '类型', '名称', '区划代码', '网络零售额(2023)'], ['E1', '企业', '甲公司', '370811', 123456.78]];

  it('an .xlsx of only 主体 with an indicator column reads; without one, the 事实 sheet is missing as before', async () => {
    const r = datasetOf(await readXlsx(await workbook({ '主体(subjects)': subjects }), known));
    expect(r.dataset.facts.map((f) => [f.subject, f.year, f.key, f.value])).toEqual([['E1', 2023, 'onlineRetail', 12_345_678]]);
    expect(r.dataset.year).toBe(2023); // from the wide column's year, said so in a warning
    const plain = problemsOf(await readXlsx(await workbook({ '主体(subjects)': subjects.map((row) => row.slice(0, 4)) }), known, { year: 2023 }));
    expect(plain).toEqual([{ path: '事实(facts)', message: 'missing sheet: the workbook needs a sheet named 事实(facts) (or 事实 / facts)' }]);
  });

  it('NAME.subjects.csv alone with an indicator column reads from disk; without one, the facts file is missing', async () => {
    writeFileSync(join(dir, 'bureau.subjects.csv'), subjects.map((row) => row.join(',')).join('\n'));
    const r = datasetOf(await readFile(join(dir, 'bureau.subjects.csv'), known));
    expect(r.dataset.facts.map((f) => [f.subject, f.key, f.value])).toEqual([['E1', 'onlineRetail', 12_345_678]]);
    writeFileSync(join(dir, 'plain.subjects.csv'), subjects.map((row) => row.slice(0, 4).join(',')).join('\n'));
    const problems = problemsOf(await readFile(join(dir, 'plain.subjects.csv'), known, { year: 2023 }));
    expect(problems.map((p) => p.path)).toEqual([join(dir, 'plain.facts.csv')]);
    expect(problems[0]!.message).toMatch(/^missing: the facts file of this CSV dataset was not found; .*\(or NAME\.subjects\.csv alone with indicator columns such as 网络零售额\(2023\)\)$/);
  });
});

describe('a percentage cell reads as the percentage it shows', () => {
  /** one sheet of subjects with a ratio column whose cells are formatted as percentages (0.153 shown as 15.3%) */
  const percentBook = async (header: string, numFmt: string): Promise<Uint8Array> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('主体(subjects)');
    ws.addRows([['编号', '类型', '名称', '区划代码', header], ['E1', '企业', '甲公司', '370811', 0.153], ['E2', '企业', '乙公司', '370811', -0.0082]]);
    for (const r of [2, 3]) ws.getCell(`E${r}`).numFmt = numFmt;
    ws.getCell('E3').numFmt = numFmt;
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };
  it.each([
    ['网络零售额增幅(2023,%)', '0.0%'], // before: the header's % moved a cached 0.153 again, to 0.00153
    ['网络零售额增幅(2023,%)', '0.00%'], // Excel's built-in format 10
    ['网络零售额增幅(2023)', '0.0%'],
  ])('%s over cells formatted %s: 15.3% and -0.82%', async (header, numFmt) => {
    const r = datasetOf(await readXlsx(await percentBook(header, numFmt), known, { year: 2023 }));
    expect(r.dataset.facts.map((f) => [f.subject, f.key, f.value])).toEqual([['E1', 'onlineRetailGrowth', 153_000], ['E2', 'onlineRetailGrowth', -8_200]]);
  });
});
