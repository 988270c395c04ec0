import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_IDS, MEASURES, NOT_COMPUTABLE, RULE_IDS, TARGETS, TEXTS, occurrences } from '../src/index.js';
import { CATALOGUE_PATH, CATALOGUE_RULE_IDS, CORPUS_RULE_IDS, SEEDS_DIR } from '../../../test/catalogue.js';

const text = (doc: string): string => {
  const t = (TEXTS as Record<string, string>)[doc];
  if (t === undefined) throw new Error(`no text for ${doc}`);
  return t;
};

describe('texts', () => {
  const seeds: Record<string, string> = {
    'sd-2022-42': 'shandong-2022-42.txt', 'jining-2022-54': 'jining-2022-54.txt', 'dongying-2020-9': 'dongying-2020-9.txt',
    'jiyang-2021-80': 'jiyang-2021-80.txt', 'jinan-2021-cbec': 'jinan-2021-crossborder.txt',
  };

  it('are the corpus\'s documents, non-empty', () => {
    expect(Object.keys(TEXTS)).toEqual([...DOCUMENT_IDS]);
    for (const id of DOCUMENT_IDS) expect(text(id).trim().length, id).toBeGreaterThan(0);
    for (const id of Object.keys(seeds)) expect(text(id).length, id).toBeGreaterThan(2000); // the five texts, whole
  });

  it.skipIf(!existsSync(SEEDS_DIR))('are byte-identical to the seeds', () => {
    for (const [id, file] of Object.entries(seeds)) expect(text(id), id).toBe(readFileSync(new URL(file, SEEDS_DIR), 'utf8'));
  });
});

describe('measures', () => {
  // Counted from the texts: sd 一…十三; jining 一…十一; dongying 二(一…七) + 三(一…八) + 四(一…四);
  // jiyang items 1…8 + 四(一…三); jinan 三 (3+3+3+3+3+4 tasks) + 四(一…三).
  const expected: Record<string, number> = {
    'sd-2022-42': 13, 'jining-2022-54': 11, 'dongying-2020-9': 19, 'jiyang-2021-80': 11, 'jinan-2021-cbec': 22,
  };
  it.each(Object.entries(expected))('%s has %i measures', (doc, n) => {
    expect(MEASURES.filter((m) => m.document === doc)).toHaveLength(n);
  });

  it('every heading is a unique substring of its text and starts with the title or its number', () => {
    for (const m of MEASURES) {
      expect(occurrences(text(m.document), m.heading), `${m.document} ${m.article}: ${m.heading}`).toHaveLength(1);
      expect(m.heading.includes(m.title), `${m.document} ${m.article}`).toBe(true);
    }
  });

  it('headings appear in document order', () => {
    for (const doc of DOCUMENT_IDS) {
      const offsets = MEASURES.filter((m) => m.document === doc).map((m) => text(doc).indexOf(m.heading));
      expect(offsets, doc).toEqual([...offsets].sort((a, b) => a - b));
    }
  });

  it('articles and anchors are unique within a document', () => {
    for (const doc of DOCUMENT_IDS) {
      const ms = MEASURES.filter((m) => m.document === doc);
      expect(new Set(ms.map((m) => m.article)).size, doc).toBe(ms.length);
      expect(new Set(ms.map((m) => m.anchor)).size, doc).toBe(ms.length);
      for (const m of ms) expect(m.anchor).toMatch(/^art-\d+(?:-\d+)*$/);
    }
  });

  it('every measure names someone responsible (lead or responsible)', () => {
    for (const m of MEASURES) expect(m.lead.length + m.responsible.length, `${m.document} ${m.article}`).toBeGreaterThan(0);
  });

  it('every rule id of the corpus (rules and validations) appears in exactly one measure, and measures list no other rule', () => {
    const listed = MEASURES.flatMap((m) => m.rules);
    for (const id of RULE_IDS) expect(listed.filter((r) => r === id), id).toHaveLength(1);
    expect([...listed].sort()).toEqual([...RULE_IDS].sort());
    for (const m of MEASURES) for (const r of m.rules) expect(r.startsWith(`${m.document}/`), r).toBe(true);
  });

  it.skipIf(!existsSync(CATALOGUE_PATH))('the hard-coded rule ids match the catalogue tables', () => {
    const md = readFileSync(CATALOGUE_PATH, 'utf8');
    const fromTables = [...md.matchAll(/^\| `([a-z0-9-]+\/[^`]+)` \|/gm)].map((m) => m[1]);
    expect([...fromTables, 'jiyang-2021-80/5.title'].sort()).toEqual([...CATALOGUE_RULE_IDS].sort());
  });
});

describe('targets and not-computable entries', () => {
  it('every cite is a substring of its text', () => {
    for (const t of TARGETS) for (const c of t.cites) expect(text(t.document).includes(c), `${t.id}: ${c}`).toBe(true);
    for (const n of NOT_COMPUTABLE) expect(text(n.document).includes(n.cite), n.cite).toBe(true);
  });

  it('target ids are unique and prefixed by their document; values are written in the text', () => {
    expect(new Set(TARGETS.map((t) => t.id)).size).toBe(TARGETS.length);
    for (const t of TARGETS) {
      expect(t.id.startsWith(`${t.document}/T.`), t.id).toBe(true);
      expect(t.cites.length, t.id).toBeGreaterThan(0);
      expect(text(t.document).includes(t.value), `${t.id}: ${t.value}`).toBe(true);
      expect(t.indicator, t.id).toBeDefined();
    }
  });

  it('every target article is a measure of the document or a section (一/二) holding targets', () => {
    for (const t of TARGETS) {
      const articles = MEASURES.filter((m) => m.document === t.document).map((m) => m.article);
      expect([...articles, '一', '二'], t.id).toContain(t.article);
    }
  });

  it('lists the catalogue targets', () => {
    const count = (doc: string): number => TARGETS.filter((t) => t.document === doc).length;
    expect(count('sd-2022-42')).toBe(7); // 1万亿; share; 10亿 and 1亿 enterprises doubled; 200万 shops; 3000 shops; 50% colleges
    expect(count('jining-2022-54')).toBe(0);
    expect(count('dongying-2020-9')).toBeGreaterThanOrEqual(11);
    expect(count('jiyang-2021-80')).toBe(8);
    expect(count('jinan-2021-cbec')).toBe(8);
    const values = TARGETS.map((t) => `${t.document} ${t.value}`);
    for (const v of ['dongying-2020-9 1000 亿元', 'dongying-2020-9 800 亿元', 'dongying-2020-9 8%', 'dongying-2020-9 15000家', 'jiyang-2021-80 90%', 'jinan-2021-cbec 1万人']) {
      expect(values).toContain(v);
    }
  });
});

describe('the corpus the engine evaluates', () => {
  it('has, for the five documents of the catalogue, exactly the catalogue\'s rule ids and the added ones (rules and validations)', () => {
    const five = new Set(CORPUS_RULE_IDS.map((id) => id.slice(0, id.indexOf('/'))));
    expect([...RULE_IDS].filter((id) => five.has(id.slice(0, id.indexOf('/')))).sort()).toEqual([...CORPUS_RULE_IDS].sort());
  });
});
