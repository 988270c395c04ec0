/**
 * The phases a long request reports (see the server's jobs.ts), in words, and the stretch of the
 * progress bar each owns, so that the bar only moves forward and ends when the work does.
 */
import type { JobProgress } from './api';

/** A phase the server reports, in words, and the stretch of the bar it owns (percent from, to). */
export interface Phase {
  readonly phase: string;
  readonly zh: string;
  readonly en: string;
  readonly from: number;
  readonly to: number;
  /** the phase counts rows as it goes (done, with no total): said as rows read */
  readonly rows?: true;
}

export const RUN_PHASES: readonly Phase[] = [
  { phase: 'load', zh: '从数据库读取当年数据', en: 'Reading the year from the database', from: 0, to: 50 },
  { phase: 'evaluate', zh: '逐条评审并生成说明', en: 'Evaluating every rule, with explanations', from: 50, to: 80 },
  { phase: 'hash', zh: '计算输入与结果哈希', en: 'Hashing the input and the result', from: 80, to: 85 },
  { phase: 'store', zh: '保存测算结果', en: 'Storing the run', from: 85, to: 100 },
];

export const IMPORT_PHASES: readonly Phase[] = [
  { phase: 'read', zh: '读取并逐行检查文件', en: 'Reading and checking every row', from: 0, to: 25, rows: true },
  { phase: 'check', zh: '核对管辖范围', en: 'Checking the jurisdiction', from: 25, to: 30 },
  { phase: 'write', zh: '写入数据库（全部成功或全部不写）', en: 'Writing (all or nothing)', from: 30, to: 100 },
];

/** Where the bar stands for a reported progress: the phase's stretch, filled by done ÷ total. */
export function percentOf(phases: readonly Phase[], p: JobProgress | undefined): number {
  const at = phases.find((x) => x.phase === p?.phase);
  if (!at || !p) return 0;
  const within = p.total ? Math.min(1, (p.done ?? 0) / p.total) : 0;
  return Math.round(at.from + (at.to - at.from) * within);
}
