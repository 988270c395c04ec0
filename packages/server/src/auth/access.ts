/**
 * Who may see what (管辖范围). Every account acts in one jurisdiction: a region for administrators
 * and auditors (the province sees everything), one USCC for an enterprise user. A subject lies in
 * its region (a region subject in itself); a run belongs to the jurisdiction of the account that
 * made it. Pure functions over the account, so that the permission matrix can be read here.
 */
import { isWithin, placeOf, region, REGIONS } from '@duixian/engine';
import type { Account, Role } from '@duixian/store';

export const PROVINCE = '370000';
export const ADMINS: readonly Role[] = ['province-admin', 'city-admin', 'county-admin'];
/** read-only access to a jurisdiction's data: administrators and auditors */
export const READERS: readonly Role[] = [...ADMINS, 'auditor'];
export const EVERYONE: readonly Role[] = [...READERS, 'enterprise'];

/** The whole province: every subject, with or without a place (national figures included). */
export const seesAll = (a: Account): boolean => a.role !== 'enterprise' && a.region === PROVINCE;

export function canSeeSubject(a: Account, s: { id: string; region?: string | null; uscc?: string | null }): boolean {
  if (a.role === 'enterprise') return s.uscc != null && s.uscc === a.uscc;
  if (seesAll(a)) return true;
  const place = placeOf(s);
  return place !== undefined && isWithin(place, a.region!);
}

/** One region lies in the other: a county sees its city's and the province's runs (its own rows only). */
export const overlaps = (a: string, b: string): boolean => isWithin(a, b) || isWithin(b, a);

/** The region codes inside `code`, itself included (for `where region in …`). */
const within = new Map<string, string[]>();
export function regionsWithin(code: string): readonly string[] {
  let r = within.get(code);
  if (!r) within.set(code, (r = REGIONS.filter((x) => isWithin(x.code, code)).map((x) => x.code)));
  return r;
}

/** The region codes a run's jurisdiction may have for `a` to read it: those inside or above its own. */
export function overlappingRegions(a: Account): readonly string[] {
  const above: string[] = [];
  for (let r = region(a.region!); r?.parent; r = region(r.parent)) above.push(r.parent);
  return [...regionsWithin(a.region!), ...above];
}

/**
 * Whether `a` may create an account for `b`: administrators only, inside their own jurisdiction,
 * never above it. Enterprise users' USCCs are checked against the stored subject by the caller.
 */
export function canCreate(a: Account, b: { role: Role; region?: string | undefined }): boolean {
  if (!ADMINS.includes(a.role)) return false;
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
