/**
 * The year's data as the engine sees it, loaded once from the store and kept while no import
 * changes it (the newest import's id is the version), so that matching a stored enterprise, the
 * targets and the monitoring report answer without reloading a million subjects each time.
 * Concurrent requests for the same year share one load.
 */
import { Run, type Dataset } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { loadDataset, type Store } from '@duixian/store';

export interface YearView {
  readonly dataset: Dataset;
  /** the year evaluated with the corpus and the year's stored readings */
  readonly run: Run;
}

const KEEP = 2; // years held at once

export class YearData {
  private readonly cache = new Map<string, Promise<YearView>>();

  constructor(private readonly store: Store) {}

  async get(year: number): Promise<YearView> {
    const last = await this.store.db.selectFrom('imports').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    const key = `${year}|${String(last?.id ?? 0)}`;
    let view = this.cache.get(key);
    if (!view) {
      for (const k of this.cache.keys()) if (k.startsWith(`${year}|`) || this.cache.size >= KEEP) this.cache.delete(k);
      view = loadDataset(this.store, year).then((dataset) => ({ dataset, run: new Run(CORPUS, dataset) }));
      view.catch(() => this.cache.delete(key));
      this.cache.set(key, view);
    }
    return view;
  }
}
