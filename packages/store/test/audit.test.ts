/** The hash-chained audit log (issue 3 point 9): every write recorded; tampering found by verify. */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from '@duixian/corpus';
import { createRun, openStore, promoteRun, verifyAudit, type Store } from '@duixian/store';
import { example } from '../../interchange/test/fixtures.js';
import { BACKENDS, storesFor } from './backends.js';

describe.each(BACKENDS)('audit log on $name', (backend) => {
  const stores = storesFor(backend);
  const withHistory = async (): Promise<Store> => {
    const store = await stores.withExample('张三');
    const sim = await createRun(store, CORPUS, { year: 2023, by: '李四', changes: [{ rule: 'sd-2022-42/2.traffic', key: 'pay', value: '3元' }] });
    await promoteRun(store, sim.id, '王五', '局务会同意');
    return store;
  };

  it('records every write, who and what, in a chain that verifies', async () => {
    const store = await withHistory();
    const entries = await store.db.selectFrom('audit_log').select(['actor', 'action']).orderBy('seq').execute();
    expect(entries).toEqual([{ actor: '张三', action: 'import' }, { actor: '李四', action: 'run.create' }, { actor: '王五', action: 'run.promote' }]);
    expect(await verifyAudit(store)).toEqual({ ok: true, entries: 3 });
  });

  it('refuses changes; an entry edited behind the trigger, or removed, is found by verify', async () => {
    const store = await withHistory();
    await expect(sql`update audit_log set actor = '赵六' where seq = 2`.execute(store.db)).rejects.toThrow(/immutable/);
    // someone with the rights to disable the trigger edits the second entry
    await sql`alter table audit_log disable trigger audit_log_immutable`.execute(store.db);
    await sql`update audit_log set actor = '赵六' where seq = 2`.execute(store.db);
    expect(await verifyAudit(store)).toMatchObject({ ok: false, seq: '2', problem: expect.stringMatching(/does not match its hash/) });
    await sql`update audit_log set actor = '李四' where seq = 2`.execute(store.db);
    expect((await verifyAudit(store)).ok).toBe(true);
    await sql`delete from audit_log where seq = 2`.execute(store.db);
    expect(await verifyAudit(store)).toMatchObject({ ok: false, seq: '3', problem: expect.stringMatching(/does not link/) });
  });
});

describe('duixian audit verify', () => {
  it('exit 0 on an intact chain, 1 naming the entry after tampering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duixian-audit-'));
    const file = join(dir, 'data.json');
    writeFileSync(file, JSON.stringify(example()));
    const bin = new URL('../../cli/bin/duixian.js', import.meta.url).pathname;
    const env: NodeJS.ProcessEnv = { ...process.env, DUIXIAN_DATA_DIR: join(dir, 'data') };
    delete env.DATABASE_URL;
    const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env });
    expect(cli('import', file, '--by', '张三').status).toBe(0);
    const ok = cli('audit', 'verify');
    expect([ok.status, ok.stdout.trim()]).toEqual([0, 'audit log: 1 entries, hash chain intact']);
    const store = await openStore({ dataDir: join(dir, 'data') });
    await sql`alter table audit_log disable trigger audit_log_immutable`.execute(store.db);
    await sql`update audit_log set after = '{"counts":"forged"}'::jsonb where seq = 1`.execute(store.db);
    await store.close();
    const bad = cli('audit', 'verify');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('entry 1 of 1: its content does not match its hash');
  });
});
