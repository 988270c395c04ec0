/**
 * Exports never carry formulas: every CSV and .xlsx the interchange package writes (the 公示 list,
 * the import template), read back cell by cell, with a subject named after each of the issue's
 * payloads; none may start with = + - @, a tab or a CR, nor be a formula.
 */
import { describe, expect, it } from 'vitest';
import type { Subject } from '@duixian/engine';
import { evaluate, INTERPRETATION_VALUES } from '@duixian/engine';
import { CORPUS, RULE_IDS, VOCABULARY } from '@duixian/corpus';
import { noticeCsv, noticeXlsx, readObject, spreadsheetCsv, spreadsheetRow, spreadsheetText, templateCsv, templateXlsx, type NoticeContext } from '@duixian/interchange';
import { csvCells, FORMULA_PAYLOADS, formulaCells, xlsxCells } from './formulas.js';
import { example } from './fixtures.js';

const read = readObject(example(), { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY });
if (!read.ok) throw new Error('fixture');
const result = evaluate(CORPUS, read.dataset, { explain: true });

/** The example's notice context with E1 (who has two awards) renamed `name`. */
const named = (name: string): NoticeContext => ({
  subjects: new Map(read.dataset.subjects.map((s): [string, Subject] => [s.id, s.id === 'E1' ? { ...s, name } : s])),
  documents: new Map(CORPUS.documents.map((d) => [d.id, d])),
  rules: new Map(CORPUS.rules.map((r) => [r.id, r])),
});

describe('spreadsheetText', () => {
  it('puts an apostrophe before each payload, and before nothing else', () => {
    expect(FORMULA_PAYLOADS.map(spreadsheetText)).toEqual(FORMULA_PAYLOADS.map((p) => `'${p}`));
    for (const text of ['示例电商有限公司', '', "'=1", ' =1', 'A=1', '1+1', '2023-10-20', 'ZF2023-0001', '\n=1']) expect(spreadsheetText(text)).toBe(text);
  });

  it('leaves a plain number alone, negative too: a spreadsheet reads it as the number', () => {
    for (const n of ['-1200.50', '-5', '24000.00', '0']) expect(spreadsheetText(n)).toBe(n);
    for (const t of ['-1200.50元', '-1.2e3', '-.5', '--5', '+5']) expect(spreadsheetText(t)).toBe(`'${t}`);
    expect(spreadsheetRow([-1200.5, 3, null, '-2+3'])).toEqual([-1200.5, 3, null, "'-2+3"]);
  });

  it('CSV: BOM, safe fields, quotes only where needed, CRLF', () => {
    expect(spreadsheetCsv([['名称', '金额'], ['=1+1', -12.5], ['a,"b"', null], ['\r=1', '-3.00']]))
      .toBe('\ufeff名称,金额\r\n\'=1+1,-12.5\r\n"a,""b""",\r\n"\'\r=1",-3.00\r\n');
  });
});

/** XML (an .xlsx) reads a carriage return back as a line feed. */
const asXml = (text: string) => text.replace(/\r\n?/g, '\n');

describe.each(FORMULA_PAYLOADS)('a subject named %j', (name) => {
  it('the notice CSV shows the name as text: quoted with an apostrophe, no cell a formula', () => {
    const cells = csvCells(noticeCsv(result.awards, named(name)));
    expect(formulaCells(cells)).toEqual([]);
    expect(cells.filter((c) => c.text === `'${name}`)).toHaveLength(2);
  });

  it('the notice .xlsx shows the name as text: quoted with an apostrophe, no cell a formula', async () => {
    const cells = await xlsxCells(await noticeXlsx(result, result.awards, named(name), '2023年度电子商务奖励名单（公示）'));
    expect(formulaCells(cells)).toEqual([]);
    expect(cells.filter((c) => c.text === asXml(`'${name}`))).toHaveLength(2);
  });
});

describe('the import template', () => {
  it('.xlsx and CSV headers: no cell a formula', async () => {
    const cells = await xlsxCells(await templateXlsx({ rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY }));
    expect(cells.length).toBeGreaterThan(50);
    expect(formulaCells(cells)).toEqual([]);
    expect(formulaCells([...csvCells(templateCsv('subjects')), ...csvCells(templateCsv('facts'))])).toEqual([]);
  });
});
