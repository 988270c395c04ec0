/**
 * A process killed with SIGKILL in the middle of an import leaves no partial data: a child
 * process commits a small import, starts one of 50,000 facts and is killed once the first batches
 * are written inside the transaction; the same database, opened again, holds the small import only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, openStore } from '@duixian/store';
import { BACKENDS, count, dropSchema, type Place } from './backends.js';

const CHILD = new URL('./kill-child.js', import.meta.url).pathname;

/** Run the child until it has written `killAfter` progress lines, then SIGKILL it. */
function runAndKill(place: Place, facts: number, killAfter = 2): Promise<{ lines: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify(place), String(facts)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let buffer = '';
    let progress = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('progress') && ++progress === killAfter) child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ lines, signal, stderr }));
  });
}

describe.each(BACKENDS)('SIGKILL during an import, on $name', (backend) => {
  it('leaves no partial data', async () => {
    let place: Place;
    if (backend.name === 'pglite') place = { dataDir: join(mkdtempSync(join(tmpdir(), 'duixian-kill-')), 'data') };
    else {
      const f = await backend.fresh(); // creates and migrates the schema; the child opens the same
      place = f.place;
      await f.store.close();
    }
    try {
      const run = await runAndKill(place, 50_000);
      expect(run.stderr).toBe('');
      expect(run.signal).toBe('SIGKILL');
      expect(run.lines.slice(0, 3)).toEqual(['committed', 'started', 'progress 2000']);
      expect(run.lines).not.toContain('finished'); // killed mid-way, not after

      const store = await openStore(place);
      try {
        expect(await count(store, 'subjects')).toBe(1);
        expect(await count(store, 'facts')).toBe(1);
        expect(await count(store, 'imports')).toBe(1);
        expect(await count(store, 'subject_tags')).toBe(0);
        const ds = await loadDataset(store, 2023);
        expect(ds.facts.map((f) => [f.subject, f.value])).toEqual([['S1', 100]]);
      } finally {
        await store.close();
      }
    } finally {
      if ('url' in place) await dropSchema(place.url, place.schema);
    }
  });
});
