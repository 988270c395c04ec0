/**
 * The region table of the corpus in use (its regions.yaml over the national table), for the server,
 * the store, the workflow and the CLI: jurisdictions, cities, names. It follows the corpus in use
 * (in-use.ts), so a zone a published version adds counts from its date. A run reads its own
 * corpus's table (the engine's ctx.regions).
 */
import { regionTableOf, type Region, type RegionLevel, type RegionTable } from '@duixian/engine';
import { follow } from './in-use.js';

export let REGION_TABLE: RegionTable;
/** The corpus's own rows (the province, its cities and county-level units), in the file's order. */
export let REGIONS: readonly Region[];

follow((loaded) => {
  REGION_TABLE = regionTableOf(loaded.corpus);
  REGIONS = REGION_TABLE.rows;
});

// the table in use's lookups by name (each reads REGION_TABLE when called, so it follows the corpus in use)
export const region = (code: string): Region | undefined => REGION_TABLE.region(code);
export const isWithin = (code: string, ancestor: string): boolean => REGION_TABLE.isWithin(code, ancestor);
export const placeOf = (s: { readonly id: string; readonly region?: string | null } | undefined): string | undefined => REGION_TABLE.placeOf(s);
export const cityOf = (code: string): string | undefined => REGION_TABLE.cityOf(code);
export const childrenOf = (code: string): readonly Region[] => REGION_TABLE.childrenOf(code);
export const countiesOf = (city: string): readonly Region[] => REGION_TABLE.countiesOf(city);
export const regionsOfLevel = (level: RegionLevel, within: string): readonly Region[] => REGION_TABLE.regionsOfLevel(level, within);
export const regionByName = (name: string, within = 'CN'): Region | undefined => REGION_TABLE.regionByName(name, within);
