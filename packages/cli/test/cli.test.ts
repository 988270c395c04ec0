/** The `duixian` command end to end: output shapes, explanations, bad input, check, template. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duixian, example, tmp, uscc, writeJson } from './run-cli.js';

const dir = tmp();

describe('duixian evaluate', () => {
  it('prints the Chinese award table grouped by funder with totals', () => {
    const r = duixian('evaluate', writeJson(dir, 'ok.json', example()));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('资金来源：山东省财政（370000）');
    expect(r.stdout).toContain('sd-2022-42/2.traffic');
    expect(r.stdout).toContain('合计：224000.00 元（22.4万元）');
  });

  it('--json prints exactly the documented output: 1.2亿元 → 24000.00 with I-per-unit and I-pool', () => {
    const r = duixian('evaluate', writeJson(dir, 'ok.json', example()), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['format', 'year', 'interpretations', 'awards', 'withheld', 'missing', 'incomplete', 'pools', 'totals']);
    // the example's 济宁 counties: one has the retail figures, the other 14 of the city's field do not (I-rank-incomplete)
    expect(out.incomplete.map((g: { rule: string; lacking: string[] }) => [g.rule, g.lacking.length])).toEqual([['jining-2022-54/1.retail', 14]]);
    const traffic = out.awards.find((a: { rule: string }) => a.rule === 'sd-2022-42/2.traffic');
    expect(traffic).toEqual({
      subject: 'E1', rule: 'sd-2022-42/2.traffic', document: 'sd-2022-42', article: '二', type: 'money', amount: '24000.00',
      ceiling: true, funder: '370000', rank: null, interpretations: ['I-per-unit', 'I-pool', 'I-pool-period'],
    });
    expect(out.pools).toEqual([{ rule: 'sd-2022-42/2.traffic', cap: '5000000.00', requested: '24000.00', granted: '24000.00' }]);
    expect(out.totals.byFunder).toEqual({ '370000': '24000.00', '370800': '200000.00' });
  });

  it('--explain adds the trace with the legal word and both values', () => {
    const out = JSON.parse(duixian('evaluate', writeJson(dir, 'ok.json', example()), '--json', '--explain').stdout);
    const steps = out.awards.find((a: { rule: string }) => a.rule === 'sd-2022-42/2.traffic').explanation.steps.map((s: { text: string }) => s.text);
    expect(steps).toContain('实物商品网络零售额 1.2亿元 ≥ 1亿元（以上，含本数）');
  });

  it('the same input gives byte-identical output', () => {
    const file = writeJson(dir, 'ok.json', example());
    expect(duixian('evaluate', file, '--json', '--explain').stdout).toBe(duixian('evaluate', file, '--json', '--explain').stdout);
  });

  it('--interpretation switches a reading and the output records it', () => {
    const out = JSON.parse(duixian('evaluate', writeJson(dir, 'ok.json', example()), '--json', '--interpretation', 'I-per-unit=proportional').stdout);
    expect(out.interpretations).toEqual({ 'I-per-unit': 'proportional', 'I-pool': 'largest-first' });
  });
});

describe('duixian explain', () => {
  it('says why a subject did not get an award and how far it is from it', () => {
    const data = example();
    (data.facts as { value: unknown }[])[0]!.value = '8800万元';
    const r = duixian('explain', writeJson(dir, 'gap.json', data), '--subject', 'E1', '--rule', 'sd-2022-42/2.traffic');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('实物商品网络零售额 8,800万元 < 1亿元（以上，含本数），还差 1,200万元 达到 1亿元');
    expect(r.stdout).toContain('鲁政字〔2022〕42号 第二条');
    expect(r.stdout).toContain('结论：不符合条件');
  });

  it('explains an award with its computation and the pool', () => {
    const r = duixian('explain', writeJson(dir, 'ok.json', example()), '--subject', 'E1', '--rule', 'sd-2022-42/2.traffic');
    expect(r.stdout).toContain('÷ 1万元 = 12000个完整单位');
    expect(r.stdout).toContain('全省补贴总额不超过500万元');
    expect(r.stdout).toContain('结论：给予');
  });
});

/** Each bad-input kind: exit 2, nothing on stdout, the path named on stderr. */
describe('bad input', () => {
  const bad = (name: string, mutate: (d: Record<string, any>) => unknown, path: string | RegExp) => [name, mutate, path] as const; // eslint-disable-line @typescript-eslint/no-explicit-any
  it.each([
    bad('unknown key', (d) => { d.subjects[4].colour = 'red'; }, 'subjects[4].colour'),
    bad('unknown top-level key', (d) => { d.extra = 1; }, 'extra'),
    bad('unknown subject', (d) => { d.facts[0].subject = 'E9'; }, 'facts[0].subject'),
    bad('duplicate id', (d) => { d.subjects.push({ ...d.subjects[4] }); }, 'subjects[5].id'),
    bad('wrong USCC check character', (d) => { const u = d.subjects[4].uscc as string; d.subjects[4].uscc = u.slice(0, 17) + (u[17] === '0' ? '1' : '0'); }, 'subjects[4].uscc'),
    bad('unparseable amount', (d) => { d.facts[0].value = '1.2亿美金'; }, 'facts[0].value'),
    bad('negative money', (d) => { d.facts[0].value = '-5元'; }, 'facts[0].value'),
    bad('unknown kind', (d) => { d.subjects[4].kind = 'factory'; }, 'subjects[4].kind'),
    bad('region code not in the table', (d) => { d.subjects[4].region = '379999'; }, 'subjects[4].region'),
    bad('unknown interpretation value', (d) => { d.interpretations['I-pool'] = 'random'; }, /interpretations/),
    bad('loan outside 10万–1000万', (d) => { d.facts.push({ subject: 'E1', year: 2023, key: 'loanAmount', value: '9.99万元' }); }, 'facts[4].value'),
  ])('%s', (_name, mutate, path) => {
    const data = example();
    mutate(data);
    const r = duixian('evaluate', writeJson(dir, 'bad.json', data), '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.some((l) => (typeof path === 'string' ? l.startsWith(path) || l.includes(` ${path}`) || l.includes(path + ':') : path.test(l)))).toBe(true);
  });

  it('malformed JSON: exit 2 naming the file and the position', () => {
    const r = duixian('evaluate', writeJson(dir, 'broken.json', '{"format": "duixian/v1", "subjects": ['));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/broken\.json|JSON/);
  });

  it('several problems are all reported, one line each, and nothing is evaluated', () => {
    const data = example();
    (data.facts as Record<string, unknown>[])[0]!.value = 'abc';
    (data.subjects as Record<string, unknown>[])[4]!.kind = 'factory';
    const r = duixian('evaluate', writeJson(dir, 'two.json', data));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').length).toBeGreaterThanOrEqual(2);
  });

  it('an unknown --interpretation and a bad --year are usage problems (exit 2)', () => {
    const file = writeJson(dir, 'ok.json', example());
    expect(duixian('evaluate', file, '--interpretation', 'I-nope=x')).toMatchObject({ code: 2, stdout: '' });
    expect(duixian('evaluate', file, '--year', '23')).toMatchObject({ code: 2, stdout: '' });
    expect(duixian('evaluate')).toMatchObject({ code: 2, stdout: '' });
    expect(duixian('frobnicate')).toMatchObject({ code: 2, stdout: '' });
  });

  it('a USCC built for the example is valid (the fixture itself is right)', () => {
    expect(uscc('91370811MA3C0ABCD')).toHaveLength(18);
  });
});

describe('duixian check', () => {
  it('validates the corpus and links every figure of the texts', () => {
    const r = duixian('check');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sd-2022-42: \d+ figures, \d+ linked to rules, \d+ to targets, \d+ not computable, 0 unlinked/);
    expect(r.stdout).toContain('check passed');
  });
});

describe('duixian template', () => {
  it('writes the Excel template and CSV headers, and a filled template evaluates', async () => {
    const out = tmp();
    const r = duixian('template', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('duixian-template.xlsx');
    const csv = readFileSync(join(out, 'duixian-template.facts.csv'), 'utf8');
    expect(csv).toMatch(/主体编号|subject/);
  });
});
