import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from '@duixian/interchange';
import { example, known } from './fixtures.js';

describe('readFile with JSON', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duixian-json-'));
    await writeFile(join(dir, 'ok.json'), `\uFEFF${JSON.stringify(example(), null, 2)}`);
    await writeFile(join(dir, 'broken.JSON'), '{\n  "format": "duixian/v1"\n  "year": 2023\n}');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a JSON file (UTF-8 with BOM)', async () => {
    const r = await readFile(join(dir, 'ok.json'), known, { year: 2022 });
    expect(r.ok && r.dataset.year).toBe(2022);
    expect(r.ok && r.dataset.facts[0]!.value).toBe(12_000_000_000);
  });

  it('a syntax error names the file, line and column', async () => {
    const r = await readFile(join(dir, 'broken.JSON'), known);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      { path: join(dir, 'broken.JSON'), message: expect.stringMatching(/^not valid JSON: .* \(line 3, column 3\)$/) },
    ]);
  });
});
