/**
 * The year's data as the engine sees it, loaded once from the store and kept while no import
 * changes it (the newest import's id is the version), so that matching a stored enterprise, the
 * targets and the monitoring report answer without reloading a million subjects each time.
 * Concurrent requests for the same year share one load. The version is read at most once a
 * second: an import through this server invalidates at once, one by another process (duixian
 * import) is seen within a second.
 */
import { Run, type Dataset, type Subject } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { loadDataset, type Store } from '@duixian/store';

export interface YearView {
  readonly dataset: Dataset;
  /** the year evaluated with the corpus and the year's stored readings */
  readonly run: Run;
  readonly subjects: ReadonlyMap<string, Subject>;
}

const KEEP = 2; // years held at once
const VERSION_TTL_MS = 1000;

export class YearData {
  private readonly cache = new Map<string, Promise<YearView>>();
  private version: { value: Promise<string>; at: number } | undefined;

  constructor(private readonly store: Store) {}

  /** Forget the version read: the next request reads it again (after an import). */
  invalidate(): void {
    this.version = undefined;
  }

  async get(year: number): Promise<YearView> {
    const key = `${year}|${await this.currentVersion()}`;
    let view = this.cache.get(key);
    if (!view) {
      for (const k of this.cache.keys()) if (k.startsWith(`${year}|`) || this.cache.size >= KEEP) this.cache.delete(k);
      view = loadDataset(this.store, year).then((dataset) => ({
        dataset, run: new Run(CORPUS, dataset), subjects: new Map(dataset.subjects.map((s) => [s.id, s])),
      }));
      view.catch(() => this.cache.delete(key));
      this.cache.set(key, view);
    }
    return view;
  }

  /** The newest import's id, read at most once a second; concurrent requests share one read. */
  private currentVersion(): Promise<string> {
    if (this.version && Date.now() - this.version.at < VERSION_TTL_MS) return this.version.value;
    const value = this.store.db.selectFrom('imports').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst()
      .then((last) => String(last?.id ?? 0));
    const version = { value, at: Date.now() };
    this.version = version;
    value.catch(() => { if (this.version === version) this.version = undefined; });
    return value;
  }
}
