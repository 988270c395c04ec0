/**
 * Reading a corpus folder: every `corpus/<document id>/` is one document (document.yaml,
 * rules.yaml, measures.yaml, targets.yaml, not-computable.yaml, text.txt, cases/*.yaml), found by
 * listing the folder: no registry of ids. Each file is validated against its schema (schema.ts)
 * and every problem names the file, the line and the field, so an analyst can fix a new document
 * without a programmer. Nothing is compiled: a changed file takes effect at the next load.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { Value, type ValueError } from '@sinclair/typebox/value';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Corpus, ExclusiveGroup, PolicyDocument, Rule, Validation, Vocabulary } from '@duixian/engine';
import { corpusReadings, READINGS_FILE, readingProblems, type DeclaredReadings } from './readings.js';
import { FILE_SCHEMAS, type FileKind, type VocabularyFile, type WordNotes } from './schema.js';
import type { Measure, NotComputable, Target } from './types.js';

/** One problem of a corpus file: where (file:line, field path) and what to do. */
export interface FileProblem { readonly file: string; readonly line: number; readonly field: string; readonly message: string }

export class CorpusFileError extends Error {
  constructor(readonly problems: readonly FileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`).join('\n'));
    this.name = 'CorpusFileError';
  }
}

/** A corpus as read from its folder: the engine's Corpus and the half beside it. */
export interface LoadedCorpus {
  readonly corpus: Corpus;
  readonly measures: readonly Measure[];
  readonly targets: readonly Target[];
  readonly notComputable: readonly NotComputable[];
  /** document id → its verbatim text (text.txt) */
  readonly texts: Readonly<Record<string, string>>;
  /** document id → case file name → its text (cases/*.yaml), run by `duixian check` */
  readonly caseFiles: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** the corpus's words: vocabulary.yaml at its root with every document's own (also `corpus.vocabulary`) */
  readonly vocabulary: Vocabulary;
  /** words a subject must evidence, and how (申报): its vocabulary.yaml's `evidence` */
  readonly evidence: WordNotes;
  /** words the government's statistics, registers and lists already hold, and whose (免申即享): `registers` */
  readonly registers: WordNotes;
  /** every file of the corpus by its path inside the folder, for content-addressed storage */
  readonly files: ReadonlyMap<string, string>;
}

const REQUIRED: readonly FileKind[] = ['document', 'rules', 'measures', 'targets', 'not-computable'];

/** Read a corpus folder from disk (each subfolder holding a document.yaml is a document). */
export function readCorpus(dir: string): LoadedCorpus {
  if (!exists(dir) || !statSync(dir).isDirectory()) throw new CorpusFileError([{ file: dir, line: 0, field: '', message: 'no such folder: give a folder of document folders, like corpus/ in the repository' }]);
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const folder = join(dir, name);
    if (name.endsWith('.yaml') && statSync(folder).isFile()) files.set(name, readFileSync(folder, 'utf8')); // vocabulary.yaml, readings.yaml …
    if (!statSync(folder).isDirectory() || !exists(join(folder, 'document.yaml'))) continue;
    for (const file of readdirSync(folder).sort()) {
      if (file === 'cases') {
        for (const c of readdirSync(join(folder, 'cases')).sort()) if (c.endsWith('.yaml')) files.set(`${name}/cases/${c}`, readFileSync(join(folder, 'cases', c), 'utf8'));
      } else if (file.endsWith('.yaml') || file === 'text.txt') {
        files.set(`${name}/${file}`, readFileSync(join(folder, file), 'utf8'));
      }
    }
  }
  return corpusFromFiles(files);
}

/** Assemble a corpus from its files (paths like `sd-2022-42/rules.yaml`): from a folder, a zip or the store. */
export function corpusFromFiles(files: ReadonlyMap<string, string>): LoadedCorpus {
  const problems: FileProblem[] = [];
  const folders = [...new Set([...files.keys()].map((p) => p.split('/')[0]!))].filter((f) => files.has(`${f}/document.yaml`));
  if (folders.length === 0) throw new CorpusFileError([{ file: '.', line: 0, field: '', message: 'no document in the corpus: each document is a folder holding document.yaml' }]);
  const read = folders.map((id) => readFolder(id, files, problems));
  const { vocabulary, evidence, registers } = readVocabulary(files, folders, problems);
  const general = readGeneralReadings(files, problems);
  if (problems.length > 0) throw new CorpusFileError(problems);
  const docs = read.map((r) => r!).sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || (a.document.id < b.document.id ? -1 : 1));
  const content = {
    documents: docs.map((d) => d.document),
    rules: docs.flatMap((d) => d.rules),
    groups: docs.flatMap((d) => d.groups),
    validations: docs.flatMap((d) => d.validations),
    vocabulary,
    readings: corpusReadings(general!, docs.map((d) => ({ document: d.document.id, readings: d.readings }))),
  };
  const wrongReadings = readingProblems(general!, docs.map((d) => ({ document: d.document.id, readings: d.readings })), { version: '', ...content }, (id, document) => readingAt(files, id, document));
  if (wrongReadings.length > 0) throw new CorpusFileError(wrongReadings);
  return {
    corpus: Object.freeze({ version: corpusVersion(content), ...content }),
    measures: Object.freeze(docs.flatMap((d) => d.measures)),
    targets: Object.freeze(docs.flatMap((d) => d.targets)),
    notComputable: Object.freeze(docs.flatMap((d) => d.notComputable)),
    texts: Object.freeze(Object.fromEntries(docs.map((d) => [d.document.id, d.text]))),
    caseFiles: Object.freeze(Object.fromEntries(docs.map((d) => [d.document.id, d.cases]))),
    vocabulary,
    evidence,
    registers,
    files,
  };
}

/** The version a stored run records: a hash of what the engine evaluates, in the corpus's order. */
export function corpusVersion(content: Omit<Corpus, 'version'>): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12);
}

const VOCABULARY_FILE = 'vocabulary.yaml';
/** Where words are declared in a vocabulary.yaml: the engine's three sections, then the notes on applications. */
const SECTIONS = [['kinds'], ['facts'], ['tags'], ['evidence', 'facts'], ['evidence', 'tags'], ['evidence', 'kinds'], ['registers', 'facts'], ['registers', 'tags']] as const;

interface Words {
  readonly vocabulary: Vocabulary;
  readonly evidence: WordNotes;
  readonly registers: WordNotes;
}

/**
 * The corpus's words: vocabulary.yaml at the root, then each document's own (in folder order), merged.
 * A word declared twice alike is one word; declared twice differently it is an error naming both
 * files, since no reader could tell which label or unit an input means.
 */
function readVocabulary(files: ReadonlyMap<string, string>, folders: readonly string[], problems: FileProblem[]): Words {
  const merged = new Map<string, Record<string, unknown>>(SECTIONS.map((path) => [path.join('.'), {}]));
  const declaredIn = new Map<string, string>(); // `section.word` → the file that declared it first
  for (const file of [VOCABULARY_FILE, ...folders.map((f) => `${f}/${VOCABULARY_FILE}`)]) {
    const source = files.get(file);
    if (source === undefined) continue; // a document need not declare words of its own
    const before = problems.length;
    const words = parseFile(file, source, FILE_SCHEMAS.vocabulary, problems) as VocabularyFile | undefined;
    if (!words || problems.length > before) continue;
    for (const path of SECTIONS) {
      const section = path.join('.');
      const into = merged.get(section)!;
      const declared = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], words) as Record<string, unknown> | undefined;
      for (const [word, said] of Object.entries(declared ?? {})) {
        const first = declaredIn.get(`${section}.${word}`);
        if (first === undefined) {
          declaredIn.set(`${section}.${word}`, file);
          into[word] = said;
        } else if (JSON.stringify(into[word]) !== JSON.stringify(said)) {
          problems.push({ file, line: lineOfKey(source, [...path, word]), field: `${section}.${word}`, message: `declared differently in ${first}: ${JSON.stringify(into[word])} there, ${JSON.stringify(said)} here; declare a word once, or alike` });
        }
      }
    }
  }
  const notes = (of: string): WordNotes => Object.freeze({ facts: merged.get(`${of}.facts`)!, tags: merged.get(`${of}.tags`)!, kinds: merged.get(`${of}.kinds`) ?? {} }) as WordNotes;
  return {
    vocabulary: Object.freeze({ kinds: merged.get('kinds')!, facts: merged.get('facts')!, tags: merged.get('tags')! }) as Vocabulary,
    evidence: notes('evidence'),
    registers: notes('registers'),
  };
}

/** The line of a key in a YAML file (for problems found after validation). */
function lineOfKey(source: string, keys: readonly string[]): number {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  return lineOf(doc, lines, `/${keys.join('/')}`);
}

/** readings.yaml at the corpus's root: the general readings (required: the engine reads them). */
function readGeneralReadings(files: ReadonlyMap<string, string>, problems: FileProblem[]): DeclaredReadings | undefined {
  const source = files.get(READINGS_FILE);
  if (source === undefined) {
    problems.push({ file: READINGS_FILE, line: 1, field: '', message: 'missing: the corpus declares its readings (id, question, values with their meanings) in readings.yaml beside the document folders' });
    return undefined;
  }
  return parseFile(READINGS_FILE, source, FILE_SCHEMAS.readings, problems) as DeclaredReadings;
}

/** The file and line where a reading is declared (or would be): readings.yaml, or the document's document.yaml. */
function readingAt(files: ReadonlyMap<string, string>, id: string, document: string | undefined): { file: string; line: number } {
  const file = document === undefined ? READINGS_FILE : `${document}/document.yaml`;
  return { file, line: lineOfKey(files.get(file) ?? '', document === undefined ? [id] : ['readings', id]) };
}

interface Folder {
  document: PolicyDocument; position: number | undefined; readings: DeclaredReadings | undefined; text: string;
  rules: Rule[]; groups: ExclusiveGroup[]; validations: Validation[];
  measures: Measure[]; targets: Target[]; notComputable: NotComputable[];
  cases: Record<string, string>;
}

function readFolder(id: string, files: ReadonlyMap<string, string>, problems: FileProblem[]): Folder | undefined {
  const parsed = {} as Record<FileKind, unknown>;
  for (const kind of REQUIRED) {
    const path = `${id}/${kind}.yaml`;
    const source = files.get(path);
    if (source === undefined) { problems.push({ file: path, line: 1, field: '', message: `missing: a document folder holds ${REQUIRED.map((k) => `${k}.yaml`).join(', ')} and text.txt` }); continue; }
    parsed[kind] = parseFile(path, source, FILE_SCHEMAS[kind], problems);
  }
  const text = files.get(`${id}/text.txt`);
  if (text === undefined) problems.push({ file: `${id}/text.txt`, line: 1, field: '', message: 'missing: the verbatim text of the document' });
  const meta = parsed.document as (PolicyDocument & { position?: number; readings?: DeclaredReadings }) | undefined;
  if (meta && meta.id !== id) problems.push({ file: `${id}/document.yaml`, line: 1, field: 'id', message: `"${meta.id}" is not the folder's name "${id}": a document's id is its folder` });
  if (problems.length > 0 || !meta || text === undefined) return undefined;
  const { position, readings, ...document } = meta;
  const ruleFile = parsed.rules as { rules: Omit<Rule, 'document'>[]; groups?: Omit<ExclusiveGroup, 'document'>[]; validations?: Omit<Validation, 'document'>[] };
  const own = <T>(x: T): T & { document: string } => ({ document: id, ...x });
  const cases = Object.fromEntries([...files].filter(([p]) => p.startsWith(`${id}/cases/`)).map(([p, s]) => [p.slice(id.length + 7), s]));
  return {
    document, position, readings, text, cases,
    rules: ruleFile.rules.map(own) as Rule[],
    groups: (ruleFile.groups ?? []).map(own) as ExclusiveGroup[],
    validations: (ruleFile.validations ?? []).map(own) as Validation[],
    measures: (parsed.measures as Omit<Measure, 'document'>[]).map(own),
    targets: (parsed.targets as Omit<Target, 'document'>[]).map(own),
    notComputable: (parsed['not-computable'] as Omit<NotComputable, 'document'>[]).map(own),
  };
}

/** Parse one YAML file and validate it; problems carry the file's line of the offending field. */
function parseFile(file: string, source: string, schema: TSchema, problems: FileProblem[]): unknown {
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

function exists(path: string): boolean {
  try { statSync(path); return true; } catch { return false; }
}
