/**
 * A long request under way: the server answers in one response, so the bar shows time passing
 * (approaching, never reaching, the end) with the seconds spent and what is being done.
 */
import { useEffect, useState } from 'react';
import { Progress, Typography } from 'antd';

export function Working({ since, what, testId }: { since: number; what: (seconds: number) => string; testId?: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, (now - since) / 1000);
  return (
    <div data-testid={testId} style={{ marginTop: 12 }}>
      <Progress percent={Math.min(95, Math.round(100 * (1 - Math.exp(-seconds / 8))))} status="active" />
      <Typography.Text type="secondary">{what(seconds)}</Typography.Text>
    </div>
  );
}
