/**
 * A long request under way, as its job reports it: the phase in words, how far it is within the
 * phase (chunks read, facts written, rows stored) and the seconds spent. Each phase owns a stretch
 * of the bar, so the bar only moves forward and reaches the end when the work does.
 */
import { useEffect, useState } from 'react';
import { Progress, Typography } from 'antd';
import type { JobProgress } from '../api';
import { percentOf, type Phase } from '../progress';
import { useT } from '../i18n';

export function Working({ since, progress, phases, testId }: { since: number; progress?: JobProgress; phases: readonly Phase[]; testId?: string }) {
  const t = useT();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, (now - since) / 1000).toFixed(0);
  const at = phases.find((x) => x.phase === progress?.phase);
  const count = progress?.total ? `（${progress.done ?? 0} / ${progress.total}）` : '';
  const rows = at?.rows && progress?.done ? t(`，已读 ${progress.done.toLocaleString('zh-CN')} 行`, `, ${progress.done.toLocaleString('en-US')} rows read`) : '';
  return (
    <div data-testid={testId} style={{ marginTop: 12 }}>
      <Progress aria-label={t('进度', 'Progress')} percent={percentOf(phases, progress)} status="active" />
      <Typography.Text type="secondary">
        {at ? t(`${at.zh}${count}${rows}，已用 ${seconds} 秒`, `${at.en}${count.replace('（', ' (').replace('）', ')')}${rows}: ${seconds} s so far`) : t(`排队中，已用 ${seconds} 秒`, `Queued: ${seconds} s so far`)}
      </Typography.Text>
    </div>
  );
}
