/**
 * Request ids (issue 18, operations): every response carries x-request-id — the caller's when it
 * is sane (at most 128 letters, digits and . _ : -), else one the server makes — and every audit
 * entry written while answering the request carries the same id, inside the hash chain.
 * Against PGlite, and PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { appendAudit, verifyAudit } from '@duixian/store';
import { BACKENDS } from '../../store/test/backends.js';
import { platform, type Platform } from './platform.js';

// On PostgreSQL an upload is read and imported by the built worker (dist): build it if it is stale.
beforeAll(() => {
  spawnSync('npx', ['tsc', '-b', 'packages/server'], { cwd: new URL('../../..', import.meta.url), stdio: 'inherit' });
}, 300_000);

describe.each(BACKENDS)('request ids ($name)', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend);
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  const lastAudit = () => p.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

  it('a write sent with x-request-id: test-123 answers with it, and its audit entry has it', async () => {
    const r = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023 }, { 'x-request-id': 'test-123' });
    expect(r.statusCode).toBe(201);
    expect(r.headers['x-request-id']).toBe('test-123');
    const entry = await lastAudit();
    expect(entry.action).toBe('run.create');
    expect(entry.entity).toBe(`runs/${r.json().id}`);
    expect(entry.request_id).toBe('test-123');
  });

  it('an unsafe or overlong id is replaced by one of the server\'s, which the audit entry has', async () => {
    for (const sent of ['a b', 'x'.repeat(129), 'id\u2028', '<script>']) {
      const r = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023 }, { 'x-request-id': sent });
      expect(r.statusCode).toBe(201);
      const id = r.headers['x-request-id'];
      expect(id).not.toBe(sent);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await lastAudit()).request_id).toBe(id);
    }
  });

  it('a read answers with a fresh id each time when none is sent', async () => {
    const a = await p.as('sd-admin').req('GET', '/api/runs');
    const b = await p.as('sd-admin').req('GET', '/api/runs');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id']);
  });

  it('an uploaded CSV pair (on PostgreSQL imported in a worker thread) has its import audited with the id', async () => {
    const boundary = 'operations-request-id';
    const file = (field: string, text: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${field}.csv"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n`;
    const body = file('subjects', '编号,类型,名称,区划代码\nRID1,enterprise,请求编号测试电商有限公司,370811\n')
      + file('facts', '主体编号,年度,指标,值\nRID1,2023,physicalGoodsOnlineRetail,1000000\n') + `--${boundary}--\r\n`;
    const r = await p.as('sd-admin').req('POST', '/api/imports?reason=request-id', Buffer.from(body), { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-request-id': 'upload-7' });
    expect(r.statusCode).toBe(200);
    expect(r.json().subjects.added).toBe(1);
    const entry = await lastAudit();
    expect([entry.action, entry.entity, entry.request_id]).toEqual(['import', `imports/${r.json().importId}`, 'upload-7']);
  });

  it('the chain verifies with entries with and without ids; a changed id breaks it', async () => {
    // an entry written outside any request (the CLI, a migration's era): no id, hashed as before
    await p.store.db.transaction().execute((tx) => appendAudit(tx, { actor: 'cli', action: 'test.note', entity: 'notes/1', after: { n: 1 } }));
    expect((await lastAudit()).request_id).toBeNull();
    expect(await verifyAudit(p.store)).toMatchObject({ ok: true });
    const withId = await p.store.db.selectFrom('audit_log').select('seq').where('request_id', '=', 'test-123').executeTakeFirstOrThrow();
    // changed behind the immutability trigger's back, as audit.test.ts tampers
    await sql`alter table audit_log disable trigger audit_log_immutable`.execute(p.store.db);
    try {
      await p.store.db.updateTable('audit_log').set({ request_id: 'test-124' }).where('seq', '=', withId.seq).execute();
      expect(await verifyAudit(p.store)).toMatchObject({ ok: false, seq: String(withId.seq) });
      await p.store.db.updateTable('audit_log').set({ request_id: 'test-123' }).where('seq', '=', withId.seq).execute();
      expect(await verifyAudit(p.store)).toMatchObject({ ok: true });
    } finally {
      await sql`alter table audit_log enable trigger audit_log_immutable`.execute(p.store.db);
    }
  });
});
