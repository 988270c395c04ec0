/**
 * The shell: sign-in, then a side menu that follows the role, the jurisdiction in the header,
 * and the language switch. Pages are addressed by the URL's hash (#/review), so a link can be
 * shared and the browser's back button works. Each page is its own chunk, loaded when first
 * opened: the sign-in form does not wait for the charts and tables behind it.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, Layout, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { api, ApiFailure, setCsrf, type Account } from './api';
import { LangContext, useT, type Lang } from './i18n';
import { PAGES, pageFromHash, type PageId } from './routes';
import { TopBar, useNarrow, useNavigation, useScrollableTablesFocusable } from './layout';
import { PUBLIC_NOTICES } from './routes';
import { SignIn } from './pages/SignIn';
import { CalendarWarning } from './pages/CalendarWarning';
import { TodoSummary, todoOf, useTodo, withBadge } from './Todo';
import { NamesProvider } from './names';
import { ReadingsProvider } from './words';

const Library = lazy(() => import('./pages/Library').then((m) => ({ default: m.Library })));
const Calculator = lazy(() => import('./pages/Calculator').then((m) => ({ default: m.Calculator })));
const Review = lazy(() => import('./pages/Review').then((m) => ({ default: m.Review })));
const Data = lazy(() => import('./pages/Data').then((m) => ({ default: m.Data })));
const Simulate = lazy(() => import('./pages/Simulate').then((m) => ({ default: m.Simulate })));
const Targets = lazy(() => import('./pages/Targets').then((m) => ({ default: m.Targets })));
const Accounts = lazy(() => import('./pages/Accounts').then((m) => ({ default: m.Accounts })));
const Apply = lazy(() => import('./pages/Apply').then((m) => ({ default: m.Apply })));
const Approvals = lazy(() => import('./pages/Approvals').then((m) => ({ default: m.Approvals })));
const Notices = lazy(() => import('./pages/Notices').then((m) => ({ default: m.Notices })));
const PublicNotices = lazy(() => import('./pages/Notices').then((m) => ({ default: m.PublicNotices })));
const Budgets = lazy(() => import('./pages/Budgets').then((m) => ({ default: m.Budgets })));
const Lists = lazy(() => import('./pages/Lists').then((m) => ({ default: m.Lists })));
const Loans = lazy(() => import('./pages/Loans').then((m) => ({ default: m.Loans })));
const Tasks = lazy(() => import('./pages/Tasks').then((m) => ({ default: m.Tasks })));

/**
 * The colours: the bureau's red, and every text colour dark enough to read (WCAG AA, 4.5:1 on white
 * and on a table header's grey): antd's default grey for labels, empty tables and placeholders (45%
 * black, 3.4:1), its blue for links (#1677ff, 4.1:1) and its green for success (2.3:1) fail it.
 */
const THEME = {
  token: {
    colorPrimary: '#c0392b', colorLink: '#0958d9', colorError: '#cf1322',
    // hover and pressed a darker red, not antd's lighter one (#cc5e4e on a hovered tab's grey, 3.97:1)
    colorPrimaryHover: '#a93226', colorPrimaryActive: '#922b21', colorPrimaryTextHover: '#a93226',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.62)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    colorSuccess: '#237804', // coloured tags: base.css
  },
};

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('duixian.lang') === 'en' ? 'en' : 'zh'));
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  const [hash, setHash] = useState(location.hash);

  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const s = await api<{ account: Account; csrf: string }>('GET', '/api/session');
      setCsrf(s.csrf);
      setAccount(s.account);
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) setAccount(null);
      else throw e;
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const switchLang = (l: Lang) => {
    localStorage.setItem('duixian.lang', l);
    setLang(l);
  };

  let body;
  if (account === undefined) body = <Spin style={{ margin: 80 }} />;
  else if (account === null && hash.startsWith(PUBLIC_NOTICES)) body = <Suspense fallback={<Spin style={{ margin: 80 }} />}><PublicNotices /></Suspense>; // 公示 is for everyone
  else if (account === null || account.mustChangePassword) body = <SignIn account={account} onDone={refresh} />;
  else body = <Shell account={account} page={pageFromHash(hash, account)} onLang={switchLang} onSignOut={async () => { await api('DELETE', '/api/session'); setAccount(null); }} />;

  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        <LangContext.Provider value={lang}>
          <Layout style={{ minHeight: '100vh' }}>
            {!(account && !account.mustChangePassword) && <TopBar account={account} onLang={switchLang} />}
            {body}
          </Layout>
        </LangContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}

function Shell({ account, page, onLang, onSignOut }: { account: Account; page: PageId; onLang: (l: Lang) => void; onSignOut: () => Promise<void> }) {
  const lang = useT();
  const todo = useTodo(page);
  const items = PAGES.filter((p) => p.visible(account)).map((p) => ({ key: p.id, label: withBadge(lang(p.zh, p.en), todoOf(todo, p.id), p.id) }));
  const { onMenu, navigation } = useNavigation({ items, page, onLang, onSignOut });
  const narrow = useNarrow();
  useScrollableTablesFocusable(lang('表格（可左右滚动）', 'Table (scrolls sideways)'));
  return (
    <NamesProvider><ReadingsProvider>
      <TopBar account={account} onLang={onLang} onMenu={onMenu} />
      <Layout>
        {navigation}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <CalendarWarning account={account} />
          <TodoSummary todo={todo} page={page} />
          <Suspense fallback={<Spin style={{ margin: 40 }} data-testid="page-loading" />}>
            {page === 'library' && <Library account={account} />}
            {page === 'calculator' && <Calculator account={account} />}
            {page === 'review' && <Review account={account} />}
            {page === 'data' && <Data account={account} />}
            {page === 'simulate' && <Simulate />}
            {page === 'targets' && <Targets />}
            {page === 'apply' && <Apply account={account} />}
            {page === 'approvals' && <Approvals account={account} />}
            {page === 'notices' && <Notices account={account} />}
            {page === 'budgets' && <Budgets account={account} />}
            {page === 'lists' && <Lists account={account} />}
            {page === 'loans' && <Loans account={account} />}
            {page === 'tasks' && <Tasks account={account} />}
            {page === 'accounts' && <Accounts account={account} />}
          </Suspense>
        </Layout.Content>
      </Layout>
    </ReadingsProvider></NamesProvider>
  );
}
