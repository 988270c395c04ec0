/**
 * One process at a time in a PGlite data directory. PGlite is PostgreSQL in one process's memory
 * with no server in between, so two processes writing the same files would corrupt them: a second
 * `duixian import` waits for the first. The lock is a file holding the owner's pid; a lock whose
 * process is gone (killed with SIGKILL, say) is stale and taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const owner = (path: string): number | undefined => {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/** Take the lock file at `path`, waiting up to `timeoutMs` for a live owner; returns the release. */
export async function lockFile(path: string, timeoutMs = 120_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      // Two takers of one stale lock could both unlink and create; the later file wins, and the
      // earlier taker sees that here and goes back to waiting.
      await sleep(20);
      if (owner(path) === process.pid) return () => release(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = owner(path);
      if (pid === undefined || !alive(pid)) {
        // stale (or being written this instant: then the owner re-checks and we meet again)
        if (pid !== undefined) tryUnlink(path);
        else await sleep(20).then(() => owner(path) === undefined && tryUnlink(path));
        continue;
      }
    }
    if (Date.now() > deadline) throw new Error(`the data directory is in use by process ${owner(path) ?? '?'} (lock ${path}); try again when it has finished`);
    await sleep(wait);
  }
}

function release(path: string): void {
  if (owner(path) === process.pid) tryUnlink(path);
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // gone already
  }
}
