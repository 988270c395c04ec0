/**
 * The corpus as folders: found by listing, each file validated against its schema, every problem
 * naming file, line and field; the written JSON Schemas are the ones the loader uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse, parseDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CORPUS_DIR, CorpusFileError, LOADED, corpusFromFiles, schemaFiles } from '@duixian/corpus';
import { problemsOf, withFile } from './corpus-files.js';

/** The 1-based line of the first occurrence of `needle` in a corpus file. */
const lineOf = (path: string, needle: string): number => LOADED.files.get(path)!.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the built-in corpus', () => {
  it('is every folder of corpus/ that holds a document.yaml, in the catalogue order its positions give', () => {
    const folders = readdirSync(BUILT_IN_CORPUS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && readdirSync(`${BUILT_IN_CORPUS_DIR}/${d.name}`).includes('document.yaml'))
      .map((d) => d.name);
    const ids = LOADED.corpus.documents.map((d) => d.id);
    expect([...ids].sort()).toEqual(folders.sort());
    // by each document.yaml's position, read here from the files; a folder without one comes last
    const position = (id: string) => (parse(readFileSync(`${BUILT_IN_CORPUS_DIR}/${id}/document.yaml`, 'utf8')) as { position?: number }).position ?? Infinity;
    expect(ids).toEqual([...folders].sort((a, b) => position(a) - position(b) || (a < b ? -1 : 1)));
    const catalogue = ['sd-2022-42', 'jining-2022-54', 'dongying-2020-9', 'jiyang-2021-80', 'jinan-2021-cbec'];
    expect(ids.filter((id) => catalogue.includes(id))).toEqual(catalogue);
  });

  it('gives every rule, measure, target and note the document of its folder', () => {
    for (const x of [...LOADED.corpus.rules, ...LOADED.corpus.groups, ...LOADED.measures, ...LOADED.targets, ...LOADED.notComputable]) {
      expect(x.document).toMatch(/^[a-z0-9-]+$/);
      if ('id' in x) expect(x.id.startsWith(`${x.document}/`)).toBe(true);
    }
  });
});

describe('a problem names the file, the line and the field', () => {
  const rules = 'jiyang-2021-80/rules.yaml';
  it.each([
    ['a comparison word that is not one', rules, (s: string) => s.replace('legal: 达到, value: "5000"', 'legal: 达成, value: "5000"'),
      { file: rules, line: lineOf(rules, 'legal: 达到, value: "5000"'), field: 'rules[0].conditions[0].legal', message: expect.stringContaining('"达成" is not one of 以上') }],
    ['a rule without its text', rules, (s: string) => s.replace(/^ {4}text: 对于电子商务集聚区.*\n/m, ''),
      { file: rules, line: lineOf(rules, 'id: jiyang-2021-80/1.cluster'), field: 'rules[0].text', message: expect.stringContaining('missing') }],
    ['a date that is not YYYY-MM-DD', 'jiyang-2021-80/document.yaml', (s: string) => s.replace('validFrom: 2021-08-30', 'validFrom: 2021-8-30'),
      { file: 'jiyang-2021-80/document.yaml', line: lineOf('jiyang-2021-80/document.yaml', 'validFrom'), field: 'validFrom', message: expect.stringContaining('YYYY-MM-DD') }],
    ['a document whose id is not its folder', 'jiyang-2021-80/document.yaml', (s: string) => s.replace('id: jiyang-2021-80', 'id: jiyang-2021-81'),
      { file: 'jiyang-2021-80/document.yaml', line: 1, field: 'id', message: expect.stringContaining('folder') }],
    ['a YAML error', 'jiyang-2021-80/targets.yaml', (s: string) => s.replace('- id: jiyang-2021-80/T.', '- id: 目标: jiyang-2021-80/T.'),
      { file: 'jiyang-2021-80/targets.yaml', line: lineOf('jiyang-2021-80/targets.yaml', '- id: jiyang-2021-80/T.'), field: '', message: expect.stringContaining('not valid YAML') }],
    ['a key given twice', 'jiyang-2021-80/document.yaml', (s: string) => `${s}title: 又一个标题\n`,
      { file: 'jiyang-2021-80/document.yaml', line: LOADED.files.get('jiyang-2021-80/document.yaml')!.split('\n').length, field: '', message: expect.stringContaining('not valid YAML') }],
  ])('%s', (_, path, edit, problem) => {
    expect(problemsOf(withFile(path, edit))).toEqual([problem]);
  });

  it('a misspelt field is named, and so is the field it should have been', () => {
    const line = lineOf(rules, 'award: {money: 5万元}');
    expect(problemsOf(withFile(rules, (s) => s.replace('award: {money: 5万元}', 'award: {mony: 5万元}'))).sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { file: rules, line, field: 'rules[1].award.money', message: 'missing (给予X)' },
      { file: rules, line, field: 'rules[1].award.mony', message: expect.stringContaining('unknown field') },
    ]);
  });

  it('a folder without its text or one of its files says which is missing', () => {
    const files = new Map(LOADED.files);
    files.delete('jiyang-2021-80/text.txt');
    files.delete('jiyang-2021-80/measures.yaml');
    expect(problemsOf(files).map((p) => `${p.file}: ${p.message.slice(0, 7)}`).sort()).toEqual(['jiyang-2021-80/measures.yaml: missing', 'jiyang-2021-80/text.txt: missing']);
  });

  it('nothing is loaded from a folder with problems: the corpus is whole or refused', () => {
    expect(() => corpusFromFiles(withFile(rules, (s) => s.replace('award: {money: 5万元}', 'award: {mony: 5万元}')))).toThrow(CorpusFileError);
  });
});

describe('order', () => {
  it('a document without a position follows those with one, by id', () => {
    const files = new Map(LOADED.files);
    for (const [path, source] of LOADED.files) {
      if (path.startsWith('jining-2022-54/')) files.set(path.replace('jining-2022-54/', 'aaa-jining/'), path.endsWith('document.yaml') ? source.replace('id: jining-2022-54', 'id: aaa-jining').replace(/^position: .*\n/m, '') : source);
    }
    const ids = corpusFromFiles(files).corpus.documents.map((d) => d.id);
    expect(ids.at(-1)).toBe('aaa-jining');
    expect(ids.slice(0, 5)).toEqual(LOADED.corpus.documents.map((d) => d.id));
  });
});

/** A corpus file's kind (readings.yaml at the root, rules.yaml in a document's folder) and the schema its first line names. */
const kindOf = (path: string): string => (path.includes('/cases/') ? 'cases' : path.split('/').at(-1)!.replace('.yaml', ''));
const schemaRef = (path: string): string => `${path.includes('/') ? '../' : ''}schema/${kindOf(path)}.schema.json`;

describe('the JSON Schemas in corpus/schema', () => {
  it('are the ones written from the definitions (run `npm run schema` after changing a shape)', () => {
    for (const [name, text] of Object.entries(schemaFiles())) {
      expect(readFileSync(`${BUILT_IN_CORPUS_DIR}/schema/${name}`, 'utf8'), name).toBe(text);
    }
  });

  it('accept every file of the corpus, and refuse what the loader refuses, for an editor that only has them', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = Object.fromEntries(Object.entries(schemaFiles()).map(([name, text]) => [name.replace('.schema.json', ''), ajv.compile(JSON.parse(text))]));
    for (const [path, source] of LOADED.files) {
      const kind = kindOf(path);
      if (validate[kind]) expect(validate[kind](parse(source)), `${path}: ${JSON.stringify(validate[kind].errors)}`).toBe(true);
    }
    const broken = parse(LOADED.files.get('jiyang-2021-80/rules.yaml')!.replace('legal: 达到, value: "5000"', 'legal: 达成, value: "5000"'));
    expect(validate['rules']!(broken)).toBe(false);
  });

  it('no file that defines the law uses YAML anchors or aliases: an analyst reads each entry where it stands (cases may share their subjects)', () => {
    for (const [path, source] of LOADED.files) {
      if (!path.endsWith('.yaml') || path.includes('/cases/')) continue;
      const anchored: string[] = [];
      visit(parseDocument(source), { Alias: (_, node) => void anchored.push(node.source), Node: (_, node) => void (node.anchor && anchored.push(node.anchor)) });
      expect(anchored, path).toEqual([]);
    }
  });

  it('each YAML file names its schema on its first line, for editors', () => {
    for (const [path, source] of LOADED.files) {
      if (path.endsWith('.yaml') && !path.includes('/cases/')) expect(source.split('\n')[0], path).toBe(`# yaml-language-server: $schema=${schemaRef(path)}`);
    }
  });
});
