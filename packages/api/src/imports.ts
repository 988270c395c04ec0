/**
 * 数据导入: a dataset (the interchange JSON, a CSV pair, or the .xlsx template) checked and written
 * all or nothing; a dry run says what the file holds. The import log.
 */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable, Timestamp } from './common.js';
import { FieldProblem } from './errors.js';
import { Page } from './paging.js';

export const ImportQuery = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 500, description: '导入原因（审计） why (audited)' })),
  name: Type.Optional(Type.String({ maxLength: 255, description: '文件名 the file\'s name' })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '年度（文件未写明时） the year, where the file does not say' })),
  dryRun: Type.Optional(Type.Boolean({ description: 'check only: every problem, or what the file holds; nothing is written' })),
});
export type ImportQuery = Static<typeof ImportQuery>;

const Counts = Type.Object({ added: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer() });

export const DryRun = Type.Object({
  dryRun: Type.Literal(true),
  year: Type.Integer(),
  rows: Type.Object({ subjects: Type.Integer(), facts: Type.Integer(), history: Type.Integer(), parameters: Type.Integer(), interpretations: Type.Integer() }, { description: '各部分行数 rows of each part' }),
  warnings: List(FieldProblem, { description: '提醒（不妨碍导入） warnings that do not stop an import' }),
}, { description: '仅检查：文件内容，未写入 Checked only: what the file holds; nothing written' });
export type DryRun = Static<typeof DryRun>;

export const Imported = Type.Object({
  importId: Nullable(Type.String({ description: '导入编号；数据已全部存在、未写入时为 null null when everything was there already' })),
  subjects: Counts,
  facts: Type.Object({ added: Type.Integer(), revised: Type.Integer(), unchanged: Type.Integer() }),
  history: Counts, parameters: Counts, interpretations: Counts,
  warnings: List(FieldProblem),
}, { description: '已导入：各部分新增、修改、未变 Imported: added, changed, unchanged of each part' });
export type Imported = Static<typeof Imported>;

export const ImportAnswer = Type.Union([DryRun, Imported]);
export type ImportAnswer = Static<typeof ImportAnswer>;

export const ImportRecord = Type.Object({
  id: Type.String(), name: Type.String(), by: Type.String(), reason: Type.String(), at: Timestamp('导入时间 when'),
  fileHash: Type.String({ description: '文件哈希 SHA-256 of the file' }),
  counts: Type.Record(Type.String(), Type.Record(Type.String(), Type.Number()), { description: '各部分计数 counts of each part: {subjects: {added, changed, unchanged}, facts: …}' }),
});
export type ImportRecord = Static<typeof ImportRecord>;

export const ImportLog = Page(ImportRecord, '导入记录（辖区内账户） The import log: by accounts inside your jurisdiction');
export type ImportLog = Static<typeof ImportLog>;
