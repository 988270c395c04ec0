/**
 * What changed since an application was queued (issue 14): deciding it again on today's data,
 * lists and awards granted pays less or nothing — 黑名单、已享受同组奖励、资金池已用尽… — and the
 * reviewer (or the finance officer paying it) goes on only with a reason acknowledging it, which
 * the server keeps in the step's history and the audit log. Shared by the application's detail and
 * the payment form.
 */
import { useId } from 'react';
import { Alert, Input, Space } from 'antd';
import { useT } from '../i18n';
import type { Change } from '../process';

export function Changes({ changes, reason, onReason }: { changes: readonly Change[]; reason?: string; onReason?: (reason: string) => void }) {
  const t = useT();
  const id = useId();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div data-testid="changes">
        <Alert type="warning" showIcon message={t('与列入名单时相比有变化：', 'Changed since the application was queued:')}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{changes.map((c, k) => <li key={k} data-change={c.code}>{t(c.zh, c.en)}</li>)}</ul>} />
      </div>
      {onReason && (
        <>
          <label htmlFor={id}>{t('确认理由（已知悉上述变化）', 'Reason for going on (the changes above acknowledged)')}</label>
          <Input.TextArea id={id} rows={2} value={reason} onChange={(e) => onReason(e.target.value)} data-testid="acknowledge-reason"
            placeholder={t('如：黑名单列入在申报事项之后，经集体研究同意', 'e.g. listed after the facts applied for; agreed collectively')} />
        </>
      )}
    </Space>
  );
}
