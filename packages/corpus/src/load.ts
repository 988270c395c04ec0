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
import type { Corpus, ExclusiveGroup, PolicyDocument, Rule, Validation, Vocabulary } from '@duixian/engine';
import { corpusReadings, READINGS_FILE, readingProblems, type DeclaredReadings } from './readings.js';
import { readRegions } from './regions.js';
import { FILE_SCHEMAS, type FileKind, type WordNotes } from './schema.js';
import type { Measure, NotComputable, Target } from './types.js';
import { readVocabulary } from './words.js';
import { CorpusFileError, lineOfKey, parseFile, type FileProblem } from './yaml-file.js';

export { CorpusFileError, type FileProblem } from './yaml-file.js';

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
  const regions = readRegions(files, problems);
  if (problems.length > 0) throw new CorpusFileError(problems);
  const docs = read.map((r) => r!).sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || (a.document.id < b.document.id ? -1 : 1));
  const content = {
    documents: docs.map((d) => d.document),
    rules: docs.flatMap((d) => d.rules),
    groups: docs.flatMap((d) => d.groups),
    validations: docs.flatMap((d) => d.validations),
    vocabulary,
    readings: corpusReadings(general!, docs.map((d) => ({ document: d.document.id, readings: d.readings }))),
    ...(regions ? { regions } : {}),
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

function exists(path: string): boolean {
  try { statSync(path); return true; } catch { return false; }
}
