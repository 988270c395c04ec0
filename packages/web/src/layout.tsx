/**
 * The frame around every page, at the desk and on a phone (issue 16, point 7). On a window as wide
 * as a laptop's the header carries the full title, who is signed in and the language, and the menu
 * is a side bar; below antd's `lg` breakpoint (992 px: a tablet, a phone, a narrow window) the title
 * shortens to 兑现, a ☰ button opens the menu as a drawer from the left, and the language switch and
 * 退出登录 move into that drawer, so nothing in the header needs more than a phone's width.
 * Tables scroll inside their own box and drawers take the whole width of a phone: base.css.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Segmented, Space, Typography } from 'antd';
import type { Account } from './api';
import { useLang, useT, type Lang } from './i18n';
import { useNames } from './names';
import { ROLE_NAMES, type PageId } from './routes';

/** True below the `lg` breakpoint: the menu is a drawer, the header is short. False until antd has measured the window. */
export function useNarrow(): boolean {
  return Grid.useBreakpoint().lg === false;
}

/** The language switch, 中文 / EN, remembered by the App. */
function LangSwitch({ onLang }: { onLang: (l: Lang) => void }) {
  const t = useT();
  return <Segmented size="small" aria-label={t('界面语言', 'Language')} value={useLang()} onChange={(v) => onLang(v as Lang)} options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} />;
}

/** Who is signed in: user name, role and jurisdiction by its name (济宁市任城区, not 370811). */
function Who({ account }: { account: Account }) {
  const t = useT();
  const names = useNames();
  return (
    <span data-testid="who" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0, lineHeight: 'normal' }}>
      {account.username} · {t(...ROLE_NAMES[account.role])}{account.region ? ` · ${names.region(account.region)}` : ''}
    </span>
  );
}

/** The header: on a narrow window the short title and, when signed in, the ☰ button that opens the menu. */
export function TopBar({ account, onLang, onMenu }: { account?: Account | null; onLang: (l: Lang) => void; onMenu?: () => void }) {
  const t = useT();
  const narrow = useNarrow();
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, background: '#fff', borderBottom: '1px solid #eee', paddingInline: narrow ? 12 : 24 }}>
      {onMenu && <Button type="text" aria-label={t('菜单', 'Menu')} onClick={onMenu} style={{ fontSize: 20 }} data-testid="menu-button">☰</Button>}
      <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>{narrow ? t('兑现', 'duixian') : t('兑现 · 政策兑现平台', 'duixian · incentive policies')}</Typography.Title>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginInlineStart: 'auto', minWidth: 0 }}>
        {account && <Who account={account} />}
        {!(narrow && onMenu) && <LangSwitch onLang={onLang} />}
      </div>
    </Layout.Header>
  );
}

interface NavigationProps {
  readonly items: readonly { key: PageId; label: ReactNode }[]; // a label may carry its to-do badge (Todo.tsx)
  readonly page: PageId;
  readonly onLang: (l: Lang) => void;
  readonly onSignOut: () => Promise<void>;
}

/** The menu: a side bar at the desk; on a narrow window a drawer, opened by the header's ☰ and closed by choosing a page. */
export function useNavigation({ items, page, onLang, onSignOut }: NavigationProps): { onMenu?: () => void; navigation: ReactNode } {
  const t = useT();
  const narrow = useNarrow();
  const [open, setOpen] = useState(false);
  const go = (key: string) => {
    location.hash = `#/${key}`;
    setOpen(false);
  };
  const menu = <Menu mode="inline" selectedKeys={[page]} items={[...items]} onClick={(e) => go(e.key)} style={{ borderInlineEnd: 'none' }} />;
  const signOut = <Button type="link" onClick={() => void onSignOut()}>{t('退出登录', 'Sign out')}</Button>;
  if (!narrow) {
    return {
      navigation: (
        <Layout.Sider width={180} theme="light">
          {menu}
          <div style={{ position: 'absolute', bottom: 16, left: 8 }}>{signOut}</div>
        </Layout.Sider>
      ),
    };
  }
  return {
    onMenu: () => setOpen(true),
    navigation: (
      <Drawer placement="left" open={open} onClose={() => setOpen(false)} size={280} title={t('兑现 · 政策兑现平台', 'duixian · incentive policies')} styles={{ body: { padding: 0 } }}
        footer={<Space style={{ justifyContent: 'space-between', width: '100%' }}><LangSwitch onLang={onLang} />{signOut}</Space>}>
        <nav aria-label={t('页面', 'Pages')}>{menu}</nav>
      </Drawer>
    ),
  };
}

/**
 * A table wider than its box scrolls inside it (base.css); so that the keyboard can scroll it too,
 * its scrolling box takes the focus (tabindex 0, named by the language's word for table). antd gives
 * the box no prop for this, and tables come and go with the data: hence an observer of the page,
 * cheap since it only looks at tables' boxes.
 */
export function useScrollableTablesFocusable(label: string): void {
  useEffect(() => {
    const mark = () => {
      for (const box of document.querySelectorAll<HTMLElement>('.ant-table-content')) {
        const scrolls = box.scrollWidth > box.clientWidth + 1;
        if (scrolls && box.tabIndex !== 0) {
          box.tabIndex = 0;
          box.setAttribute('role', 'region');
          box.setAttribute('aria-label', label);
        } else if (!scrolls && box.hasAttribute('tabindex')) {
          box.removeAttribute('tabindex');
          box.removeAttribute('role');
          box.removeAttribute('aria-label');
        }
      }
    };
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    addEventListener('resize', mark);
    mark();
    return () => {
      observer.disconnect();
      removeEventListener('resize', mark);
    };
  }, [label]);
}
