/**
 * A reading switched for one document (issue 15, point 2): `--interpretation
 * I-tier-range@jiyang-2021-80=upper-inclusive` and the input file's `interpretations` take the
 * `id@document` form; an unknown document or reading is bad input (exit 2) naming it.
 * Hand-computed: 济阳 5 年网络销售额 1亿元 exactly: lower-inclusive (default) → 1亿元至6亿元 10万元;
 * upper-inclusive → 2000万元至1亿元 5万元. The province's 流量补贴 at 1亿元 (以上) pays 1亿 ÷ 1万 × 2元 = 2万元
 * under either. Run in process (the commands from source), as `duixian` runs them.
 */
import { describe, expect, it } from 'vitest';
import { KNOWN } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { duixianInProcess, tmp, writeJson } from './run-cli.js';

const duixian = duixianInProcess;

const data = (interpretations: Record<string, string> = {}) => ({
  format: 'duixian/v1', year: 2023, interpretations,
  subjects: [
    { id: 'W', kind: 'enterprise', name: '济阳批发企业', region: '370115', tags: ['ecommerceWholesaleRetail'] },
    { id: 'T', kind: 'enterprise', name: '历下零售企业', region: '370102', tags: [] },
  ],
  facts: [
    { subject: 'W', year: 2023, key: 'onlineSales', value: '1亿元' },
    { subject: 'T', year: 2023, key: 'physicalGoodsOnlineRetail', value: '1亿元' },
  ],
});
const amounts = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as { awards: { subject: string; rule: string; amount: string }[] }).awards.filter((a) => a.amount !== null).map((a) => [`${a.subject} ${a.rule}`, a.amount]));
const dir = tmp();

describe('--interpretation I-x@document=value', () => {
  it('switches the reading for that document only', async () => {
    const file = writeJson(dir, 'plain.json', data());
    const plain = await duixian('evaluate', file, '--json');
    expect(amounts(plain.stdout)).toEqual({ 'W jiyang-2021-80/5.wholesale': '100000.00', 'T sd-2022-42/2.traffic': '20000.00' });
    const switched = await duixian('evaluate', file, '--json', '--interpretation', 'I-tier-range@jiyang-2021-80=upper-inclusive');
    expect(switched.code).toBe(0);
    expect(amounts(switched.stdout)).toEqual({ 'W jiyang-2021-80/5.wholesale': '50000.00', 'T sd-2022-42/2.traffic': '20000.00' });
    expect(JSON.parse(switched.stdout).interpretations).toEqual({ 'I-tier-range@jiyang-2021-80': 'upper-inclusive' });
  });

  it('duixian explain names the document\'s reading', async () => {
    const file = writeJson(dir, 'explain.json', data());
    const r = await duixian('explain', file, '--subject', 'W', '--rule', 'jiyang-2021-80/5.wholesale', '--interpretation', 'I-tier-range@jiyang-2021-80=upper-inclusive');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('I-tier-range=upper-inclusive');
    expect(r.stdout).toContain('金额 50000.00 元');
  });

  it.each([
    ['I-tier-range@jiyang-2099-1=upper-inclusive', 'unknown document "jiyang-2099-1" in I-tier-range@jiyang-2099-1'],
    ['I-tier-rang@jiyang-2021-80=upper-inclusive', 'unknown interpretation I-tier-rang (known: '],
    ['I-tier-range@jiyang-2021-80=upper', 'I-tier-range: unknown value "upper"'],
    ['I-brand-item@jining-2022-54=applied', "I-brand-item is jiyang-2021-80's own reading"],
  ])('%s is bad input naming it (exit 2, nothing on stdout)', async (flag, message) => {
    const r = await duixian('evaluate', writeJson(dir, 'bad.json', data()), '--json', '--interpretation', flag);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(`--interpretation ${flag}`);
    expect(r.stderr).toContain(message);
  });
});

describe('the input file\'s interpretations take the same form', () => {
  it('"I-tier-range@jiyang-2021-80": "upper-inclusive" in the file switches 济阳 only', async () => {
    const r = await duixian('evaluate', writeJson(dir, 'switched.json', data({ 'I-tier-range@jiyang-2021-80': 'upper-inclusive' })), '--json');
    expect(r.code).toBe(0);
    expect(amounts(r.stdout)).toEqual({ 'W jiyang-2021-80/5.wholesale': '50000.00', 'T sd-2022-42/2.traffic': '20000.00' });
  });

  it('a document\'s own reading is accepted in a file (I-brand-item)', async () => {
    const r = await duixian('evaluate', writeJson(dir, 'own.json', data({ 'I-brand-item': 'applied' })), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).interpretations).toEqual({ 'I-brand-item': 'applied' });
  });

  it('a document\'s own reading switched for another document is refused when the file is read (before it can be stored)', async () => {
    const read = readObject(data({ 'I-brand-item@jining-2022-54': 'applied' }), KNOWN);
    expect(read.ok ? [] : read.problems).toEqual([{ path: 'interpretations.I-brand-item@jining-2022-54', message: expect.stringContaining("jiyang-2021-80's own reading") }]);
  });

  it('an unknown document in the file is refused at its key', async () => {
    const r = await duixian('evaluate', writeJson(dir, 'unknown.json', data({ 'I-tier-range@nowhere': 'upper-inclusive' })), '--json');
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('interpretations.I-tier-range@nowhere');
    expect(r.stderr).toContain('unknown document "nowhere"');
  });
});
