/** duixian audit verify: recompute the audit log's hash chain; exit 1 naming the first entry that fails. */
import { BadInput, EXIT, type Streams } from '../io.js';
import type { Args } from '../main.js';
import { openDatabase } from '../database.js';

export async function auditCommand(a: Args, io: Streams): Promise<number> {
  if (a.positionals[1] !== 'verify') throw new BadInput([{ path: 'audit', message: 'usage: duixian audit verify' }]);
  const store = await openDatabase(io);
  if (!store) return EXIT.failed;
  const { verifyAudit } = await import('@duixian/store');
  try {
    const r = await verifyAudit(store);
    if (r.ok) {
      io.stdout.write(`audit log: ${r.entries} entries, hash chain intact\n`);
      return EXIT.ok;
    }
    io.stderr.write(`audit log: entry ${r.seq} of ${r.entries}: ${r.problem}; the log has been tampered with from there on\n`);
    return EXIT.failed;
  } finally {
    await store.close();
  }
}
