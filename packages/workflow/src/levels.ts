/**
 * Administrative levels (行政层级) and the review chain (三级审核): every application is first
 * reviewed by the county (县级初审), then by the city (市级审核), and finally by the level that
 * issued the policy (发文层级终审). A province document goes county → city → province; a city
 * document county → city; a county (区) document is reviewed by the county alone.
 */
import { region } from '@duixian/corpus';

export type Level = 'county' | 'city' | 'province';

/** From the bottom up. */
export const LEVELS: readonly Level[] = ['county', 'city', 'province'];

export const LEVEL_NAMES: Readonly<Record<Level, { readonly zh: string; readonly en: string }>> = {
  county: { zh: '县级', en: 'county' },
  city: { zh: '市级', en: 'city' },
  province: { zh: '省级', en: 'province' },
};

/** The levels that review an application under a policy issued at `issuer`, in order. */
export function reviewChain(issuer: Level): Level[] {
  return LEVELS.slice(0, LEVELS.indexOf(issuer) + 1);
}

/** Is `chain` the review chain of some issuing level (exactly what reviewChain returns)? */
export function isReviewChain(chain: readonly Level[]): boolean {
  const last = chain[chain.length - 1];
  if (last === undefined || !LEVELS.includes(last)) return false;
  const expected = reviewChain(last);
  return expected.length === chain.length && expected.every((l, k) => chain[k] === l);
}

/** The accounts of the platform (the store's roles); bank: a partner bank's staff (齐鲁电商贷), outside the award process. */
export type Role = 'province-admin' | 'city-admin' | 'county-admin' | 'enterprise' | 'auditor' | 'bank';

export const ROLE_NAMES: Readonly<Record<Role, { readonly zh: string; readonly en: string }>> = {
  'province-admin': { zh: '省级管理员', en: 'province administrator' },
  'city-admin': { zh: '市级管理员', en: 'city administrator' },
  'county-admin': { zh: '县级管理员', en: 'county administrator' },
  enterprise: { zh: '企业', en: 'enterprise' },
  auditor: { zh: '审计人员', en: 'auditor' },
  bank: { zh: '合作银行', en: 'partner bank' },
};

/** The level an administrator reviews at; undefined for enterprises, auditors, banks and unknown roles. */
export function levelOfRole(role: string): Level | undefined {
  switch (role) {
    case 'county-admin':
      return 'county';
    case 'city-admin':
      return 'city';
    case 'province-admin':
      return 'province';
    default:
      return undefined;
  }
}

/** The level of a region's government — a document's issuer, an award's funder (370000 省, 370800 市, 370115 区). */
export function levelOfRegion(code: string): Level | undefined {
  const l = region(code)?.level;
  return l === 'country' ? undefined : l;
}
