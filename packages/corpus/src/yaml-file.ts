/**
 * One YAML file of a corpus against its schema: every problem names the file, the line and the
 * field (rules[3].conditions[0].legal), in words an analyst can act on.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value, type ValueError } from '@sinclair/typebox/value';
import { LineCounter, parseDocument, type Document } from 'yaml';

/** One problem of a corpus file: where (file:line, field path) and what to do. */
export interface FileProblem { readonly file: string; readonly line: number; readonly field: string; readonly message: string }

export class CorpusFileError extends Error {
  constructor(readonly problems: readonly FileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`).join('\n'));
    this.name = 'CorpusFileError';
  }
}

/** Parse one YAML file and validate it; problems carry the file's line of the offending field. */
export function parseFile(file: string, source: string, schema: TSchema, problems: FileProblem[]): unknown {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors; // the first: the others mostly follow from it
  if (error) {
    problems.push({ file, line: error.linePos?.[0].line ?? 1, field: '', message: `not valid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` });
    return undefined;
  }
  const value: unknown = doc.toJS();
  const seen = new Set<string>();
  for (const e of firstErrors(schema, value)) {
    const p = { file, line: lineOf(doc, lines, e.path), field: fieldOf(e.path), message: messageOf(e) };
    if (!seen.has(p.field + p.message)) problems.push(p);
    seen.add(p.field + p.message);
  }
  return value;
}

/**
 * TypeBox reports a union (a condition, an award) as one "expected union value": the useful
 * error is the one of the variant the entry meant, the one it fails least.
 */
function firstErrors(schema: TSchema, value: unknown): ValueError[] {
  const out: ValueError[] = [];
  for (const e of Value.Errors(schema, value)) {
    if (out.some((o) => e.path.startsWith(o.path))) continue; // one problem per field
    const variants = (e.schema as { anyOf?: TSchema[] }).anyOf;
    if (variants && variants.some((v) => (v as { type?: string }).type === 'object')) {
      const best = variants.map((v) => [...Value.Errors(v, e.value)]).sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length > 0) { out.push(...best.map((b) => ({ ...b, path: e.path + b.path }))); continue; }
    }
    out.push(e);
  }
  return out;
}

function messageOf(e: ValueError): string {
  const anyOf = (e.schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (anyOf && anyOf.every((v) => v.const !== undefined)) return `"${String(e.value)}" is not one of ${anyOf.map((v) => String(v.const)).join(' ')}`;
  const pattern = (e.schema as { pattern?: string }).pattern;
  const description = (e.schema as { description?: string }).description;
  if (e.value === undefined) return `missing${description ? ` (${description})` : ''}`;
  if (e.message.startsWith('Unexpected property')) return 'unknown field: remove it or check its spelling against the schema';
  return `${e.message}${pattern ? ` ${pattern}` : ''}${description ? ` (${description})` : ''}, got ${JSON.stringify(e.value)?.slice(0, 80)}`;
}

/** "/rules/3/conditions/0/legal" → "rules[3].conditions[0].legal" */
const fieldOf = (path: string): string => path.split('/').slice(1).map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : `${i ? '.' : ''}${s}`)).join('');

function lineOf(doc: Document, lines: LineCounter, path: string): number {
  const keys = path.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = keys.length; n >= 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

/** The line of a key in a YAML file (for problems found after validation). */
export function lineOfKey(source: string, keys: readonly string[]): number {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  return lineOf(doc, lines, `/${keys.join('/')}`);
}
