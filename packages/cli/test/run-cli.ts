/** Run the built `duixian` command as a user would: a child process, its exit code and both streams. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usccCheckChar } from '@duixian/engine';
import { main } from '../src/main.js';

const BIN = new URL('../bin/duixian.js', import.meta.url).pathname;

export function duixian(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run `duixian` in this process (the commands from source, no build needed): its exit code and both streams. */
export async function duixianInProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => { stdout += s; return true; } }, stderr: { write: (s: string) => { stderr += s; return true; } } };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export const tmp = (): string => mkdtempSync(join(tmpdir(), 'duixian-'));

export function uscc(first17: string): string {
  return first17 + usccCheckChar(first17);
}

/** The interchange format's own example (shared/spec/interchange-format.md), with a valid USCC. */
export { example } from '../../interchange/test/fixtures.js';

export function writeJson(dir: string, name: string, data: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data, null, 1));
  return p;
}
