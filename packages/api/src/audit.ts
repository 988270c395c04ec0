/** 审计日志: the append-only, hash-chained log of every write, and its verification. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.js';
import { Page } from './paging.js';

export const AuditEntry = Type.Object({
  seq: Type.String({ description: '序号 the entry\'s place in the chain' }),
  at: Timestamp('时间 when'),
  actor: Type.String({ description: '操作人 who' }),
  action: Type.String({ description: '操作 what, e.g. import, run, account.create', examples: ['run'] }),
  entity: Type.String({ description: '对象 what it was done to, e.g. runs/12' }),
  before: Type.Unknown({ description: '之前 the state before (JSON)' }),
  after: Type.Unknown({ description: '之后 the state after (JSON)' }),
  prev_hash: Type.String({ description: '前一条的哈希 the hash of the entry before' }),
  hash: Type.String({ description: '本条哈希 this entry\'s hash' }),
  request_id: Type.Optional(Nullable(Type.String({ description: '请求编号 the HTTP request it was written for (x-request-id)' }))),
}, { description: '一条审计记录 One entry of the audit log' });
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditLog = Page(AuditEntry, '审计日志（新的在前） The audit log, newest first');
export type AuditLog = Static<typeof AuditLog>;

export const AuditCheck = Type.Object({
  ok: Type.Boolean({ description: '哈希链完整 the chain holds' }),
  entries: Type.Integer({ description: '条数 entries checked' }),
  seq: Type.Optional(Type.String({ description: '第一条有问题的记录 the first broken entry' })),
  problem: Type.Optional(Type.String({ description: '问题 what is wrong with it' })),
}, { description: '哈希链校验 The chain recomputed' });
export type AuditCheck = Static<typeof AuditCheck>;
