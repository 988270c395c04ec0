/**
 * The database a command works on: DATABASE_URL, else the embedded one in DUIXIAN_DATA_DIR
 * (default ./data). The store is loaded only when a command needs it, so that the database
 * drivers (PGlite's WASM, pg) cost the other commands nothing. A database that cannot be opened
 * is said plainly, with the setting to check, and the command fails (exit 1).
 */
import type { Store } from '@duixian/store';
import type { Streams } from './io.js';

export async function openDatabase(io: Streams): Promise<Store | undefined> {
  const { openStore, storeOptionsFromEnv } = await import('@duixian/store');
  const opts = storeOptionsFromEnv();
  try {
    return await openStore(opts);
  } catch (e) {
    io.stderr.write(`cannot open the database (${opts.url ? 'DATABASE_URL' : `DUIXIAN_DATA_DIR ${opts.dataDir}`}): ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
}
