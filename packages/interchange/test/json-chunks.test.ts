/**
 * A large JSON file is read in chunks straight from its bytes (src/json-chunks.ts). Forced on small
 * inputs with tiny chunks, it must give exactly what reading the whole text gives: the same dataset,
 * warnings and problems; and on a malformed file it must step aside so the syntax error is reported
 * as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileWith } from '../src/file.js';
import { readJsonAt, readJsonBytesAt } from '../src/json.js';
import { USCC, example, known, type Loose } from './fixtures.js';

const WHOLE = { from: Infinity, size: 4096 };
const CHUNKED = { from: 0, size: 3 };

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duixian-chunks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Both readers on the same file; `chunked` is the chunked reader alone (undefined: it stepped aside). */
async function bothWays(content: string | Buffer, opts: { year?: number } = {}) {
  const path = join(dir, `f${n++}.json`);
  await writeFile(path, content);
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return {
    whole: await readFileWith(path, known, opts, WHOLE),
    viaFile: await readFileWith(path, known, opts, CHUNKED),
    chunked: readJsonBytesAt(buf, known, opts, path, CHUNKED.size),
  };
}

/** A valid input: the chunked reader must take it (not fall back) and agree with the whole text. */
async function expectSame(content: string | Buffer, opts: { year?: number } = {}) {
  const r = await bothWays(content, opts);
  expect(r.chunked).toBeDefined();
  expect(r.chunked).toEqual(r.whole);
  expect(r.viaFile).toEqual(r.whole);
  return r.whole;
}

/** A malformed input: the chunked reader steps aside, and the file reads as before. */
async function expectFallback(content: string | Buffer) {
  const r = await bothWays(content);
  expect(r.chunked).toBeUndefined();
  expect(r.viaFile).toEqual(r.whole);
  return r.whole;
}

/** The spec example with more subjects and facts, so that chunks of 3 split them several ways. */
function bigger(): Loose {
  const o = example();
  for (let i = 0; i < 7; i++) {
    o.subjects.push({ id: `S${i}`, kind: 'shop', name: `店铺${i}`, region: '370811' });
    o.facts.push({ subject: `S${i}`, year: 2023, key: 'onlineRetail', value: `${i + 1}万元` });
  }
  return o;
}

describe('valid inputs read the same in chunks as whole', () => {
  it('the spec example, compact and indented', async () => {
    const r = await expectSame(JSON.stringify(example()));
    expect(r.ok).toBe(true);
    await expectSame(JSON.stringify(bigger(), null, 2));
    await expectSame(JSON.stringify(bigger(), null, '\t'), { year: 2022 });
  });

  it('a BOM', async () => {
    const r = await expectSame(`\uFEFF${JSON.stringify(bigger(), null, 1)}`);
    expect(r.ok).toBe(true);
  });

  it('unicode, escapes and structure characters inside strings', async () => {
    const o = bigger();
    o.subjects[5].name = '引号"内\\反斜杠\\';
    o.subjects[6].name = '],{[}:, "\\"]';
    o.subjects[7].name = '😀 \u2028 \t \n é';
    o.facts[5].source = '\\';
    o.facts[6].item = '"},{"subject":"E1"';
    const text = JSON.stringify(o).replace('"店铺3"', '"\\u5e97\\/\\u94fa3"'); // escapes JSON.stringify would not write
    const r = await expectSame(text);
    expect(r.ok && r.dataset.subjects.map((s) => s.name)).toContain('店/铺3');
  });

  it('whitespace and newlines around every token', async () => {
    const text = JSON.stringify(bigger()).replace(/([{}[\]:,])/g, ' \r\n\t$1\n  ');
    // the replacement also touches the insides of strings: still valid JSON, different names
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    await expectSame(`\n\t ${text} \r\n`);
  });

  it('empty lists, and a file with only the required keys', async () => {
    const o = example();
    o.facts = [];
    o.history = [];
    await expectSame(JSON.stringify(o));
    await expectSame('{"format":"duixian/v1","year":2023,"subjects":[],"facts":[ \n ]}');
    await expectSame('{"format":"duixian/v1","subjects":[],"facts":[]}');
    await expectSame('{}');
    await expectSame(' { \n } ');
  });

  it('unknown keys, at the top and inside records, with nested values', async () => {
    const o = bigger();
    o.colour = { a: [1, { b: ']' }, [[], {}]], c: null };
    o.subjects[3].extra = { deep: [{ x: '[' }] };
    o.facts[2].unit = ['元', { per: 'year' }];
    const r = await expectSame(JSON.stringify(o));
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['colour', 'subjects[3].extra', 'facts[2].unit']);
    await expectSame('{"__proto__": {"x": 1}, "format": "duixian/v1", "subjects": [], "facts": []}');
  });

  it('problems and warnings across chunk boundaries keep their paths and references', async () => {
    const o = bigger();
    o.subjects[4].kind = 'company';
    o.subjects.push({ id: 'S2', kind: 'shop', name: 'again' });
    o.facts.push({ ...o.facts[7] }, { ...o.facts[8], value: '99万元' }, { subject: 'nobody', year: 2023, key: 'onlineRetail', value: 1 });
    o.facts[1].year = 'last year';
    const r = await expectSame(JSON.stringify(o));
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['subjects[4].kind', 'subjects[12].id', 'facts[1].year', 'facts[12].value', 'facts[13].subject']);
  });

  it('the subject index of each fact', async () => {
    const r = await expectSame(JSON.stringify(bigger()));
    expect(r.ok && r.dataset.facts.map((f) => f.subjectIndex)).toEqual([4, 4, 3, 3, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('subjects or facts that are not lists', async () => {
    const o = example();
    o.subjects = { id: 'x' };
    o.facts = 7;
    await expectSame(JSON.stringify(o));
    await expectSame('{"format":"duixian/v1","year":2023,"subjects":"[1,2]","facts":null}');
    await expectSame('{"format":"duixian/v1","year":2023,"subjects":[1, "x", null, true, [], {}, -1.5e3],"facts":[false]}');
  });

  it('a repeated top-level key: the last wins, as with JSON.parse', async () => {
    const o = JSON.stringify(example()).slice(1, -1);
    const r = await expectSame(`{"year": 1800, ${o}, "year": 2024, "meta": {"seed": 1}, "meta": {"seed": 2}}`);
    expect(r.ok && [r.dataset.year, r.meta]).toEqual([2024, { seed: 2 }]);
    await expectSame(`{"facts": "not yet", ${o}}`);
  });

  it('a repeated subjects or facts array is left to the whole-text reader (its elements were never parsed)', async () => {
    const o = JSON.stringify(example()).slice(1, -1);
    const r = await bothWays(`{"subjects": [{"id": "A", "kind": "shop", "name": "x"}], ${o}}`);
    expect(r.chunked).toBeUndefined();
    expect(r.viaFile).toEqual(r.whole);
    expect(r.whole.ok).toBe(true);
    const s = await bothWays(`{${o}, "facts": {"not": "a list"}}`);
    expect(s.chunked).toBeUndefined();
    expect(s.viaFile).toEqual(s.whole);
    expect(!s.whole.ok && s.whole.problems.map((p) => p.path)).toEqual(['facts']);
  });
});

describe('malformed inputs are reported as before', () => {
  const text = JSON.stringify(bigger(), null, 1);

  it('a file cut short anywhere', async () => {
    for (let end = 0; end < text.length; end++) {
      expect(readJsonBytesAt(Buffer.from(text.slice(0, end)), known, {}, 'x', 3)).toBeUndefined();
    }
    const r = await expectFallback(text.slice(0, text.indexOf('"facts"') + 40));
    expect(!r.ok && r.problems[0]!.message).toMatch(/^not valid JSON: .*\(line \d+, column \d+\)$/);
  });

  it.each([
    ['a stray character between elements', text.replace('},\n  {\n   "id": "S1"', '} x,\n  {\n   "id": "S1"')],
    ['a missing comma between elements', text.replace('},\n  {\n   "id": "S1"', '}\n  {\n   "id": "S1"')],
    ['two commas between elements', text.replace('},\n  {\n   "id": "S1"', '},,\n  {\n   "id": "S1"')],
    ['a trailing comma', text.replace(/}\n ],\n "facts"/, '},\n ],\n "facts"')],
    ['a leading comma', text.replace('"facts": [', '"facts": [,')],
    ['a bracket of the wrong kind', text.replace(/}\n ],\n "facts"/, '}\n },\n "facts"')],
    ['a bad number in an element', text.replace('"subject": "E1",\n   "year": 2023', '"subject": "E1",\n   "year": 02023')],
    ['a bad literal in an element', text.replace('"value": 70000', '"value": tru')],
    ['a control character in a string', text.replace('示例电商', '示例\u0001电商')],
    ['an unterminated string', text.replace('"name": "店铺6"', '"name": "店铺6')],
    ['a missing colon at the top', text.replace('"year": 2023,\n "subjects"', '"year" 2023,\n "subjects"')],
    ['a missing colon before a value that would still parse', text.replace('"year": 2023,\n "subjects"', '"year" 12023,\n "subjects"')],
    ['a missing comma at the top', text.replace('2023,\n "subjects"', '2023\n "subjects"')],
    ['a bad top-level value', text.replace('"year": 2023', '"year": 2023x')],
    ['text after the object', `${text} x`],
    ['a second object', `${text}{}`],
    ['two byte order marks', `\uFEFF\uFEFF${text}`],
    ['an array at the top', `[${text}]`],
    ['a number at the top', '42'],
    ['an empty file', ''],
  ])('%s', async (_what, input) => {
    await expectFallback(input);
  });

  it('bytes that are not UTF-8 are read as GB18030 with a warning, as before', async () => {
    const gbk = Buffer.from('{"format":"duixian/v1","year":2023,"subjects":[],"facts":[],"note":"\xb2\xe2"}', 'latin1');
    const r = await expectFallback(gbk);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['note']);
  });
});

/** JSON with random whitespace between tokens (`ws` cycles through the given pieces). */
function serialise(v: unknown, spaces: readonly string[]): string {
  let k = 0;
  const ws = () => (spaces.length === 0 ? '' : spaces[k++ % spaces.length]!);
  const go = (x: unknown): string => {
    if (Array.isArray(x)) return `[${ws()}${x.map((e) => `${ws()}${go(e)}${ws()}`).join(',')}${ws()}]`;
    if (typeof x === 'object' && x !== null) {
      const fields = Object.entries(x).filter(([, e]) => e !== undefined);
      return `{${ws()}${fields.map(([key, e]) => `${ws()}${JSON.stringify(key)}${ws()}:${ws()}${go(e)}${ws()}`).join(',')}${ws()}}`;
    }
    return JSON.stringify(x);
  };
  return go(v);
}

const text = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom('"', '\\', '],[', '{', '\\"', '中文'));
const subjectIds = ['E1', 'E2', 'S1', '370811', 'CN'];
const subject = fc.record(
  {
    id: fc.oneof(fc.constantFrom(...subjectIds), text),
    kind: fc.constantFrom('enterprise', 'shop', 'county', 'country', 'nonsense'),
    name: text,
    region: fc.constantFrom('370811', '379999', 5),
    uscc: fc.constantFrom(USCC, 'bad'),
    tags: fc.array(fc.constantFrom('inStatsLibrary', 'mcn', 'big'), { maxLength: 2 }),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['id', 'kind', 'name'] },
);
const fact = fc.record(
  {
    subject: fc.oneof(fc.constantFrom(...subjectIds), text),
    year: fc.constantFrom(2022, 2023, 1800, '2023'),
    key: fc.constantFrom('onlineRetail', 'onlineSales', 'panelScore', 'gmv'),
    value: fc.oneof(fc.integer({ min: -5, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('1.2亿元', '15.3%', '3万', 'x')),
    item: text,
    quarter: fc.constantFrom(1, 4, 5),
    source: text,
  },
  { requiredKeys: ['subject', 'year', 'key', 'value'] },
);
const dataset = fc.record(
  {
    format: fc.constantFrom('duixian/v1', 'duixian/v2'),
    year: fc.constantFrom(2023, 2024, 'x'),
    meta: fc.record({ synthetic: fc.boolean(), description: text }, { requiredKeys: [] }),
    subjects: fc.array(subject, { maxLength: 8 }),
    facts: fc.array(fact, { maxLength: 12 }),
    history: fc.array(fc.record({ subject: fc.constantFrom(...subjectIds), rule: fc.constant('jining-2022-54/2.retail-2022'), year: fc.constant(2022), amount: fc.constantFrom('50000', null, -1) }), { maxLength: 2 }),
    interpretations: fc.dictionary(fc.constantFrom('I-pool', 'I-bounds', 'I-x'), fc.constantFrom('pro-rata', 'largest-first', 'civil-code')),
    other: fc.jsonValue({ maxDepth: 3 }),
  },
  { requiredKeys: ['subjects', 'facts'] },
);

describe('property', () => {
  it('random datasets with random whitespace read the same in chunks as whole', () => {
    fc.assert(
      fc.property(dataset, fc.array(fc.constantFrom('', ' ', '\n', '\t', '\r\n', '  '), { maxLength: 5 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (d, spaces, size, bom) => {
        const json = (bom ? '\uFEFF' : '') + serialise(d, spaces);
        const chunked = readJsonBytesAt(Buffer.from(json), known, {}, 'x', size);
        expect(chunked).toBeDefined();
        expect(chunked).toEqual(readJsonAt(json, known, {}, 'x'));
      }),
      { numRuns: 300 },
    );
  });
});
