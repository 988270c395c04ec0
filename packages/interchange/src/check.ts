/**
 * The validator's shared state and field checks. Every check reports through `problem` and
 * returns undefined on failure, so a record keeps being checked after its first fault and all
 * problems of a file are reported together.
 */
import type { Known, Problem } from './types.js';
import type { Section } from './headers.js';
import type { Locator } from './locate.js';

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export type Rec = Record<string, unknown>;

export const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

export const describe = (v: unknown): string =>
  v === undefined ? 'missing' : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? 'an object' : String(v);

export class Checker {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  private readonly ruleHints = new Map<string, string>();

  constructor(
    readonly loc: Locator,
    readonly known: Known,
  ) {}

  problem(section: Section, index: number, field: string | undefined, message: string): void {
    this.problems.push({ path: this.loc.path(section, index, field), message: this.loc.lead(section, index, field) + message });
  }

  warn(section: Section, index: number, field: string | undefined, message: string): void {
    this.warnings.push({ path: this.loc.path(section, index, field), message: this.loc.lead(section, index, field) + message });
  }

  /** A problem outside any record: top-level keys, the file itself. */
  at(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  warnAt(path: string, message: string): void {
    this.warnings.push({ path, message });
  }

  /** A record must be an object; its keys must all be `allowed` (unknown keys are never ignored). */
  record(section: Section, index: number, v: unknown, allowed: ReadonlySet<string>): v is Rec {
    if (!isRecord(v)) {
      this.problem(section, index, undefined, `must be an object, not ${describe(v)}`);
      return false;
    }
    for (const k in v) {
      if (!allowed.has(k)) this.problem(section, index, k, `unknown key (allowed: ${[...allowed].join(', ')})`);
    }
    return true;
  }

  string(section: Section, index: number, field: string, v: unknown, required: boolean): string | undefined {
    if (typeof v === 'string') return v;
    if (v === undefined && !required) return undefined;
    this.problem(section, index, field, v === undefined ? 'missing: a text value is required' : `must be text, not ${describe(v)}`);
    return undefined;
  }

  year(section: Section, index: number, field: string, v: unknown): number | undefined {
    if (typeof v === 'number' && Number.isInteger(v) && v >= MIN_YEAR && v <= MAX_YEAR) return v;
    this.problem(section, index, field, v === undefined ? `missing: the year (${MIN_YEAR}–${MAX_YEAR}) is required` : `${describe(v)} is not a year: give a whole number from ${MIN_YEAR} to ${MAX_YEAR}`);
    return undefined;
  }

  /** A rule id of the catalogue; a wrong one is named with the ids of its document, if any. */
  rule(section: Section, index: number, field: string, v: unknown, required: boolean, why = 'a rule id is required'): string | undefined {
    if (v === undefined && !required) return undefined;
    if (typeof v === 'string' && this.known.rules.has(v)) return v;
    if (typeof v !== 'string') {
      this.problem(section, index, field, v === undefined ? `missing: ${why}` : `must be a rule id (text), not ${describe(v)}`);
      return undefined;
    }
    this.problem(section, index, field, `unknown rule ${JSON.stringify(v)}: ${this.ruleHint(v)}`);
    return undefined;
  }

  private ruleHint(id: string): string {
    let hint = this.ruleHints.get(id);
    if (hint === undefined) {
      const doc = id.split('/')[0] ?? '';
      const same = [...this.known.rules].filter((r) => r.startsWith(`${doc}/`)).sort();
      hint =
        same.length > 0
          ? `document ${doc} has rules ${same.slice(0, 8).join(', ')}${same.length > 8 ? ', …' : ''}`
          : 'not a rule id of the policy catalogue (ids look like "jining-2022-54/1.retail")';
      this.ruleHints.set(id, hint);
    }
    return hint;
  }
}
