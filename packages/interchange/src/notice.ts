/**
 * 公示: the award list of a run, filtered (document, rule, region, funder, type), with totals by
 * funder and by city, and exported in the layout a public notice uses — document, article,
 * subject, USCC, region, the figures the decision used, amount — as .xlsx and CSV. The .xlsx keeps
 * amounts as numbers (#,##0.00, with a 合计 row) so that a finance office can sum and filter them;
 * both write the figures in 万/亿 to two decimals, as the pages do.
 */
import { BUILT_IN_REGIONS, fenOf, yuanString, type AwardRow, type Evaluation, type PolicyDocument, type RegionTable, type Rule, type Subject } from '@duixian/engine';
import { loadExcel } from './excel.js';
import { spreadsheetCsv, spreadsheetRow } from './spreadsheet-safe.js';

export interface AwardFilter {
  readonly document?: string;
  readonly rule?: string;
  /** a region code: subjects located inside it */
  readonly region?: string;
  readonly funder?: string;
  readonly type?: AwardRow['type'];
}

export interface NoticeContext {
  readonly subjects: ReadonlyMap<string, Subject>;
  readonly documents: ReadonlyMap<string, PolicyDocument>;
  readonly rules: ReadonlyMap<string, Rule>;
  /** the corpus's region table (its Known.regions): places, cities and names; the engine's built-in one when absent */
  readonly regions?: RegionTable;
}

export function filterAwards(rows: readonly AwardRow[], ctx: NoticeContext, f: AwardFilter): AwardRow[] {
  const regions = ctx.regions ?? BUILT_IN_REGIONS;
  return rows.filter((r) => {
    if (f.document && r.document !== f.document) return false;
    if (f.rule && r.rule !== f.rule) return false;
    if (f.funder && r.funder !== f.funder) return false;
    if (f.type && r.type !== f.type) return false;
    if (f.region) {
      const place = regions.placeOf(ctx.subjects.get(r.subject));
      if (!place || !regions.isWithin(place, f.region)) return false;
    }
    return true;
  });
}

/** Money by funder and by city, in fen, for the rows given (the filter's view). */
export function awardTotals(rows: readonly AwardRow[], ctx: NoticeContext): { byFunder: Record<string, string>; byCity: Record<string, string> } {
  const byFunder = new Map<string, bigint>();
  const byCity = new Map<string, bigint>();
  const regions = ctx.regions ?? BUILT_IN_REGIONS;
  for (const r of rows) {
    if (r.type !== 'money' || r.amount === null) continue;
    const fen = BigInt(fenOf(r.amount));
    for (const [f, v] of r.funderShares ? Object.entries(r.funderShares).map(([k, a]) => [k, BigInt(fenOf(a))] as const) : [[r.funder, fen] as const]) {
      byFunder.set(f, (byFunder.get(f) ?? 0n) + v);
    }
    const place = regions.placeOf(ctx.subjects.get(r.subject));
    const city = (place && regions.cityOf(place)) ?? place ?? '';
    byCity.set(city, (byCity.get(city) ?? 0n) + fen);
  }
  const out = (m: Map<string, bigint>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, yuanString(v)]));
  return { byFunder: out(byFunder), byCity: out(byCity) };
}

export const NOTICE_HEADERS = ['文件', '文号', '条款', '奖励项目', '主体名称', '统一社会信用代码', '所在地区', '依据指标', '奖励类型', '金额（元）', '资金来源'] as const;
const TYPE_ZH = { money: '资金', honor: '荣誉', recommendation: '推荐', pending: '金额待定' } as const;

/** One row of the notice: what the public sees of an award. */
export function noticeRows(rows: readonly AwardRow[], ctx: NoticeContext): string[][] {
  const regions = ctx.regions ?? BUILT_IN_REGIONS;
  return rows.map((r) => {
    const s = ctx.subjects.get(r.subject);
    const doc = ctx.documents.get(r.document);
    const place = regions.placeOf(s);
    return [
      doc?.title ?? r.document, doc?.number ?? '', r.article, ctx.rules.get(r.rule)?.title ?? r.rule,
      s?.name ?? r.subject, s?.uscc ?? '', place ? `${regions.region(place)?.name ?? place}（${place}）` : '',
      figuresAsWritten(indicatorsOf(r)), TYPE_ZH[r.type] + (r.ceiling ? '（最高额）' : ''), r.amount ?? '', fundersOf(r, regions),
    ];
  });
}

/** Who pays, by name: 济宁市财政; a split award names each share (东营市财政 6.00万元；河口区财政 4.00万元). */
const funderName = (code: string, regions: RegionTable): string => `${regions.region(code)?.name ?? code}财政`;
function fundersOf(r: AwardRow, regions: RegionTable): string {
  if (!r.funderShares) return funderName(r.funder, regions);
  return Object.entries(r.funderShares).map(([f, v]) => `${funderName(f, regions)} ${v}`).join('；');
}

/**
 * The figures the decision used, from its explanation: the conditions and ranks that held
 * ("实物商品网络零售额 1.2亿元 ≥ 1亿元") and the figure a tier or per-unit amount was computed from
 * ("网络零售额 4,100万元"), each once; empty without an explanation.
 */
function indicatorsOf(r: AwardRow): string {
  const out = new Set<string>();
  for (const s of r.explanation?.steps ?? []) {
    if ((s.kind === 'condition' || s.kind === 'rank') && s.holds === true) out.add(s.text.replace(/（[^）]*）$/, ''));
    else if (s.kind === 'compute' && typeof s.data?.indicator === 'string') {
      const figure = s.data.indicator;
      if (![...out].some((o) => o.startsWith(figure))) out.add(figure); // a condition already showed it
    }
  }
  return [...out].join('；');
}

/** A figure in 万/亿 with more than two decimals (a fact to the fen): digits, decimals, unit. */
const LONG_FIGURE = /(\d+)\.(\d{3,})(万|亿)/g;

/**
 * Figures as people write them: two decimals in 万/亿, half up, marked ≈ where digits were dropped
 * ("1.6497655248亿元" → "≈1.65亿元"; "1.2500亿元" → "1.25亿元"), as the pages show explanations.
 */
function figuresAsWritten(text: string): string {
  return text.replace(LONG_FIGURE, (_all, whole: string, places: string, unit: string) => {
    const hundredths = BigInt(whole + places.slice(0, 2)) + (Number(places[2]) >= 5 ? 1n : 0n);
    const dropped = !/^0*$/.test(places.slice(2));
    return `${dropped ? '≈' : ''}${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}${unit}`;
  });
}

/** The notice as CSV (names and figures as text, never formulas: spreadsheet-safe.ts). */
export function noticeCsv(rows: readonly AwardRow[], ctx: NoticeContext): string {
  return spreadsheetCsv([NOTICE_HEADERS, ...noticeRows(rows, ctx)]);
}

/** Yuan in a cell: a number a spreadsheet sums (to the fen, as the text wrote it), shown 1,234.50. */
const MONEY_FORMAT = '#,##0.00';
const AMOUNT_COLUMN = NOTICE_HEADERS.indexOf('金额（元）') + 1;
const yuanNumber = (yuan: string): number => Number(fenOf(yuan)) / 100;

/**
 * The notice as an .xlsx workbook: a title, the list with a 合计 row, and the totals by funder;
 * every cell through spreadsheetRow. Amounts are numbers (the total written as its value, never
 * a formula: a downloaded sheet runs none).
 */
export async function noticeXlsx(result: Pick<Evaluation, 'year'>, rows: readonly AwardRow[], ctx: NoticeContext, title: string): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('公示名单');
  ws.addRow(spreadsheetRow([title]));
  ws.addRow([`考核年度：${result.year}`]);
  ws.addRow([...NOTICE_HEADERS]);
  ws.getRow(3).font = { bold: true };
  ws.getColumn(6).numFmt = '@'; // USCC as text, never a rounded number
  ws.getColumn(AMOUNT_COLUMN).numFmt = MONEY_FORMAT;
  let fen = 0n;
  for (const r of noticeRows(rows, ctx)) {
    const amount = r[AMOUNT_COLUMN - 1]!;
    if (amount) fen += BigInt(fenOf(amount));
    ws.addRow(spreadsheetRow(r.map((cell, k) => (k === AMOUNT_COLUMN - 1 ? (cell ? yuanNumber(cell) : null) : cell))));
  }
  const total = ws.addRow(['合计']);
  total.getCell(AMOUNT_COLUMN).value = Number(fen) / 100;
  total.getCell(AMOUNT_COLUMN).numFmt = MONEY_FORMAT;
  total.font = { bold: true };
  ws.columns.forEach((c, k) => {
    c.width = [28, 20, 8, 24, 30, 22, 20, 40, 12, 14, 10][k] ?? 14;
  });
  const totals = wb.addWorksheet('合计');
  totals.addRow(['资金来源', '金额（元）']);
  for (const [f, v] of Object.entries(awardTotals(rows, ctx).byFunder)) totals.addRow(spreadsheetRow([funderName(f, ctx.regions ?? BUILT_IN_REGIONS), yuanNumber(v)]));
  totals.getColumn(2).numFmt = MONEY_FORMAT;
  totals.getColumn(1).width = 20;
  totals.getColumn(2).width = 16;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
