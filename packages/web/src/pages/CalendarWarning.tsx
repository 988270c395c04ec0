/** The admin pages' banner when the working-day calendar lacks the current or next year's holidays. */
import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { api, isAdmin, type Account } from '../api';
import { calendarWarning, type CalendarInfo } from '../calendar';
import { useT } from '../i18n';

export function CalendarWarning({ account }: { account: Account }) {
  const t = useT();
  const [missing, setMissing] = useState<readonly number[]>([]);
  useEffect(() => {
    if (!isAdmin(account)) return;
    // a banner that cannot load stays away: the pages work without it
    api<CalendarInfo>('GET', '/api/calendar').then((c) => setMissing(c.missing), () => setMissing([]));
  }, [account]);
  const w = calendarWarning(missing);
  if (!w) return null;
  return <Alert type="warning" showIcon banner style={{ marginBottom: 16 }} message={t(w.zh, w.en)} data-testid="calendar-warning" />;
}
