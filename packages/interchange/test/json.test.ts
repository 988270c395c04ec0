import { describe, expect, it } from 'vitest';
import { readJson, readObject, type Problem, type ReadResult } from '@duixian/interchange';
import { BAD_USCC, USCC, USCC_CHECK, example, known, type Loose } from './fixtures.js';

const problemsOf = (r: ReadResult): Problem[] => {
  if (r.ok) throw new Error(`expected problems, got a dataset`);
  return r.problems;
};
const datasetOf = (r: ReadResult) => {
  if (!r.ok) throw new Error(`unexpected problems:\n${r.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return r;
};

describe('a valid file', () => {
  const r = datasetOf(readObject(example(), known));
  const d = r.dataset;

  it('reads every section, with nothing to warn about', () => {
    expect(r.warnings).toEqual([]);
    expect(d.year).toBe(2023);
    expect(d.subjects.map((s) => s.id)).toEqual(['CN', '370000', '370800', '370871', 'E1']);
    expect(d.facts).toHaveLength(4);
    expect(d.interpretations).toEqual({ 'I-pool': 'largest-first' });
  });

  it('keeps the subject fields', () => {
    const e1 = d.subjects[4]!;
    expect(e1).toMatchObject({ id: 'E1', kind: 'enterprise', name: '示例电商有限公司', region: '370811', uscc: USCC });
    expect(e1.tags).toEqual(['inStatsLibrary', 'tradeCirculation']);
    expect(d.subjects[0]!.tags).toEqual([]);
    expect(d.subjects[0]!.region).toBeUndefined();
  });

  it.each([
    [0, 'physicalGoodsOnlineRetail', 12_000_000_000], // 1.2亿元 in fen
    [1, 'contestEventCost', 7_000_000], // 70000 元
    [2, 'panelScore', 91_500_000], // 91.5 at scale 6
    [3, 'onlineRetailGrowth', 153_000], // 15.3% in millionths
  ])('fact %i (%s) holds the exact value %i', (i, key, value) => {
    expect(d.facts[i]!.key).toBe(key);
    expect(d.facts[i]!.value).toBe(value);
  });

  it('gives each fact the position of its subject in the subjects list', () => {
    expect(d.facts.map((f) => [f.subject, f.subjectIndex])).toEqual([['E1', 4], ['E1', 4], ['370871', 3], ['370871', 3]]);
  });

  it('keeps item, rule and source', () => {
    expect(d.facts[1]!.item).toBe('5月直播大赛');
    expect(d.facts[2]!.rule).toBe('jining-2022-54/1.retail');
    expect(d.facts[3]!.source).toBe('统计局');
  });

  it('reads history and parameters in fen', () => {
    expect(d.history).toEqual([{ subject: 'E1', rule: 'jining-2022-54/2.retail-2022', year: 2022, amount: 5_000_000 }]);
    expect(d.parameters).toEqual([{ rule: 'jinan-2021-cbec/2.2.park', year: 2023, key: 'amount', value: 50_000_000 }]);
  });

  it('reads the same from JSON text, with or without a BOM', () => {
    const text = JSON.stringify(example());
    expect(datasetOf(readJson(text, known)).dataset).toEqual(d);
    expect(datasetOf(readJson(`\uFEFF${text}`, known)).dataset).toEqual(d);
  });

  it('takes history amount null as an award without money', () => {
    const o = example();
    o.history[0].amount = null;
    expect(datasetOf(readObject(o, known)).dataset.history[0]!.amount).toBeNull();
  });
});

type Mutation = (o: Loose) => void;

/** One fault each: [what, mutation, the exact path, what the message says]. */
const BAD: [string, Mutation, string, RegExp][] = [
  ['unknown top-level key', (o) => { o.colour = 'red'; }, 'colour', /^unknown key \(allowed: format, year, meta,/],
  ['unknown key in a subject', (o) => { o.subjects[2].colour = 'red'; }, 'subjects[2].colour', /^unknown key \(allowed: id, kind, name, region, uscc, tags\)/],
  ['unknown key in a fact', (o) => { o.facts[0].unit = '元'; }, 'facts[0].unit', /^unknown key/],
  ['unknown key in meta', (o) => { o.meta = { synthetic: true, colour: 1 }; }, 'meta.colour', /^unknown key/],
  ['meta seed not a number', (o) => { o.meta = { seed: 'x' }; }, 'meta.seed', /must be a number/],
  ['wrong format', (o) => { o.format = 'duixian/v2'; }, 'format', /expected "duixian\/v1"/],
  ['missing format', (o) => { delete o.format; }, 'format', /^missing/],
  ['year not an integer', (o) => { o.year = 2023.5; }, 'year', /not a year/],
  ['facts not a list', (o) => { o.facts = {}; }, 'facts', /must be a list, not an object/],
  ['missing subjects', (o) => { delete o.subjects; }, 'subjects', /^missing/],
  ['a subject that is not an object', (o) => { o.subjects[1] = 'x'; }, 'subjects[1]', /must be an object/],
  ['unknown subject', (o) => { o.facts[1].subject = 'E9'; }, 'facts[1].subject', /^unknown subject "E9"/],
  ['duplicate id', (o) => { o.subjects.push({ id: 'E1', kind: 'shop', name: 'x' }); }, 'subjects[5].id', /^duplicate id "E1": also subjects\[4\]/],
  ['empty id', (o) => { o.subjects[4].id = ''; o.facts = []; o.history = []; }, 'subjects[4].id', /non-empty text/],
  ['wrong USCC check character', (o) => { o.subjects[4].uscc = BAD_USCC; }, 'subjects[4].uscc', new RegExp(`wrong check character .* should be "${USCC_CHECK}"`)],
  ['USCC of the wrong length', (o) => { o.subjects[4].uscc = USCC.slice(0, 17); }, 'subjects[4].uscc', /has 17 characters; .* has 18/],
  ['USCC with a letter not allowed', (o) => { o.subjects[4].uscc = `91370811MA3C0XIXX${USCC_CHECK}`; }, 'subjects[4].uscc', /character 15 "I" is not allowed/],
  ['unknown kind', (o) => { o.subjects[4].kind = 'company'; }, 'subjects[4].kind', /^unknown kind "company": use one of country, province/],
  ['region code not in the table', (o) => { o.subjects[4].region = '379999'; }, 'subjects[4].region', /"379999" is not in the NBS region table/],
  ['region subject whose id is not a region code', (o) => { o.subjects[2].id = 'JN'; o.subjects[2].region = undefined; }, 'subjects[2].id', /a city subject's id must be its region code/],
  ['region subject of the wrong level', (o) => { o.subjects[2].kind = 'province'; }, 'subjects[2].kind', /370800 \(济宁市\) is a city .*, not a province/],
  ['country not CN', (o) => { o.subjects[0].id = 'CHN'; }, 'subjects[0].id', /the country's id must be "CN"/],
  ['unknown tag', (o) => { o.subjects[4].tags = ['inStatsLibrary', 'big']; }, 'subjects[4].tags[1]', /^unknown tag "big"/],
  ['tags not a list', (o) => { o.subjects[4].tags = 'mcn'; }, 'subjects[4].tags', /must be a list of tags/],
  ['unparseable amount', (o) => { o.facts[0].value = '1.2亿美元'; }, 'facts[0].value', /^"1\.2亿美元" is not a money \(元\) value/],
  ['more precise than a fen', (o) => { o.facts[1].value = 70000.001; }, 'facts[1].value', /more precise than a fen/],
  ['negative money', (o) => { o.facts[1].value = -70000; }, 'facts[1].value', /^-70000 is negative: an amount of money cannot be below zero/],
  ['missing value', (o) => { delete o.facts[1].value; }, 'facts[1].value', /^missing/],
  ['unknown fact key', (o) => { o.facts[0].key = 'gmv'; }, 'facts[0].key', /^unknown key "gmv"/],
  ['fact year out of range', (o) => { o.facts[0].year = 1900; }, 'facts[0].year', /1900 is not a year: give a whole number from 1990 to 2100/],
  ['quarter out of range', (o) => { o.facts[0].quarter = 5; }, 'facts[0].quarter', /5 is not a quarter/],
  ['unknown rule', (o) => { o.facts[2].rule = 'jining-2022-54/9.nothing'; }, 'facts[2].rule', /^unknown rule "jining-2022-54\/9\.nothing": document jining-2022-54 has rules jining-2022-54\/1\.retail, jining-2022-54\/2\.retail-2022/],
  ['rule of an unknown document', (o) => { o.facts[2].rule = 'nowhere/1'; }, 'facts[2].rule', /not a rule id of the policy catalogue/],
  ['panel score without its rule', (o) => { delete o.facts[2].rule; }, 'facts[2].rule', /^missing: panelScore is scoped to one rule: give the id of the rule it is for$/],
  ['conflicting duplicate fact', (o) => { o.facts.push({ ...o.facts[0], value: '1.3亿元' }); }, 'facts[4].value', /^conflicting duplicate: facts\[0\] gives E1 physicalGoodsOnlineRetail 2023 another value/],
  ['history of an unknown subject', (o) => { o.history[0].subject = 'E7'; }, 'history[0].subject', /^unknown subject "E7"/],
  ['history with an unknown rule', (o) => { o.history[0].rule = 'x/1'; }, 'history[0].rule', /^unknown rule "x\/1"/],
  ['history with a negative amount', (o) => { o.history[0].amount = '-1元'; }, 'history[0].amount', /negative/],
  ['history year as text', (o) => { o.history[0].year = '2022'; }, 'history[0].year', /"2022" is not a year/],
  ['unknown parameter', (o) => { o.parameters[0].key = 'budget'; }, 'parameters[0].key', /^unknown parameter "budget": use amount, topN/],
  ['parameter value of the wrong unit', (o) => { o.parameters[0].value = '50%'; }, 'parameters[0].value', /"50%" is not a money/],
  ['unknown interpretation value', (o) => { o.interpretations['I-pool'] = 'biggest-first'; }, 'interpretations.I-pool', /^"biggest-first" is not a reading of I-pool: choose "pro-rata" or "largest-first"/],
  ['unknown interpretation id', (o) => { o.interpretations['I-colour'] = 'red'; }, 'interpretations.I-colour', /^unknown interpretation "I-colour": the ids are I-pool, I-bounds/],
  ['interpretations not an object', (o) => { o.interpretations = ['I-pool']; }, 'interpretations', /must be an object/],
];

describe('a file with one fault', () => {
  it.each(BAD)('%s → %s', (_what, mutate, path, message) => {
    const o = example();
    mutate(o);
    const problems = problemsOf(readObject(o, known));
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0]!.message).toMatch(message);
  });
});

describe('files that are not objects', () => {
  it.each([
    ['syntax error', '{"format": "duixian/v1",\n  "year": 2023,}', /^not valid JSON: .* at position \d+ \(line 2, column 16\)/],
    ['truncated', '{"format":\n "duixian/v1",\n', /^not valid JSON: .* at position 26 \(line 3, column 1\)/],
    ['an array', '[]', /must be a JSON object .*, not an array/],
    ['a number', '42', /not 42/],
  ])('%s', (_what, text, message) => {
    const problems = problemsOf(readJson(text, known));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('(file)');
    expect(problems[0]!.message).toMatch(message);
  });
});

describe('all problems are reported', () => {
  it('reports every fault of the file, in file order, and no dataset', () => {
    const o = example();
    o.colour = 1;
    o.subjects[4].uscc = BAD_USCC;
    o.subjects[3].kind = 'district';
    o.facts[0].value = '一亿元';
    o.facts[1].subject = 'nobody';
    o.facts[1].year = 'last year';
    o.interpretations['I-pool'] = 'none';
    const r = readObject(o, known);
    expect(r.ok).toBe(false);
    expect('dataset' in r).toBe(false);
    expect(problemsOf(r).map((p) => p.path)).toEqual([
      'colour',
      'subjects[3].kind',
      'subjects[4].uscc',
      'facts[0].value',
      'facts[1].subject',
      'facts[1].year',
      'interpretations.I-pool',
    ]);
  });

  it('a fact about a subject whose other fields are wrong is not also an unknown subject', () => {
    const o = example();
    o.subjects[4].kind = 'company';
    expect(problemsOf(readObject(o, known)).map((p) => p.path)).toEqual(['subjects[4].kind']);
  });
});

describe('warnings', () => {
  it('an exact duplicate fact is read once, with a warning', () => {
    const o = example();
    o.facts.push({ ...o.facts[1] });
    const r = datasetOf(readObject(o, known));
    expect(r.dataset.facts).toHaveLength(4);
    expect(r.warnings).toEqual([{ path: 'facts[4]', message: 'exact duplicate of facts[1]; counted once' }]);
  });

  it('facts that differ by item, quarter or year are not duplicates', () => {
    const o = example();
    o.facts.push({ ...o.facts[1], item: '6月直播大赛' }, { ...o.facts[1], quarter: 2 }, { ...o.facts[1], year: 2022 });
    const r = datasetOf(readObject(o, known));
    expect(r.dataset.facts).toHaveLength(7);
    expect(r.warnings).toEqual([]);
  });

  it('finds duplicates among the many facts of one subject too', () => {
    const o = example();
    for (let y = 1990; y <= 2060; y++) o.facts.push({ subject: 'CN', year: y, key: 'cnyPerUsd', value: '7.1' });
    o.facts.push({ subject: 'CN', year: 2000, key: 'cnyPerUsd', value: '7.2' }, { subject: 'CN', year: 2001, key: 'cnyPerUsd', value: 7.1 });
    const r = readObject(o, known);
    expect(problemsOf(r).map((p) => p.path)).toEqual(['facts[75].value']);
  });

  it('a year-scoped title given as a tag is a warning', () => {
    const o = example();
    o.subjects[4].tags.push('nationalTitle');
    const r = datasetOf(readObject(o, known));
    expect(r.warnings.map((w) => w.path)).toEqual(['subjects[4].tags[2]']);
  });
});

describe('the evaluation year', () => {
  it('--year overrides the file', () => {
    expect(datasetOf(readObject(example(), known, { year: 2024 })).dataset.year).toBe(2024);
  });

  it('without a year in the file, the latest fact year, said in a warning', () => {
    const o = example();
    delete o.year;
    o.facts[0].year = 2024;
    const r = datasetOf(readObject(o, known));
    expect(r.dataset.year).toBe(2024);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.message).toMatch(/evaluating 2024, the latest year of the facts/);
  });

  it('no year at all is a problem', () => {
    const o = example();
    delete o.year;
    o.facts = [];
    expect(problemsOf(readObject(o, known))).toEqual([{ path: '(file)', message: 'no evaluation year: give --year (the file has no year and no facts to take one from)' }]);
  });

  it('a bad --year is a problem', () => {
    expect(problemsOf(readObject(example(), known, { year: 23 })).map((p) => p.path)).toEqual(['--year']);
  });
});

describe('meta', () => {
  it('is returned beside the dataset', () => {
    const o = example();
    o.meta = { description: 'demo', synthetic: true, generator: 'gen', seed: 7 };
    const r = datasetOf(readObject(o, known));
    expect(r.meta).toEqual({ description: 'demo', synthetic: true, generator: 'gen', seed: 7 });
  });
});
