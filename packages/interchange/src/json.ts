/** Interchange format v1 as JSON (the spec's own form). */
import { Checker, MAX_YEAR, MIN_YEAR, describe, isRecord } from './check.js';
import { assemble } from './assemble.js';
import { JsonLocator } from './locate.js';
import { arrayElements, type Elements } from './elements.js';
import { ByteElements, ChunkError, scanJson } from './json-chunks.js';
import type { Known, Meta, ReadOptions, ReadResult } from './types.js';

export const FORMAT = 'duixian/v1';
const TOP_KEYS = new Set(['format', 'year', 'meta', 'subjects', 'facts', 'history', 'parameters', 'interpretations']);
const META_KEYS = new Set(['description', 'synthetic', 'generator', 'seed']);
const EMPTY: readonly never[] = [];

export function readJson(text: string, known: Known, opts?: ReadOptions): ReadResult {
  return readJsonAt(text, known, opts, '(file)');
}

export function readObject(obj: unknown, known: Known, opts?: ReadOptions): ReadResult {
  return readObjectAt(obj, known, opts, '(file)');
}

/** `file` names the input in file-level problems (readFile passes the path). */
export function readJsonAt(text: string, known: Known, opts: ReadOptions | undefined, file: string): ReadResult {
  let obj: unknown;
  try {
    obj = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, problems: [{ path: file, message: `not valid JSON: ${syntaxMessage(text, e)}` }] };
  }
  return readObjectAt(obj, known, opts, file);
}

/**
 * A large file read from its bytes, the big arrays a chunk at a time (json-chunks.ts). Undefined
 * when the bytes are not plainly a valid JSON object: then readJsonAt on the decoded text says
 * what is wrong, with line and column, exactly as for a small file.
 */
export function readJsonBytesAt(buf: Buffer, known: Known, opts: ReadOptions | undefined, file: string, chunk: number): ReadResult | undefined {
  const scanned = scanJson(buf, chunk);
  if (scanned === undefined) return undefined;
  let result: ReadResult;
  try {
    result = readObjectAt(scanned.obj, known, opts, file);
  } catch (e) {
    if (e instanceof ChunkError) return undefined;
    throw e;
  }
  // An array left unparsed (one a repeated key replaced) might hide a syntax error.
  return scanned.lists.every((l) => l.complete) ? result : undefined;
}

/** Where a syntax error is, in the editor's terms (line and column), not only the offset. */
function syntaxMessage(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /at position (\d+)/.exec(msg);
  const pos = m ? Number(m[1]) : /end of JSON input/.test(msg) ? text.length : undefined;
  if (pos === undefined) return msg;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const where = `line ${line}, column ${pos - lineStart + 1}`;
  return m ? `${msg} (${where})` : `${msg} at position ${pos} (${where})`;
}

export function readObjectAt(obj: unknown, known: Known, opts: ReadOptions | undefined, file: string): ReadResult {
  if (!isRecord(obj)) {
    return { ok: false, problems: [{ path: file, message: `must be a JSON object {"format": "${FORMAT}", …}, not ${describe(obj)}` }] };
  }
  const interpretations = isRecord(obj.interpretations) ? Object.entries(obj.interpretations) : [];
  const c = new Checker(new JsonLocator(interpretations.map(([k]) => k)), known);
  for (const k in obj) if (!TOP_KEYS.has(k)) c.at(k, `unknown key (allowed: ${[...TOP_KEYS].join(', ')})`);
  if (obj.format !== FORMAT) {
    c.at('format', obj.format === undefined ? `missing: the file must say "format": "${FORMAT}"` : `${describe(obj.format)} is not a format this reader knows: expected "${FORMAT}"`);
  }
  let fileYear: number | undefined;
  if (obj.year !== undefined) {
    if (typeof obj.year === 'number' && Number.isInteger(obj.year) && obj.year >= MIN_YEAR && obj.year <= MAX_YEAR) fileYear = obj.year;
    else c.at('year', `${describe(obj.year)} is not a year: give a whole number from ${MIN_YEAR} to ${MAX_YEAR}`);
  }
  const meta = metaOf(c, obj.meta);
  if (obj.interpretations !== undefined && !isRecord(obj.interpretations)) {
    c.at('interpretations', `must be an object of switches such as {"I-pool": "largest-first"}, not ${describe(obj.interpretations)}`);
  }
  const subjects = elementsOf(obj.subjects);
  const facts = elementsOf(obj.facts);
  const sections = {
    subjects: subjects ?? notList(c, obj, 'subjects', true),
    facts: facts ?? notList(c, obj, 'facts', true),
    history: Array.isArray(obj.history) ? obj.history : notList(c, obj, 'history', false),
    parameters: Array.isArray(obj.parameters) ? obj.parameters : notList(c, obj, 'parameters', false),
    interpretations,
  };
  // Without a subjects list, every reference to a subject would be one more problem saying the same.
  return assemble(c, sections, { file, fileYear, meta, subjectsUnreliable: subjects === undefined, factsUnreliable: facts === undefined }, opts);
}

/** A list as an array, or as bytes still to parse when a large file is read in chunks. */
const elementsOf = (v: unknown): Elements | undefined => (Array.isArray(v) ? arrayElements(v) : v instanceof ByteElements ? v : undefined);

/** What is there instead of a list (or that a required one is missing): a problem, and no records (an empty array is also empty Elements). */
function notList(c: Checker, obj: Record<string, unknown>, key: string, required: boolean): readonly never[] {
  const v = obj[key];
  if (v !== undefined || required) c.at(key, v === undefined ? 'missing: a list is required (it may be empty)' : `must be a list, not ${describe(v)}`);
  return EMPTY;
}

function metaOf(c: Checker, v: unknown): Meta | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) {
    c.at('meta', `must be an object {description, synthetic, generator, seed}, not ${describe(v)}`);
    return undefined;
  }
  for (const k in v) if (!META_KEYS.has(k)) c.at(`meta.${k}`, `unknown key (allowed: ${[...META_KEYS].join(', ')})`);
  const bad = (k: string, what: string) => c.at(`meta.${k}`, `must be ${what}, not ${describe(v[k])}`);
  if (v.description !== undefined && typeof v.description !== 'string') bad('description', 'text');
  if (v.synthetic !== undefined && typeof v.synthetic !== 'boolean') bad('synthetic', 'true or false');
  if (v.generator !== undefined && typeof v.generator !== 'string') bad('generator', 'text');
  if (v.seed !== undefined && !(typeof v.seed === 'number' && Number.isFinite(v.seed))) bad('seed', 'a number');
  const meta: { -readonly [K in keyof Meta]: Meta[K] } = {};
  if (typeof v.description === 'string') meta.description = v.description;
  if (typeof v.synthetic === 'boolean') meta.synthetic = v.synthetic;
  if (typeof v.generator === 'string') meta.generator = v.generator;
  if (typeof v.seed === 'number') meta.seed = v.seed;
  return meta;
}
