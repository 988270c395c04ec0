/** 账户管理: accounts inside an administrator's jurisdiction, their creation, disabling and reset. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';
import { Page } from './paging.js';
import { Role } from './session.js';

export const AccountParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$', description: '账户编号 the account id' }) });

const accountFields = {
  id: Type.String({ description: '账户编号 the account id' }),
  username: Type.String(),
  role: Role,
  region: Nullable(Type.String({ description: '辖区代码 the region it acts in' })),
  uscc: Nullable(Type.String({ description: '企业信用代码 its enterprise (enterprise users)' })),
  bank: Nullable(Type.String({ description: '合作银行 its bank (bank staff)' })),
  mustChangePassword: Type.Boolean({ description: '须修改一次性密码 must change its one-time password' }),
};

export const Account = Type.Object(accountFields, { description: '账户 An account' });
export type Account = Static<typeof Account>;

export const ListedAccount = Type.Object({
  ...accountFields,
  disabled: Type.Boolean({ description: '已停用 disabled: cannot sign in' }),
  createdBy: Type.String({ description: '创建人 who created it' }),
}, { description: '账户（含状态） An account with its state' });
export type ListedAccount = Static<typeof ListedAccount>;

export const AccountList = Page(ListedAccount, '辖区内的账户 The accounts acting inside your jurisdiction');
export type AccountList = Static<typeof AccountList>;

export const NewAccount = Type.Object({
  username: Type.String({ description: '用户名 the username' }),
  role: Role,
  region: Type.Optional(Type.String({ description: '辖区代码 the region (administrators, auditors, banks)' })),
  uscc: Type.Optional(Type.String({ description: '企业信用代码 enterprise users: the stored enterprise it acts for' })),
  bank: Type.Optional(Type.String({ description: 'role bank: the partner bank (齐鲁电商贷) its staff work for' })),
}, {
  additionalProperties: false, description: '新账户 A new account in your jurisdiction',
  examples: [{ username: 'lixia-admin', role: 'county-admin', region: '370102' }],
});
export type NewAccount = Static<typeof NewAccount>;

export const AccountIssued = Type.Object({
  account: Account,
  oneTimePassword: Type.String({ description: '一次性密码，仅显示这一次 the one-time password, shown this once' }),
}, { description: '账户及其一次性密码 The account and its one-time password' });
export type AccountIssued = Static<typeof AccountIssued>;

export const AccountReset = Type.Object({ account: ListedAccount, oneTimePassword: Type.String({ description: '新的一次性密码 the new one-time password, shown this once' }) }, { description: '已重置 Reset: its sessions ended' });
export type AccountReset = Static<typeof AccountReset>;

export const AccountChanged = Type.Object({ account: ListedAccount }, { description: '已停用或启用 Disabled or enabled' });
export type AccountChanged = Static<typeof AccountChanged>;
