/**
 * A stored run is read back with the corpus it was decided with (issue 15 point 5): after a
 * publication renames one of its rules and changes that rule's title, the run's 公示 still names
 * the rule by its own title, its comparison still answers, and its 免申即享 awards are still put on
 * the review list — not refused as unknown-rule.
 */
import { describe, expect, it } from 'vitest';
import { applicationMode, CORPUS, LOADED } from '@duixian/corpus';
import { keepCorpusVersion, publishCorpusVersion } from '@duixian/store';
import { BACKENDS } from '../../store/test/backends.js';
import { datedPlatform } from './platform.js';

/** The corpus with `rule` renamed `renamed` everywhere and its title set to `title`. */
function renamed(rule: string, renamedId: string, title: string): Map<string, string> {
  const id = new RegExp(`${rule.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w.-])`, 'g');
  const files = new Map([...LOADED.files].map(([path, text]) => [path, text.replace(id, renamedId)]));
  const rules = `${rule.split('/')[0]}/rules.yaml`;
  const text = files.get(rules)!;
  const at = text.indexOf(`id: ${renamedId}`);
  const titleAt = text.indexOf('title: ', at);
  const lineEnd = text.indexOf('\n', titleAt);
  files.set(rules, `${text.slice(0, titleAt)}title: ${title}${text.slice(lineEnd)}`);
  return files;
}

describe.each(BACKENDS)('a stored run read with its own corpus on $name', (backend) => {
  let today = '2024-01-10';
  const p = datedPlatform(backend, () => today);

  it('after a publication renames its rule, the run\'s 公示, comparison and 免申即享 list still read the run\'s own rule', async () => {
    const made = await p.as('sd-admin')('POST', '/api/runs', { year: 2023 });
    expect(made.statusCode).toBe(201);
    const run = made.json().id as string;
    const awards = (await p.as('sd-admin')('GET', `/api/runs/${run}/awards?pageSize=500`)).json().items as { rule: string; subject: string; type: string }[];
    const award = awards.find((a) => a.type === 'money' && applicationMode(LOADED.corpus.rules.find((r) => r.id === a.rule)!) === 'automatic')!;
    expect(award).toBeDefined();
    const own = LOADED.corpus.rules.find((r) => r.id === award.rule)!;

    const files = renamed(own.id, `${own.id}x`, '改名后的标题');
    const { corpusFromFiles } = await import('@duixian/corpus');
    const next = corpusFromFiles(files);
    const { hash } = await keepCorpusVersion(p.store, { files, version: next.corpus.version, state: 'draft', by: 'sd-admin' });
    await publishCorpusVersion(p.store, hash, { effective: '2024-01-11', reason: '条款改名', by: 'sd-admin' });
    today = '2024-01-11';

    const csv = await p.as('sd-admin')('GET', `/api/runs/${run}/awards?format=csv&rule=${encodeURIComponent(own.id)}`);
    expect(CORPUS.rules.some((r) => r.id === own.id)).toBe(false); // the publication is in force: the rule is gone from it
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(own.title);
    expect(csv.body).not.toContain('改名后的标题');
    const byDocument = (await p.as('sd-admin')('GET', `/api/runs/${run}/awards?document=${own.document}&rule=${encodeURIComponent(own.id)}`)).json();
    expect(byDocument.total).toBe(awards.filter((a) => a.rule === own.id).length);

    expect((await p.as('sd-admin')('GET', `/api/runs/${run}/compare/${run}`)).statusCode).toBe(200);

    const listed = await p.as('sd-admin')('POST', `/api/runs/${run}/enlist`);
    expect(listed.statusCode, listed.body).toBeLessThan(300);
    const stored = await p.store.db.selectFrom('applications').select(['rule', 'subject_id']).where('rule', '=', own.id).execute();
    expect(stored.map((a) => a.subject_id)).toContain(award.subject);

    // its review: the rule is not in the corpus in force any more — shown as a change in the detail, and
    // an approval under the corpus in force is refused naming the rule (a reviewer may refuse it), not a 500
    const { id } = await p.store.db.selectFrom('applications').select('id').where('rule', '=', own.id).where('subject_id', '=', award.subject).executeTakeFirstOrThrow();
    const detail = await p.as('sd-admin')('GET', `/api/applications/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect((detail.json().changes as { code: string }[]).map((c) => c.code)).toEqual(['rule-withdrawn']);
    const { region } = await p.store.db.selectFrom('subjects').select('region').where('id', '=', award.subject).executeTakeFirstOrThrow();
    const reviewer = region === '370811' ? 'rencheng-admin' : 'yanzhou-admin';
    const approve = await p.as(reviewer)('POST', `/api/applications/${id}/actions`, { action: 'approve', version: detail.json().version });
    expect([approve.statusCode, approve.json().error.code], approve.body).toEqual([422, 'unknown-rule']);
    expect((await p.as('sd-admin')('GET', `/api/applications/${id}`)).json().state).toBe(detail.json().state);
  }, 240_000);
});
