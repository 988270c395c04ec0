/**
 * 数据: a CSV pair chosen together goes to the server as multipart/form-data files (issue 17), is
 * checked (nothing written), then imported; a facts file without its subjects file is refused on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './app';

let world: World;

beforeAll(async () => {
  world = await startWorld({
    subjects: [{ id: 'RC1', kind: 'enterprise', name: '任城示例电商有限公司', region: '370811', tags: ['inStatsLibrary'] }],
    accounts: [['sd-admin', 'province-admin', { region: '370000' }]],
  });
}, 120_000);
afterAll(async () => world?.close());

/** `n` enterprises of 任城区 (CSVnnn), a fact each. */
function pair(n: number): { subjects: string; facts: string } {
  const ids = Array.from({ length: n }, (_, k) => `CSV${String(k).padStart(3, '0')}`);
  return {
    subjects: ['编号,类型,名称,区划代码', ...ids.map((id, k) => `${id},enterprise,流式导入示例${k}电商有限公司,370811`)].join('\n'),
    facts: ['主体编号,年度,指标,值', ...ids.map((id, k) => `${id},2023,网络零售额,${100 + k}万元`)].join('\n'),
  };
}
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

describe('数据: the CSV pair as files', () => {
  it('chosen together, in any order: checked, then imported whole', async () => {
    const p = await world.signedIn('sd-admin');
    await p.getByRole('menuitem', { name: '数据' }).click();
    const { subjects, facts } = pair(30);
    await p.locator('input[type=file]').setInputFiles([csv('四季度.facts.csv', facts), csv('四季度.subjects.csv', subjects)]);
    await p.getByTestId('import-checked').waitFor();
    expect(await p.getByTestId('import-checked').textContent()).toMatch(/检查通过，尚未写入：2023 年度，主体 30 个/);
    expect(await world.store.db.selectFrom('subjects').select('id').where('id', 'like', 'CSV%').execute()).toEqual([]);
    await p.getByLabel('导入原因').fill('四季度统计数据');
    await p.getByTestId('commit-import').click();
    await p.getByTestId('import-done').waitFor();
    expect((await world.store.db.selectFrom('subjects').select('id').where('id', 'like', 'CSV%').execute()).length).toBe(30);
    const log = await world.store.db.selectFrom('imports').select(['name', 'reason']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log).toEqual({ name: '四季度', reason: '四季度统计数据' });
  });

  it('a facts file alone is refused on the page, naming what is missing', async () => {
    const p = await world.signedIn('sd-admin');
    await p.getByRole('menuitem', { name: '数据' }).click();
    await p.locator('input[type=file]').setInputFiles([csv('x.facts.csv', pair(1).facts)]);
    await p.getByText('CSV 需选择 subjects 文件（以及 facts 文件；主体文件带指标列时可只选 subjects）').waitFor();
  });
});
