/**
 * Who may see what (管辖范围). Every account acts in one jurisdiction: a region for administrators
 * and auditors (the province sees everything), one USCC for an enterprise user. A subject lies in
 * its region (a region subject in itself); a run belongs to the jurisdiction of the account that
 * made it. A partner bank's staff (bank) read nothing of the platform but their bank's queue of
 * 齐鲁电商贷 applications in the region they serve. Pure functions over the account, so that the
 * permission matrix can be read here.
 */
import { isWithin, perCorpus, placeOf, region, REGIONS } from '@duixian/corpus';
import type { Account, Role } from '@duixian/store';

export const PROVINCE = '370000';
export const ADMINS: readonly Role[] = ['province-admin', 'city-admin', 'county-admin'];
/** read-only access to a jurisdiction's data: administrators and auditors */
export const READERS: readonly Role[] = [...ADMINS, 'auditor'];
/** everyone of the platform's own: its administrators, auditors and enterprises (not the banks) */
export const EVERYONE: readonly Role[] = [...READERS, 'enterprise'];
/** every signed-in account, a bank's staff too: the session itself and the bank's queue */
export const SIGNED_IN: readonly Role[] = [...EVERYONE, 'bank'];

/** The whole province: every subject, with or without a place (national figures included). Administrators and auditors only. */
export const seesAll = (a: Account): boolean => READERS.includes(a.role) && a.region === PROVINCE;

export function canSeeSubject(a: Account, s: { id: string; region?: string | null; uscc?: string | null }): boolean {
  if (a.role === 'enterprise') return s.uscc != null && s.uscc === a.uscc;
  if (a.role === 'bank') return false;
  if (seesAll(a)) return true;
  const place = placeOf(s);
  return place !== undefined && isWithin(place, a.region!);
}

/** One region lies in the other: a county sees its city's and the province's runs (its own rows only). */
export const overlaps = (a: string, b: string): boolean => isWithin(a, b) || isWithin(b, a);

/** The region codes inside `code`, itself included (for `where region in …`); kept per corpus, whose table may add a zone. */
const withinOf = perCorpus(() => new Map<string, string[]>());
export function regionsWithin(code: string): readonly string[] {
  const within = withinOf();
  let r = within.get(code);
  if (!r) within.set(code, (r = REGIONS.filter((x) => isWithin(x.code, code)).map((x) => x.code)));
  return r;
}

/** A store list's filter for an administrator's or auditor's jurisdiction: nothing for the province, else the regions inside it. */
export const regionsOf = (a: Account): { regions?: readonly string[] } => (seesAll(a) ? {} : { regions: regionsWithin(a.region!) });

/** The region codes a run's jurisdiction may have for `a` to read it: those inside or above its own. */
export function overlappingRegions(a: Account): readonly string[] {
  const above: string[] = [];
  for (let r = region(a.region!); r?.parent; r = region(r.parent)) above.push(r.parent);
  return [...regionsWithin(a.region!), ...above];
}

/**
 * Whether `a` may create an account for `b`: administrators only, inside their own jurisdiction,
 * never above it; a partner bank's staff by the province only (the province signs the 齐鲁电商贷
 * agreements with the banks). Enterprise users' USCCs are checked against the stored subject by the caller.
 */
export function canCreate(a: Account, b: { role: Role; region?: string | undefined }): boolean {
  if (!ADMINS.includes(a.role)) return false;
  if (b.role === 'bank') return a.role === 'province-admin';
  if (b.role === 'enterprise') return true;
  return b.region !== undefined && isWithin(b.region, a.region!);
}

/**
 * What an administrator may not import: subjects outside the jurisdiction (as the file places
 * them, and as the store already holds them: a file cannot move another county's enterprise in),
 * and the province-wide parameters and readings unless the administrator is the province's.
 * The readers guarantee that facts and history refer to the file's own subjects.
 */
export function importProblems(
  a: Account,
  ds: { subjects: readonly { id: string; region?: string }[]; parameters: readonly unknown[]; interpretations: Readonly<Record<string, string>> },
  stored: ReadonlyMap<string, { region: string | null }>,
): { path: string; message: string }[] {
  if (seesAll(a)) return [];
  const out: { path: string; message: string }[] = [];
  ds.subjects.forEach((s, k) => {
    const held = stored.get(s.id);
    if (!canSeeSubject(a, s)) out.push({ path: `subjects[${k}].region`, message: `${s.id}: ${placeOf(s) ?? '(no region)'} is outside your jurisdiction ${a.region}; only subjects inside it can be imported (主体不在管辖范围内)` });
    else if (held && !canSeeSubject(a, { id: s.id, region: held.region })) out.push({ path: `subjects[${k}].id`, message: `${s.id} is stored in ${held.region ?? '(no region)'}, outside your jurisdiction ${a.region}; ask that region's administrator (该主体属于其他地区)` });
  });
  ds.parameters.forEach((_, k) => out.push({ path: `parameters[${k}]`, message: 'parameters are set by the province administrator (参数由省级管理员设置)' }));
  for (const id of Object.keys(ds.interpretations)) out.push({ path: `interpretations.${id}`, message: 'readings are set by the province administrator (解释口径由省级管理员设置)' });
  return out;
}

/** A loan application is in a bank account's queue: routed to its bank, from a region it serves. */
export const inQueueOf = (a: Account, l: { bank: string; region: string }): boolean =>
  a.role === 'bank' && a.bank !== null && a.region !== null && l.bank === a.bank && isWithin(l.region, a.region);
