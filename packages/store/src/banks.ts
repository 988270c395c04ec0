/**
 * 齐鲁电商贷's partner banks (合作银行), kept by the province: each bank's name, the regions it
 * serves (the province, cities or county-level units — several), and the contact person and phone
 * an enterprise or a bureau calls. An enterprise applies to a bank serving its region or a region
 * above it; a bank's staff account is made for a bank of this list, in a region the bank serves.
 * Staff accounts and loan applications name their bank by name: a rename updates them in the same
 * transaction. Every change is an audit entry in its transaction.
 */
import { sql, type Transaction } from 'kysely';
import { isWithin, region } from '@duixian/corpus';
import type { Store } from './db.js';
import type { Database } from './schema.js';
import { appendAudit } from './audit.js';
import { AccountError } from './account-error.js';
import { notFound, ProcessError, ProcessProblems, type FieldProblem } from './process-error.js';

type Db = Store['db'] | Transaction<Database>;

/** A partner bank's name as its staff's accounts and the loan applications name it. */
export const BANK_NAME = /^[\p{L}\p{N}_.·()（）-]{2,64}$/u;
/** a landline with its area code (0537-2345678) or a mobile number; digits, spaces and hyphens */
const PHONE = /^\+?[0-9][0-9 -]{4,23}$/;

export interface BankInput {
  readonly name: string;
  /** region codes: the province, cities or county-level units of Shandong */
  readonly regions: readonly string[];
  readonly contact: string;
  readonly phone: string;
}

export interface Bank extends BankInput {
  readonly id: string;
  readonly createdBy: string;
  readonly updatedBy: string | null;
}

/** Every problem of a bank's fields, named by the field (name, regions, contact, phone). */
export function bankProblems(b: BankInput): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (typeof b.name !== 'string' || !BANK_NAME.test(b.name.trim())) out.push({ field: 'name', message: '银行名称为2至64个字（如 齐鲁银行济宁分行），不含空格和标点以外的符号' });
  if (!Array.isArray(b.regions) || b.regions.length === 0) out.push({ field: 'regions', message: '请至少选择一个服务地区' });
  else {
    b.regions.forEach((code, k) => {
      const r = typeof code === 'string' ? region(code) : undefined;
      if (!r || !isWithin(r.code, '370000') || !['province', 'city', 'county'].includes(r.level)) out.push({ field: `regions[${k}]`, message: `${String(code)} 不是山东省内的省、市或县（区）` });
    });
    if (new Set(b.regions).size !== b.regions.length) out.push({ field: 'regions', message: '服务地区有重复' });
  }
  const contact = typeof b.contact === 'string' ? b.contact.trim() : '';
  if (contact.length < 2 || contact.length > 32) out.push({ field: 'contact', message: '请填写联系人（2至32个字）' });
  if (typeof b.phone !== 'string' || !PHONE.test(b.phone.trim())) out.push({ field: 'phone', message: '请填写联系电话，如 0537-2345678 或 13805371234' });
  return out;
}

/** The region codes from `code` up to the province: a bank serving any of them serves `code`. */
function regionsAbove(code: string): string[] {
  const out: string[] = [];
  for (let r = region(code); r && r.level !== 'country'; r = r.parent ? region(r.parent) : undefined) out.push(r.code);
  return out;
}

/** A region as people name it: 济宁市任城区, 济宁市, 山东省 (the code itself when unknown). */
export function placeName(code: string): string {
  const r = region(code);
  if (!r) return code;
  const parent = r.level === 'county' && r.parent ? region(r.parent) : undefined;
  return `${parent?.name ?? ''}${r.name}`;
}

/** Every partner bank with its regions, by name (code point order: the same whatever the database's collation). */
export async function listBanks(store: Store | { db: Db }): Promise<Bank[]> {
  const banks = await store.db.selectFrom('banks').selectAll().execute();
  const regions = await store.db.selectFrom('bank_regions').select(['bank_id', 'region']).orderBy('region').execute();
  return banks.map((b) => ({
    id: String(b.id), name: b.name, contact: b.contact, phone: b.phone, createdBy: b.created_by, updatedBy: b.updated_by,
    regions: regions.filter((r) => String(r.bank_id) === String(b.id)).map((r) => r.region),
  })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The names of the partner banks serving a region (it, or a region above it, is one of theirs). */
export async function banksServing(store: Store | { db: Db }, place: string): Promise<string[]> {
  const rows = await store.db.selectFrom('banks').innerJoin('bank_regions', 'bank_regions.bank_id', 'banks.id')
    .select('banks.name').distinct().where('bank_regions.region', 'in', regionsAbove(place).concat('-')).execute();
  return rows.map((r) => r.name).sort();
}

/**
 * A staff account's bank and region: the bank is on the list, and the account's region overlaps
 * one the bank serves (a branch inside it, or the bank's provincial office above it).
 */
export async function bankAccountProblem(db: Db, bank: string, place: string): Promise<AccountError | undefined> {
  const row = await db.selectFrom('banks').select('id').where('name', '=', bank).executeTakeFirst();
  if (!row) return new AccountError('bank', `合作银行名单中没有“${bank}”：请先在 齐鲁电商贷 › 合作银行 中添加该银行`, `No partner bank named ${bank}: add it to the partner banks first`);
  const served = (await db.selectFrom('bank_regions').select('region').where('bank_id', '=', Number(row.id)).execute()).map((r) => r.region);
  if (!served.some((r) => isWithin(place, r) || isWithin(r, place))) {
    const names = served.map(placeName).join('、') || '（尚无）';
    return new AccountError('region', `${bank} 的服务地区为 ${names}，银行账户的地区须在其中`, `${bank} serves ${served.join(', ') || 'no region'}: the account's region must be one of them`);
  }
  return undefined;
}

const trimmed = (b: BankInput): BankInput => ({ name: b.name.trim(), regions: [...b.regions], contact: b.contact.trim(), phone: b.phone.trim() });

async function checked(tx: Transaction<Database>, given: BankInput, id?: string): Promise<BankInput> {
  const problems = bankProblems(given);
  if (problems.length) throw new ProcessProblems('invalid', problems);
  const b = trimmed(given);
  const same = await tx.selectFrom('banks').select('id').where('name', '=', b.name).executeTakeFirst();
  if (same && String(same.id) !== id) throw new ProcessError('conflict', 'bank-exists', `已有名为“${b.name}”的合作银行，请修改该银行而不是重复添加`, `A partner bank named ${b.name} exists already: edit it instead`, 'name');
  return b;
}

const bankOf = async (tx: Transaction<Database>, id: string): Promise<Bank> => {
  const b = (await listBanks({ db: tx })).find((x) => x.id === id);
  if (!b) throw notFound(`合作银行 ${id}`, `partner bank ${id}`);
  return b;
};

/** Add a partner bank. */
export async function createBank(store: Store, given: BankInput, by: string): Promise<Bank> {
  return store.db.transaction().execute(async (tx) => {
    const b = await checked(tx, given);
    const row = await tx.insertInto('banks').values({ name: b.name, contact: b.contact, phone: b.phone, created_by: by }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('bank_regions').values(b.regions.map((r) => ({ bank_id: Number(row.id), region: r }))).execute();
    await appendAudit(tx, { actor: by, action: 'bank.create', entity: `banks/${row.id}`, after: { ...b } });
    return bankOf(tx, String(row.id));
  });
}

/** Change a partner bank: a new name is carried to its staff's accounts and its loan applications. */
export async function updateBank(store: Store, id: string, given: BankInput, by: string): Promise<Bank> {
  return store.db.transaction().execute(async (tx) => {
    await tx.selectFrom('banks').select('id').where('id', '=', Number(id)).forUpdate().executeTakeFirst();
    const before = await bankOf(tx, id);
    const b = await checked(tx, given, id);
    await tx.updateTable('banks').set({ name: b.name, contact: b.contact, phone: b.phone, updated_by: by, updated_at: sql`now()` }).where('id', '=', Number(id)).execute();
    await tx.deleteFrom('bank_regions').where('bank_id', '=', Number(id)).execute();
    await tx.insertInto('bank_regions').values(b.regions.map((r) => ({ bank_id: Number(id), region: r }))).execute();
    if (b.name !== before.name) {
      await tx.updateTable('accounts').set({ bank: b.name }).where('role', '=', 'bank').where('bank', '=', before.name).execute();
      await tx.updateTable('loan_applications').set({ bank: b.name }).where('bank', '=', before.name).execute();
    }
    const { name, regions, contact, phone } = before;
    await appendAudit(tx, { actor: by, action: 'bank.update', entity: `banks/${id}`, before: { name, regions, contact, phone }, after: { ...b } });
    return bankOf(tx, id);
  });
}
