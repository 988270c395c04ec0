import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv, readFile } from '@duixian/interchange';
import { BAD_USCC, USCC, known, datasetOf, problemsOf } from './fixtures.js';


const SUBJECTS = [
  '编号,类型,名称,区划代码,统一社会信用代码,标签',
  `E1,企业,示例电商有限公司,370811,${USCC},"纳入“企业一套表”法人库、商贸流通企业"`,
  '370871,县（市、区）及功能区,济宁高新区,370871,,',
].join('\r\n');
const FACTS = [
  '主体编号,年度,指标,值,事项,规则,季度,来源',
  'E1,2023,实物商品网络零售额,1.2亿元,,,,统计局',
  '',
  'E1,2023,直播大赛实际发生费用（每次）,"70,000",5月直播大赛,,,',
  '370871,2023,网络零售额增幅,15.3%,,,Q4,',
  '370871,2023年,综合评价得分,91.5,,jining-2022-54/1.retail,,',
].join('\n');

describe('a CSV pair', () => {
  it('reads Chinese headers and labels into the dataset', () => {
    const r = datasetOf(readCsv({ subjects: SUBJECTS, facts: FACTS }, known));
    expect(r.dataset.year).toBe(2023);
    expect(r.dataset.subjects).toEqual([
      { id: 'E1', kind: 'enterprise', name: '示例电商有限公司', region: '370811', uscc: USCC, tags: ['inStatsLibrary', 'tradeCirculation'] },
      { id: '370871', kind: 'county', name: '济宁高新区', region: '370871', tags: [] },
    ]);
    expect(r.dataset.facts).toEqual([
      { subject: 'E1', subjectIndex: 0, year: 2023, key: 'physicalGoodsOnlineRetail', value: 12_000_000_000, source: '统计局' },
      { subject: 'E1', subjectIndex: 0, year: 2023, key: 'contestEventCost', value: 7_000_000, item: '5月直播大赛' },
      { subject: '370871', subjectIndex: 1, year: 2023, key: 'onlineRetailGrowth', value: 153_000, quarter: 4 },
      { subject: '370871', subjectIndex: 1, year: 2023, key: 'panelScore', value: 91_500_000, rule: 'jining-2022-54/1.retail' },
    ]);
  });

  it('reads the same with a byte order mark on each file', () => {
    const plain = datasetOf(readCsv({ subjects: SUBJECTS, facts: FACTS }, known)).dataset;
    const bom = datasetOf(readCsv({ subjects: `\uFEFF${SUBJECTS}`, facts: `\uFEFF${FACTS}` }, known)).dataset;
    expect(bom).toEqual(plain);
  });

  it('reads English headers and optional history and parameters', () => {
    const r = datasetOf(
      readCsv(
        {
          subjects: 'id,kind,name\nE1,enterprise,X',
          facts: 'subject,year,key,value\nE1,2022,onlineRetail,100',
          history: 'subject,rule,year,amount\nE1,jining-2022-54/2.retail-2022,2022,\n',
          parameters: 'rule,year,key,value\njinan-2021-cbec/2.2.park,2023,amount,50万元',
        },
        known,
        { year: 2023 },
      ),
    );
    expect(r.dataset.year).toBe(2023);
    expect(r.dataset.history).toEqual([{ subject: 'E1', rule: 'jining-2022-54/2.retail-2022', year: 2022, amount: null }]);
    expect(r.dataset.parameters[0]!.value).toBe(50_000_000);
  });

  it('names the file, row and column of each bad cell (rows counted as a spreadsheet counts them)', () => {
    const subjects = SUBJECTS.replace(USCC, BAD_USCC);
    const facts = `${FACTS}\nE2,2023,网络零售额,1.2亿美元,,,,\n`;
    const problems = problemsOf(readCsv({ subjects, facts }, known));
    expect(problems.map((p) => p.path)).toEqual(['subjects!E2', 'facts!A7', 'facts!D7']);
    expect(problems[0]!.message).toMatch(/^row 2, column 统一社会信用代码\(uscc\): ".*": wrong check character/);
    expect(problems[1]!.message).toBe('row 7, column 主体编号(subject): unknown subject "E2": add it to subjects or correct the id');
  });

  it('an unknown header names its column; a broken quote is a problem', () => {
    const problems = problemsOf(readCsv({ subjects: '编号,类型,名称,颜色\nE1,企业,X,红', facts: '主体编号,年度,指标,值\nE1,2023,网络零售额,"1' }, known));
    // a file that cannot be parsed is reported first, then what the readable files say
    expect(problems.map((p) => p.path)).toEqual(['facts', 'subjects!D1']);
    expect(problems[0]!.message).toMatch(/^not valid CSV: /);
    expect(problems[1]!.message).toMatch(/^row 1, column D: unknown column "颜色"/);
  });
});

describe('readFile with CSV', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duixian-csv-'));
    await writeFile(join(dir, 'demo.subjects.csv'), `\uFEFF${SUBJECTS}`);
    await writeFile(join(dir, 'demo.facts.csv'), FACTS.replace('1.2亿元', '1.2亿美元'));
    await writeFile(join(dir, 'lonely.facts.csv'), FACTS);
    // GB18030, as Excel saves "CSV" on Chinese Windows: 示例 = ca be c0 fd
    await writeFile(join(dir, 'gbk.subjects.csv'), Buffer.concat([Buffer.from('id,kind,name\nE1,enterprise,'), Buffer.from('cabec0fd', 'hex')]));
    await writeFile(join(dir, 'gbk.facts.csv'), 'subject,year,key,value\nE1,2023,onlineRetail,1');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['demo.subjects.csv', 'demo.facts.csv'])('given %s, finds its partner; paths name the file', async (name) => {
    const problems = problemsOf(await readFile(join(dir, name), known));
    expect(problems.map((p) => p.path)).toEqual(['demo.facts.csv!D2']);
  });

  it('a missing partner is a problem naming the expected path', async () => {
    const problems = problemsOf(await readFile(join(dir, 'lonely.facts.csv'), known));
    expect(problems).toEqual([
      { path: join(dir, 'lonely.subjects.csv'), message: 'missing: the subjects file of this CSV dataset was not found; a CSV dataset is NAME.subjects.csv and NAME.facts.csv side by side (or NAME.subjects.csv alone with indicator columns such as 网络零售额(2023))' },
    ]);
  });

  it('a CSV not named NAME.subjects.csv or NAME.facts.csv', async () => {
    const problems = problemsOf(await readFile(join(dir, 'data.csv'), known));
    expect(problems.map((p) => p.path)).toEqual([join(dir, 'data.csv')]);
    expect(problems[0]!.message).toMatch(/^a CSV dataset is two files side by side/);
  });

  it('reads a GB18030 file, with a warning', async () => {
    const r = datasetOf(await readFile(join(dir, 'gbk.facts.csv'), known));
    expect(r.dataset.subjects[0]!.name).toBe('示例');
    expect(r.warnings.map((w) => w.path)).toEqual([join(dir, 'gbk.subjects.csv'), join(dir, 'gbk.facts.csv')]);
  });

  it('an unknown extension, a missing file', async () => {
    expect(problemsOf(await readFile(join(dir, 'x.xls'), known))[0]!.message).toMatch(/save an \.xls workbook as \.xlsx/);
    expect(problemsOf(await readFile(join(dir, 'none.json'), known))[0]!.message).toMatch(/^cannot read the file: ENOENT/);
  });
});
