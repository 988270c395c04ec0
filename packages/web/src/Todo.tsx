/**
 * 待办: what waits on the signed-in account (GET /api/todo, counts in SQL) — a badge beside the
 * menu items 审核, 公示, 名单管理 and 齐鲁电商贷, and a short summary on arrival. Counted again
 * when the page changes and when a page says it changed something (todoChanged()).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Badge, Space } from 'antd';
import { api } from './api';
import { useT } from './i18n';
import type { Todo } from '@duixian/api';
import type { PageId } from './routes';

export type { Todo };

/** The page each count is worked off in, and how the summary says it. */
const WHERE: Readonly<Record<keyof Todo, { page: PageId; zh: string; en: string }>> = {
  approvals: { page: 'approvals', zh: '审核', en: 'to review' },
  notices: { page: 'notices', zh: '公示', en: 'to publish or finalize' },
  lists: { page: 'lists', zh: '名单管理', en: 'list entries to review' },
  loans: { page: 'loans', zh: '齐鲁电商贷', en: 'loan applications' },
};

const CHANGED = 'duixian:todo';

/** A page that approved, published or reviewed something: the counts are fetched again. */
export const todoChanged = (): void => void dispatchEvent(new Event(CHANGED));

/** The account's to-do counts, fetched on arrival, on each page change and after todoChanged(); undefined until they come (or if they fail: no badge is better than a wrong one). */
export function useTodo(page: PageId): Todo | undefined {
  const [todo, setTodo] = useState<Todo>();
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const on = () => setChanges((n) => n + 1);
    addEventListener(CHANGED, on);
    return () => removeEventListener(CHANGED, on);
  }, []);
  useEffect(() => {
    let current = true;
    api<Todo>('GET', '/api/todo').then((x) => current && setTodo(x), () => undefined);
    return () => void (current = false);
  }, [page, changes]);
  return todo;
}

/** The count waiting in `page`, if any. */
export function todoOf(todo: Todo | undefined, page: PageId): number {
  const key = (Object.keys(WHERE) as (keyof Todo)[]).find((k) => WHERE[k].page === page);
  return key && todo ? todo[key] : 0;
}

/** A menu item's label with its count beside it (none when nothing waits). */
export function withBadge(label: string, count: number, page: PageId): ReactNode {
  if (!count) return label;
  return <Space size={6}>{label}<Badge count={count} size="small" overflowCount={999} data-testid={`todo-${page}`} /></Space>;
}

/** 待办 on arrival: one line naming what waits and where; gone once the user moves on (or closes it). */
export function TodoSummary({ todo, page }: { todo: Todo | undefined; page: PageId }) {
  const t = useT();
  const first = useRef(page);
  const [moved, setMoved] = useState(false);
  useEffect(() => void (page !== first.current && setMoved(true)), [page]);
  const waiting = (Object.keys(WHERE) as (keyof Todo)[]).filter((k) => todo?.[k]);
  if (moved || !todo || !waiting.length) return null;
  return (
    <Alert type="info" showIcon closable style={{ marginBottom: 16 }} data-testid="todo-summary" message={
      <Space wrap size={[12, 4]}>
        <strong>{t('待办', 'Waiting for you')}</strong>
        {waiting.map((k) => <a key={k} href={`#/${WHERE[k].page}`}>{t(`${WHERE[k].zh} ${todo[k]} 项`, `${todo[k]} ${WHERE[k].en}`)}</a>)}
      </Space>
    } />
  );
}
