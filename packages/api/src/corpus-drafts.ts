/**
 * 政策库版本: the province uploads a document folder (.zip), kept as a draft when it passes the
 * check, with what it would cost on the year's data; published with an effective date and a reason.
 */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable, StringEnum, Timestamp } from './common.js';
import { Totals } from './runs.js';

export const CorpusVersion = Type.Object({
  hash: Type.String({ description: '版本哈希 SHA-256 over its files' }),
  version: Type.String({ description: '版本号 the corpus\'s own version' }),
  state: StringEnum(['built-in', 'draft', 'published'] as const, { description: '内置、草案、已发布 built-in, draft or published' }),
  storedBy: Type.String(), storedAt: Timestamp('保存时间 when kept'),
  effective: Nullable(Type.String({ description: '生效日期 YYYY-MM-DD' })),
  publishedBy: Nullable(Type.String()), publishedAt: Nullable(Timestamp('发布时间 when published')),
  reason: Nullable(Type.String({ description: '发布理由 why' })),
}, { description: '政策库版本 A corpus version' });
export type CorpusVersion = Static<typeof CorpusVersion>;

export const CorpusVersions = Type.Object({
  inForce: Type.String({ description: '今日生效的版本 the version runs use today' }),
  items: List(CorpusVersion),
}, { description: '保存的每个政策库版本（新的在前） Every corpus version kept, newest first' });
export type CorpusVersions = Static<typeof CorpusVersions>;

export const DraftQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'the year to simulate (default: the latest with data)' })) });
export const HashParams = Type.Object({ hash: Type.String({ pattern: '^[0-9a-f]{64}$', description: '版本哈希 the version\'s hash' }) });

export const DocumentCost = Type.Object({
  document: Type.String(), title: Type.String(),
  current: Type.String({ description: '现行（元） in force, yuan' }), draft: Type.String({ description: '草案（元） the draft, yuan' }), delta: Type.String({ description: '差额 the difference' }),
});
export type DocumentCost = Static<typeof DocumentCost>;

export const Draft = Type.Object({
  version: CorpusVersion,
  kept: Type.Boolean({ description: '新保存（false：同一版本已存在） newly kept; false when the same version was there' }),
  documents: List(Type.String(), { description: '上传的文件 the documents uploaded' }),
  replaced: List(Type.String(), { description: '替换的现行文件 those replacing a document in force' }),
  simulation: Nullable(Type.Object({
    year: Type.Integer(), against: Type.String({ description: '对比的现行版本 the version in force compared with' }),
    documents: List(DocumentCost), total: Totals, byFunder: Type.Record(Type.String(), Totals),
  }, { description: '按该年度数据的资金测算 What it would pay on the year\'s data' })),
}, { description: '政策库草案 The draft kept, and its cost' });
export type Draft = Static<typeof Draft>;

export const Publication = Type.Object({
  effective: Type.String({ format: 'date', description: 'YYYY-MM-DD' }),
  reason: Type.String({ minLength: 2, maxLength: 500, description: '发布理由 why (audited)' }),
}, { additionalProperties: false, examples: [{ effective: '2026-01-01', reason: '省商务厅2025年第3次厅务会审定' }] });
export type Publication = Static<typeof Publication>;

export const Published = Type.Object({ version: CorpusVersion, inForce: Type.String() }, { description: '已发布 Published: runs use it from its effective date' });
export type Published = Static<typeof Published>;
