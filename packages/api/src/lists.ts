/**
 * 白名单与信用黑名单: an entry as proposed or imported, as reviewed and removed, and as the API
 * shows it (the category's name, whether it is in force today, what the caller may do with it).
 */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable, StringEnum, Timestamp } from './common.js';
import { RecordId } from './applications.js';
import { Page, PageProperties } from './paging.js';

export const LIST_NAMES = ['white', 'black'] as const;
export const ENTRY_STATES = ['pending', 'active', 'refused', 'removed'] as const;
/** workflow's WHITELIST_CATEGORIES (the server's test checks they agree) */
export const WHITELIST_CATEGORY_IDS = ['park', 'mcn', 'training', 'supply-chain', 'service'] as const;
const CATEGORIES_TEXT = 'park (电商园区), mcn (MCN机构), training (培训机构), supply-chain (供应链企业), service (服务企业)';

/**
 * A text field of a proposal that may be null, written as the schema always had it (`type: ['string',
 * 'null']`): its validation message stays one line ("must NOT have more than 200 characters")
 * where TypeBox's union would add "must be null" and "must match a schema in anyOf".
 */
const NullableText = (description: string, maxLength?: number) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...(maxLength === undefined ? {} : { maxLength }), description });

/** The fields of an entry as one proposes it: the store checks each (dates, region, USCC) and names it. */
export const EntryFields = {
  list: Type.String({ description: '名单：white（白名单）或 black（信用黑名单） white or black' }),
  category: Type.Optional(NullableText(`白名单类别 whitelist category: ${CATEGORIES_TEXT}`)),
  subject: Type.Optional(NullableText('已登记主体的编号（名称、信用代码、地区取自该主体） a stored subject\'s id (its name, USCC and region are taken from it)', 64)),
  name: Type.Optional(NullableText('名称 name', 200)),
  uscc: Type.Optional(NullableText('统一社会信用代码 USCC', 32)),
  region: Type.Optional(NullableText('地区代码 region code, e.g. 370811', 6)),
  reason: Type.Optional(NullableText('理由（黑名单必填） reason: required for the blacklist', 1000)),
  // dates are checked by the store, which names the field (as in an import)
  validFrom: Type.String({ maxLength: 10, description: '生效日期 the first day in force, YYYY-MM-DD' }),
  validTo: Type.Optional(NullableText('失效日期（空：直至移出） the last day in force, YYYY-MM-DD; empty: until removed', 10)),
};

export const NewEntry = Type.Object(EntryFields, {
  additionalProperties: false,
  description: '提议一条名单条目（待另一名管理员审核） An entry proposed: pending until another administrator reviews it',
  examples: [{ list: 'white', category: 'park', subject: 'E1', validFrom: '2024-01-01' }, { list: 'black', name: '某某电子商务有限公司', uscc: '91370800MA3C00000X', region: '370811', reason: '严重失信', validFrom: '2024-03-01' }],
});
export type NewEntry = Static<typeof NewEntry>;

/** What /api/lists/import takes: a JSON array of entries, {"csv": "…"}, or the CSV text (text/csv). The handler checks it and names each row. */
export const EntryImport = Type.Unsafe<readonly Record<string, unknown>[] | { csv: string } | string>({
  description: '一次导入多条（全部导入或全部不导入）：条目数组、{"csv": "…"}，或 CSV 正文（text/csv），列为 名单,类别,主体编号,名称,统一社会信用代码,地区,理由,生效日期,失效日期 Entries all or nothing: a JSON array, {"csv": "…"} or CSV text',
  examples: [[{ list: 'white', category: 'park', subject: 'E1', validFrom: '2024-01-01' }], { csv: '名单,类别,主体编号,名称,统一社会信用代码,地区,理由,生效日期,失效日期\n白名单,park,E1,,,,,2024-01-01,' }],
});

export const EntryParams = Type.Object({ id: RecordId('名单条目编号 the entry') });

export const EntryQuery = Type.Object({
  page: Type.Optional(PageProperties.page),
  pageSize: Type.Optional(PageProperties.pageSize),
  list: Type.Optional(StringEnum(LIST_NAMES, { description: '名单 white or black' })),
  category: Type.Optional(StringEnum(WHITELIST_CATEGORY_IDS, { description: '白名单类别 whitelist category' })),
  state: Type.Optional(StringEnum(ENTRY_STATES, { description: '状态 state' })),
  activeOn: Type.Optional(Type.String({ format: 'date', description: '当日有效的条目 those in force that day' })),
  subject: Type.Optional(Type.String({ maxLength: 64, description: '主体编号 a subject\'s id' })),
});
export type EntryQuery = Static<typeof EntryQuery>;

export const ListEntry = Type.Object({
  id: Type.String(),
  list: StringEnum(LIST_NAMES, { description: '名单 white or black' }),
  category: Nullable(Type.String({ description: '白名单类别 whitelist category' })),
  categoryName: Nullable(Type.String({ description: '类别名称 the category\'s name, e.g. 电商园区' })),
  subjectId: Nullable(Type.String()),
  name: Type.String(),
  uscc: Nullable(Type.String()),
  region: Type.String({ description: '地区代码 region code' }),
  reason: Type.String(),
  validFrom: Type.String({ description: '生效日期 YYYY-MM-DD' }),
  validTo: Nullable(Type.String({ description: '失效日期 YYYY-MM-DD' })),
  removedOn: Nullable(Type.String({ description: '移出日期 the day it was removed' })),
  state: StringEnum(ENTRY_STATES, { description: '状态 pending, active, refused or removed' }),
  version: Type.Integer({ description: '版本：审核与移出须带上 send it back with a review or removal' }),
  inForce: Type.Boolean({ description: '今日是否有效 in force today' }),
  actions: List(StringEnum(['approve', 'refuse', 'remove'] as const), { description: '您可进行的操作 what you may do with it' }),
}, { description: '名单条目 A list entry' });
export type ListEntry = Static<typeof ListEntry>;

export const ListEvent = Type.Object({
  action: StringEnum(['propose', 'import', 'approve', 'refuse', 'remove'] as const),
  reason: Type.String(),
  by: Type.String(),
  at: Timestamp('时间 when'),
});
export type ListEvent = Static<typeof ListEvent>;

export const ListEntryDetail = Type.Composite([ListEntry, Type.Object({ events: List(ListEvent, { description: '经过：提议、审核、移出 its history' }) })], {
  description: '名单条目及其经过 An entry with its history',
});
export type ListEntryDetail = Static<typeof ListEntryDetail>;

export const ListEntryPage = Page(ListEntry, '名单条目一页 A page of list entries');
export const EntriesImported = Type.Object({
  imported: Type.Integer({ description: '导入条数 entries imported' }),
  items: List(ListEntry),
}, { description: '已导入（待审核） Imported, pending review' });

export const EntryReview = Type.Object({
  approve: Type.Boolean({ description: '通过（有效）或不予列入 approve (active) or refuse' }),
  reason: Type.Optional(Type.String({ maxLength: 1000, description: '理由（不予列入时必填） the reason: required to refuse' })),
  version: Type.Integer({ description: '所读条目的版本 the version you read' }),
}, { additionalProperties: false, examples: [{ approve: true, version: 1 }] });
export type EntryReview = Static<typeof EntryReview>;

export const EntryRemoval = Type.Object({
  reason: Type.String({ maxLength: 1000, description: '移出理由 why it is removed' }),
  version: Type.Integer({ description: '所读条目的版本 the version you read' }),
}, { additionalProperties: false, examples: [{ reason: '已整改', version: 2 }] });
export type EntryRemoval = Static<typeof EntryRemoval>;
