/** The pages and who sees them: navigation follows the role (an enterprise user sees what concerns it). */
import { isAdmin, isReader, type Account, type Role } from './api';

/** The roles in rank order, by name (the header, the accounts table, its role sorter). */
export const ROLE_NAMES: Record<Role, [string, string]> = {
  'province-admin': ['省级管理员', 'Province administrator'], 'city-admin': ['市级管理员', 'City administrator'],
  'county-admin': ['县级管理员', 'County administrator'], enterprise: ['企业用户', 'Enterprise'], auditor: ['审计人员', 'Auditor'],
  bank: ['合作银行', 'Partner bank'],
};

export type PageId = 'library' | 'data' | 'review' | 'simulate' | 'targets' | 'calculator' | 'apply' | 'approvals' | 'notices' | 'budgets' | 'lists' | 'loans' | 'tasks' | 'accounts';

export interface PageDef {
  readonly id: PageId;
  readonly zh: string;
  readonly en: string;
  readonly visible: (a: Account) => boolean;
}

export const PAGES: readonly PageDef[] = [
  { id: 'library', zh: '政策库', en: 'Policies', visible: (a) => a.role !== 'bank' },
  { id: 'data', zh: '数据', en: 'Data', visible: isReader },
  { id: 'review', zh: '评审', en: 'Review', visible: isReader },
  { id: 'simulate', zh: '政策模拟', en: 'Simulate', visible: isAdmin },
  { id: 'targets', zh: '目标监测', en: 'Targets', visible: isReader },
  { id: 'calculator', zh: '政策计算器', en: 'What can I get', visible: (a) => a.role !== 'bank' },
  // from a decided award to money paid (issue 5)
  { id: 'apply', zh: '申报', en: 'Apply', visible: (a) => a.role === 'enterprise' },
  { id: 'approvals', zh: '审核', en: 'Approvals', visible: isReader },
  { id: 'notices', zh: '公示', en: 'Public notices', visible: (a) => a.role !== 'bank' },
  { id: 'budgets', zh: '预算与拨付', en: 'Budgets', visible: isReader },
  { id: 'lists', zh: '名单管理', en: 'Lists', visible: isReader },
  { id: 'loans', zh: '齐鲁电商贷', en: 'Loans', visible: () => true },
  { id: 'tasks', zh: '任务督办', en: 'Tasks', visible: isReader },
  { id: 'accounts', zh: '账户', en: 'Accounts', visible: isReader },
];

/** 公示公告 for everyone, without signing in: the sign-in page links to it. */
export const PUBLIC_NOTICES = '#/public/notices';

export function pageFromHash(hash: string, a: Account): PageId {
  const wanted = hash.replace(/^#\/?/, '').split('?')[0];
  const page = PAGES.find((p) => p.id === wanted && p.visible(a));
  return page?.id ?? (a.role === 'enterprise' ? 'calculator' : a.role === 'bank' ? 'loans' : 'library');
}
