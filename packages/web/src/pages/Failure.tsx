/** An API failure as the user reads it: the server's message in the page's language, and each row's problem. */
import { Alert } from 'antd';
import type { ApiFailure } from '../api';
import { useLang } from '../i18n';

export function Failure({ error }: { error: ApiFailure }) {
  const lang = useLang();
  return (
    <Alert
      type="error" showIcon style={{ marginBottom: 16 }} role="alert"
      message={lang === 'zh' ? error.zh : error.en}
      description={error.details.length ? (
        <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 240, overflow: 'auto' }}>
          {error.details.slice(0, 200).map((d, k) => <li key={k}><code>{d.path}</code> {d.message}</li>)}
          {error.details.length > 200 && <li>… {error.details.length - 200}</li>}
        </ul>
      ) : undefined}
    />
  );
}
