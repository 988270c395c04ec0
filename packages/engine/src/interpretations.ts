/**
 * The readings of ambiguous text (policy-catalogue.md, "Interpretations"). Each has a
 * default; a run may switch any of them by value name, and every result records the
 * readings its rule used. Ids and value names are public interface.
 */
export const INTERPRETATIONS = {
  'I-bounds': { question: '以上/以下/达到/不低于/不少于 与 超过/高于/低于/不满/不足', values: ['civil-code'] },
  'I-guo': { question: '过亿元 / 过5000万元', values: ['strict', 'inclusive'] },
  'I-tier-range': { question: '“A至B”档次的端点', values: ['lower-inclusive', 'upper-inclusive'] },
  'I-per-unit': { question: '每实现1万元……2元', values: ['full-units', 'proportional'] },
  'I-money-rounding': { question: '不足一分的金额', values: ['floor'] },
  'I-rank-ties': { question: '名次并列', values: ['share', 'break'] },
  'I-rank-scope': { question: '“前N名且……”的排名范围', values: ['all', 'eligible'] },
  'I-rank-incomplete': { question: '全省各市/全市各县排名中部分成员没有排名所需数据', values: ['reported', 'missing'] },
  'I-exclusive': { question: '不重复奖励 / 就高不就低', values: ['highest'] },
  'I-vacancy': { question: '因不重复奖励而放弃的名次奖励', values: ['empty', 'move-up'] },
  'I-jining-doc-exclusive': { question: '以上奖励政策按就高原则执行，不重复享受（济宁全文）', values: ['document', 'group'] },
  'I-pool': { question: '超过补贴总额上限', values: ['pro-rata', 'largest-first'] },
  'I-avg': { question: '全省/全市平均增幅', values: ['published-total', 'member-mean'] },
  'I-growth': { question: '主体的增幅', values: ['published'] },
  'I-composite': { question: '未规定方法的综合评价', values: ['panel-or-minmax', 'weighted'] },
  'I-once': { question: '一次性', values: ['ever', 'per-year'] },
  'I-year-in-force': { question: '文件覆盖的考核年度', values: ['overlap', 'full'] },
  'I-split-year': { question: '考核年度内文件被修订（或数额调整）：由哪个版本决定该年度', values: ['year-end', 'year-start', 'pro-rata-days'] },
  'I-stack-levels': { question: '省、市、区县奖励叠加', values: ['allowed'] },
  'I-brand-item': { question: '济阳第3条“一项最高50%”', values: ['largest', 'applied'] },
  'I-usd': { question: '美元门槛', values: ['year-rate'] },
  'I-blacklist': { question: '信用黑名单主体', values: ['no-money', 'ignore'] },
  'I-group-history': { question: '同组（济宁：同一文件）奖励已给予后又符合更高一项', values: ['top-up', 'none'] },
  'I-pool-period': { question: '补贴总额或每家最高额未写明期间', values: ['year', 'validity'] },
  'I-recipient-place': { question: '济南“在我市举办/开展”“面向全市服务”的支持对象：按注册地还是按活动所在地', values: ['location', 'activity'] },
} as const;

export type InterpretationId = keyof typeof INTERPRETATIONS;
export type ReadingOf<I extends InterpretationId> = (typeof INTERPRETATIONS)[I]['values'][number];
export type Readings = { readonly [I in InterpretationId]: ReadingOf<I> };

/** The first value of each list is the default reading. */
export const DEFAULT_READINGS = Object.fromEntries(
  Object.entries(INTERPRETATIONS).map(([id, v]) => [id, v.values[0]]),
) as unknown as Readings;

export const isInterpretationId = (s: string): s is InterpretationId => Object.hasOwn(INTERPRETATIONS, s);

/** id → allowed values, for input validation. */
export const INTERPRETATION_VALUES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(INTERPRETATIONS).map(([id, v]) => [id, v.values]),
);

/** Resolve switches over the defaults; unknown ids or values are an error naming them. */
export function resolveReadings(switches: Readonly<Record<string, string>>): Readings {
  const out: Record<string, string> = { ...DEFAULT_READINGS };
  for (const [id, value] of Object.entries(switches)) {
    const allowed = INTERPRETATION_VALUES[id];
    if (!allowed) throw new Error(`unknown interpretation ${id}`);
    if (!allowed.includes(value)) throw new Error(`${id}: unknown value "${value}" (one of ${allowed.join(', ')})`);
    out[id] = value;
  }
  return out as unknown as Readings;
}
