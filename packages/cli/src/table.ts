/**
 * The readable award table (`duixian evaluate` without --json): awards grouped by funder
 * (资金来源), each group with its subtotal, then the grand total, withheld and missing counts.
 * Columns are aligned by display width, so Chinese text (two columns a character) lines up.
 */
import { fenOf, formatYuan, yuanString, type Dataset, type Evaluation } from '@duixian/engine';
import { CORPUS, region } from '@duixian/corpus';

const TYPE_ZH = { money: '资金', honor: '荣誉', recommendation: '推荐', pending: '待定' } as const;
const REASON_ZH: Record<string, string> = {
  exclusive: '不重复奖励（就高）', 'document-exclusive': '全文就高不重复', once: '一次性奖励已享受', blacklist: '信用黑名单', pool: '总额已用完',
  'exclusive-history': '已享受同组奖励（就高）', 'cap-history': '每家最高额已用完',
};

/** Display width: CJK and full-width forms take two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

function grid(rows: string[][], right: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  return rows.map((r) => r.map((cell, c) => (right.has(c) ? padStart(cell, widths[c]!) : padEnd(cell, widths[c]!))).join('  ').trimEnd());
}

const funderName = (code: string): string => {
  const r = region(code);
  return r ? `${r.name}财政（${code}）` : code;
};

export function awardTable(result: Evaluation, dataset: Dataset): string {
  const names = new Map(dataset.subjects.map((s) => [s.id, s.name]));
  const numbers = new Map(CORPUS.documents.map((d) => [d.id, d.number]));
  const titles = new Map(CORPUS.rules.map((r) => [r.id, r.title]));
  const byFunder = new Map<string, Evaluation['awards'][number][]>();
  for (const a of result.awards) {
    const list = byFunder.get(a.funder);
    if (list) list.push(a);
    else byFunder.set(a.funder, [a]);
  }
  const out = [`duixian 兑现 · ${result.year}年度奖励测算`, ''];
  if (Object.keys(result.interpretations).length) {
    out.push(`切换的口径：${Object.entries(result.interpretations).map(([k, v]) => `${k}=${v}`).join('，')}`, '');
  }
  for (const funder of [...byFunder.keys()].sort()) {
    const rows = byFunder.get(funder)!;
    out.push(`资金来源：${funderName(funder)}`);
    const table = [['文件', '条款', '规则', '奖励名称', '主体', '类型', '金额（元）', '名次']];
    for (const a of rows) {
      table.push([
        numbers.get(a.document) ?? a.document, a.article, a.rule, titles.get(a.rule) ?? '', names.get(a.subject) ?? a.subject,
        TYPE_ZH[a.type] + (a.ceiling ? '（最高）' : ''), a.amount ?? '—', a.rank === null ? '' : String(a.rank),
      ]);
    }
    out.push(...grid(table, new Set([6])).map((l) => '  ' + l));
    const subtotal = result.totals.byFunder[funder];
    out.push(`  小计：${subtotal ? `${subtotal} 元（${formatYuan(fenOf(subtotal))}）` : '无资金奖励'}，共 ${rows.length} 项`, '');
  }
  const total = Object.values(result.totals.byFunder).reduce((s, v) => s + fenOf(v), 0);
  out.push(`合计：${yuanString(total)} 元（${formatYuan(total)}），奖励 ${result.awards.length} 项`);
  if (result.withheld.length) {
    const reasons = new Map<string, number>();
    for (const w of result.withheld) reasons.set(w.reason, (reasons.get(w.reason) ?? 0) + 1);
    out.push(`不予发放 ${result.withheld.length} 项：${[...reasons].map(([r, n]) => `${REASON_ZH[r] ?? r} ${n}`).join('，')}`);
  }
  if (result.missing.length) out.push(`数据不足无法判定 ${result.missing.length} 项（用 --json 查看缺少的指标）`);
  for (const p of result.pools) out.push(`总额控制 ${p.rule}：上限 ${p.cap} 元，申请 ${p.requested} 元，核定 ${p.granted} 元`);
  return out.join('\n') + '\n';
}

