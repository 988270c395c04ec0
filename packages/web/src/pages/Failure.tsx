/**
 * An API failure as the user reads it: the server's message in the page's language, and each row's
 * problem. The server words its message in both languages, but a row's problem (an import's cell, a
 * field of the request) often in English only: a Chinese page shows such a row by its place with a
 * Chinese note, and says where the English details are — never an English line on a Chinese screen.
 */
import { Alert } from 'antd';
import type { ApiFailure, Problem } from '../api';
import { useLang, useT } from '../i18n';
import { useWords } from '../words';

const CHINESE = /[\u4e00-\u9fff]/;

/** A row's problem in the page's language: on a Chinese page, its Chinese words, or a Chinese note where the server has English only. */
export function useProblemText(): (d: Problem) => string {
  const lang = useLang();
  const words = useWords();
  return (d) => (lang === 'en' ? d.message : CHINESE.test(d.message) ? words.plain(d.message) : '此处有误，请核对');
}

/** Whether a Chinese page left out English-only details (and should say where to read them). */
export const leftInEnglish = (lang: string, details: readonly Problem[]): boolean => lang === 'zh' && details.some((d) => !CHINESE.test(d.message));

export function Failure({ error }: { error: ApiFailure }) {
  const lang = useLang();
  const t = useT();
  const words = useWords();
  const line = useProblemText();
  const shown = error.details.slice(0, 200);
  const inEnglishOnly = leftInEnglish(lang, shown);
  return (
    <Alert
      type="error" showIcon style={{ marginBottom: 16 }} role="alert"
      message={lang === 'zh' ? words.summary(error.zh) : error.en}
      description={error.details.length ? (
        <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 240, overflow: 'auto' }}>
          {shown.map((d, k) => <li key={k}><code>{d.path}</code> {line(d)}</li>)}
          {error.details.length > 200 && <li>… {error.details.length - 200}</li>}
          {inEnglishOnly && <li style={{ listStyle: 'none' }}>{t('以上各处的具体说明目前只有英文，可切换到 English 查看。', '')}</li>}
        </ul>
      ) : undefined}
    />
  );
}
