/**
 * Checks every section of an input, in dependency order (subjects before what refers to them),
 * settles the evaluation year, and yields a Dataset only when nothing is wrong.
 */
import type { Dataset } from '@duixian/engine';
import { Checker, MAX_YEAR, MIN_YEAR, describe } from './check.js';
import { readSubjects } from './subjects.js';
import { readFacts } from './facts.js';
import { readHistory, readInterpretations, readParameters } from './extras.js';
import type { Elements } from './elements.js';
import type { Meta, ReadOptions, ReadResult } from './types.js';

export interface Sections {
  /** the sections that grow with the number of enterprises: a large JSON file gives them a chunk at a time */
  readonly subjects: Elements;
  readonly facts: Elements;
  readonly history: readonly unknown[];
  readonly parameters: readonly unknown[];
  readonly interpretations: readonly (readonly [unknown, unknown])[];
}

export interface Context {
  /** the year written in the file (JSON `year`), already checked */
  readonly fileYear?: number;
  /** where file-level problems are reported (a file path or `(file)`) */
  readonly file: string;
  /** the subjects could not be read at all: do not report every reference to them */
  readonly subjectsUnreliable?: boolean;
  /** the facts could not be read at all (already a problem): no year can be taken from them */
  readonly factsUnreliable?: boolean;
  readonly meta?: Meta;
}

export function assemble(c: Checker, s: Sections, ctx: Context, opts: ReadOptions = {}): ReadResult {
  const unreliable = ctx.subjectsUnreliable === true;
  const { subjects, index, ids } = readSubjects(c, s.subjects);
  const { facts, latestYear } = readFacts(c, s.facts, index, ids, unreliable);
  const history = readHistory(c, s.history, index, unreliable);
  const parameters = readParameters(c, s.parameters);
  const interpretations = readInterpretations(c, s.interpretations);
  const year = evaluationYear(c, ctx, opts, latestYear, s.facts.length);
  if (c.problems.length > 0 || year === undefined) return { ok: false, problems: c.problems };
  const dataset: Dataset = { year, subjects, facts, history, parameters, interpretations };
  return ctx.meta === undefined ? { ok: true, dataset, warnings: c.warnings } : { ok: true, dataset, warnings: c.warnings, meta: ctx.meta };
}

/** `--year` overrides the file's year; without either, the latest year of the facts (said so). */
function evaluationYear(c: Checker, ctx: Context, opts: ReadOptions, latest: number | undefined, factCount: number): number | undefined {
  if (opts.year !== undefined) {
    if (Number.isInteger(opts.year) && opts.year >= MIN_YEAR && opts.year <= MAX_YEAR) return opts.year;
    c.at('--year', `${describe(opts.year)} is not a year: give a whole number from ${MIN_YEAR} to ${MAX_YEAR}`);
    return undefined;
  }
  if (ctx.fileYear !== undefined) return ctx.fileYear;
  if (latest !== undefined) {
    c.warnAt(ctx.file, `no evaluation year given (year in the file, or --year): evaluating ${latest}, the latest year of the facts`);
    return latest;
  }
  // With faulty facts the missing year is a consequence; say it only when it is the news.
  if (ctx.factsUnreliable !== true && (c.problems.length === 0 || factCount === 0)) c.at(ctx.file, 'no evaluation year: give --year (the file has no year and no facts to take one from)');
  return undefined;
}
