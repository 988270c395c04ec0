/** `duixian import FILE` end to end, as a user runs it: the built command on a PGlite data directory. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '@duixian/store';
import { example } from '../../interchange/test/fixtures.js';
import { count, snapshot } from './backends.js';

const BIN = new URL('../../cli/bin/duixian.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'duixian-cli-import-'));
const dataDir = join(dir, 'data');

function duixian(...args: string[]): { code: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DUIXIAN_DATA_DIR: dataDir };
  delete env.DATABASE_URL; // this test is about the embedded database
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The command started without waiting, so that two can run at once. */
function duixianAsync(data: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DUIXIAN_DATA_DIR: data };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const write = (name: string, data: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
};

// the interchange spec's example: its rule ids are the corpus's, so the real command accepts it
describe('duixian import', () => {
  it('imports, then finds nothing to do the second time, then records a revision with --by and --reason', async () => {
    const file = write('ok.json', example());
    const first = duixian('import', file, '--by', '李四', '--reason', '首次导入');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('imported (import 1)');
    expect(first.stdout).toContain('事实 facts:                  4 added, 0 revised, 0 unchanged');
    expect(first.stdout).toMatch(/年度快照 year snapshot: +2023 kept for runs \(\d+\.\d s\)/);

    const again = duixian('import', file);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing changed');
    expect(again.stdout).toContain('0 added, 0 revised, 4 unchanged');
    expect(again.stdout).not.toContain('年度快照'); // nothing imported, nothing to read

    const changed = example();
    changed.facts[0].value = '1.3亿元';
    const third = duixian('import', write('changed.json', changed), '--by', '王五', '--reason', '统计局更正');
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('0 added, 1 revised, 3 unchanged');

    const store = await openStore({ dataDir });
    try {
      const revs = await store.db.selectFrom('fact_revisions').selectAll().execute();
      expect(revs.map((r) => [Number(r.old_value), Number(r.new_value), r.changed_by, r.reason])).toEqual([[12_000_000_000, 13_000_000_000, '王五', '统计局更正']]);
      expect(await count(store, 'facts')).toBe(4);
      // kept after the third import, at the version its writes left: the next run reads it, not the rows
      const version = (await store.db.selectFrom('rows_version').select('version').executeTakeFirstOrThrow()).version;
      expect((await store.db.selectFrom('year_snapshots').select(['year', 'version']).distinct().execute()).map((r) => [r.year, String(r.version)])).toEqual([[2023, String(version)]]);
    } finally {
      await store.close();
    }
  });

  it('bad input: exit 2, nothing on stdout, one line per problem on stderr, nothing written', async () => {
    const before = await withStore(snapshot);
    const bad = example();
    bad.facts[0].value = '很多';
    bad.subjects[4].kind = 'company';
    const r = duixian('import', write('bad.json', bad));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toContain('facts[0].value');

    // the corpus's own input checks apply too (齐鲁电商贷 单户贷款额度为10万元至1000万元)
    const loan = example();
    loan.facts.push({ subject: 'E1', year: 2023, key: 'loanAmount', value: '2000万元' });
    const l = duixian('import', write('loan.json', loan));
    expect(l.code).toBe(2);
    expect(l.stdout).toBe('');
    expect(l.stderr).toContain('facts[4].value');
    expect(await withStore(snapshot)).toEqual(before);
  });
});

describe('two `duixian import` processes at once on one data directory', () => {
  it('take turns (a lock file) and give one result: one imports, the other finds nothing to do', async () => {
    const data = join(dir, 'shared-data');
    const file = write('same.json', example());
    const runs = await Promise.all([duixianAsync(data, 'import', file), duixianAsync(data, 'import', file)]);
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(runs.map((r) => r.stdout.includes('nothing changed')).sort()).toEqual([false, true]);
    expect(await withStore((s) => count(s, 'facts'), data)).toBe(4);
    expect(await withStore((s) => count(s, 'imports'), data)).toBe(1);
  });
});

async function withStore<T>(f: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>, at = dataDir): Promise<T> {
  const store = await openStore({ dataDir: at });
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}
