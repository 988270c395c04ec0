/**
 * The readers know the corpus's words, not Shandong's: kinds, fact keys and tags (and the Chinese
 * labels a spreadsheet may give instead) come from Known.vocabulary, and the template lists them.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Vocabulary } from '@duixian/engine';
import { readCsv, readObject, readXlsx, templateXlsx, type Known } from '@duixian/interchange';
import { datasetOf, problemsOf } from './fixtures.js';

/** A corpus's whole vocabulary, none of it Shandong's except the region kinds' ids. */
const WORDS: Vocabulary = {
  kinds: { county: '县', cooperative: '农民专业合作社' },
  facts: {
    trainingSessions: { label: '培训次数', unit: 'count', usedBy: 'cooperatives' },
    openedOn: { label: '开业日期', unit: 'date', usedBy: 'cooperatives' },
    honour: { label: '当年获评示范社', unit: 'flag', usedBy: 'cooperatives', yearScoped: true },
  },
  tags: { ruralCooperative: '农村合作社', fiveInOne: '实现“五合一”（培训、销售、物流、金融、品牌）', honour: '示范社' },
};
const known: Known = { rules: new Set(), interpretations: {}, vocabulary: WORDS };

describe('readers against a corpus\'s own words', () => {
  it('accept its kinds, keys and tags; a year-scoped title given as a tag is a warning', () => {
    const r = datasetOf(readObject({
      format: 'duixian/v1', year: 2031,
      subjects: [{ id: 'C1', kind: 'cooperative', name: '合作社', region: '370811', tags: ['ruralCooperative', 'honour'] }],
      facts: [{ subject: 'C1', year: 2031, key: 'trainingSessions', value: 12 }],
    }, known));
    expect(r.dataset.subjects[0]).toMatchObject({ kind: 'cooperative', tags: ['ruralCooperative', 'honour'] });
    expect(r.dataset.facts.map((f) => [f.key, f.value])).toEqual([['trainingSessions', 12]]);
    expect(r.warnings.map((w) => w.path)).toEqual(['subjects[0].tags[1]']);
  });

  it('refuse a word of another corpus (Shandong\'s enterprise, onlineRetail, inStatsLibrary), listing their own', () => {
    const problems = problemsOf(readObject({
      format: 'duixian/v1', year: 2031,
      subjects: [{ id: 'E1', kind: 'enterprise', name: '企业', region: '370811', tags: ['inStatsLibrary'] }],
      facts: [{ subject: 'E1', year: 2031, key: 'onlineRetail', value: '1万元' }],
    }, known));
    expect(problems.map((p) => p.path)).toEqual(['subjects[0].kind', 'subjects[0].tags[0]', 'facts[0].key']);
    expect(problems[0]!.message).toContain('use one of county, cooperative');
    expect(problems[1]!.message).toContain('tags are ruralCooperative, fiveInOne, honour');
    expect(problems[2]!.message).toContain('e.g. trainingSessions, openedOn, honour');
  });

  it('read a spreadsheet\'s Chinese labels by the corpus\'s: kinds, keys, a tag whose label holds separators, a date', () => {
    const r = datasetOf(readCsv({
      subjects: 'id,kind,name,region,tags\nC1,农民专业合作社,合作社,370811,"农村合作社、实现“五合一”（培训、销售、物流、金融、品牌）"\n',
      facts: 'subject,year,key,value\nC1,2031,培训次数,12\nC1,2031,开业日期,2030年5月1日\n',
    }, known));
    expect(r.dataset.subjects[0]).toMatchObject({ kind: 'cooperative', tags: ['ruralCooperative', 'fiveInOne'] });
    expect(r.dataset.facts.map((f) => [f.key, f.value])).toEqual([['trainingSessions', 12], ['openedOn', 20300501]]);
  });
});

describe('the template', () => {
  it('lists the corpus\'s words in its 说明(keys) sheet and speaks them in its example rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await templateXlsx(known)) as unknown as ExcelJS.Buffer);
    const rows: string[][] = [];
    wb.getWorksheet('说明(keys)')!.eachRow((row) => rows.push([String(row.getCell(1).value), String(row.getCell(2).value ?? '')]));
    expect(rows.filter(([c]) => c === '指标').map(([, k]) => k)).toEqual(['trainingSessions', 'openedOn', 'honour']);
    expect(rows.filter(([c]) => c === '主体类型').map(([, k]) => k)).toEqual(['county', 'cooperative']);
    expect(rows.filter(([c]) => c === '标签').map(([, k]) => k)).toEqual(['ruralCooperative', 'fiveInOne', 'honour']);
    expect(wb.getWorksheet('事实(facts)')!.getRow(2).getCell(3).value).toBe('培训次数');
  });

  it('reads back as it is against its own corpus: the example award, amount and reading are that corpus\'s', async () => {
    const own: Known = {
      rules: new Set(['coop-2031/1.hours', 'coop-2031/2.fee']), vocabulary: WORDS,
      parameters: new Map([['coop-2031/1.hours', ['threshold']], ['coop-2031/2.fee', ['amount', 'cap']]]),
      interpretations: { 'I-coop': ['strict', 'lenient'] },
    };
    const r = datasetOf(await readXlsx(await templateXlsx(own), own));
    // no kind enterprise, no fact in 元: the example subject is of its first kind that is no region, its figure a count
    expect(r.dataset.subjects).toEqual([expect.objectContaining({ id: 'E1', kind: 'cooperative', tags: ['ruralCooperative', 'fiveInOne'] })]);
    expect(r.dataset.facts).toEqual([expect.objectContaining({ subject: 'E1', key: 'trainingSessions', value: 12 })]);
    expect(r.dataset.history).toEqual([{ subject: 'E1', rule: 'coop-2031/1.hours', year: 2022, amount: 5_000_000 }]);
    expect(r.dataset.parameters).toEqual([{ rule: 'coop-2031/2.fee', year: 2023, key: 'amount', value: 50_000_000 }]);
    expect(r.dataset.interpretations).toEqual({ 'I-coop': 'lenient' });
  });
});
