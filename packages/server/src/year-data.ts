/**
 * The year's data as the engine sees it, loaded once from the store and kept while no import
 * changes it, nor any change of the white and black lists (the credit blacklist tags subjects as
 * the year is loaded): the version is the newest import's id and the newest list event's, so
 * that matching a stored enterprise, the targets, the monitoring report and evaluation runs answer
 * without reloading a million subjects each time. Concurrent requests for the same year share one
 * load. For reads that may be a little old (matching, targets) the version is read again once a
 * second, in the background: requests go on with the version known until the new one is in, so no
 * matching request waits for the database (a slow version read — a lock on imports, a busy
 * database — used to hold every request of that moment behind it). A run asks for the
 * version as it is now (`current`), so it never evaluates stale data. An import or list change
 * through this server invalidates at once: the next request waits for the new version; one through
 * another server process over the same database is seen within a second (a run: at once).
 */
import { sql } from 'kysely';
import { columnar, isColumnar, isRegionKind, rowsOf, Run, type AnyDataset, type ColumnarDataset, type Dataset, type Subject } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { loadWithDigest, type Store } from '@duixian/store';
import type { YearLoader } from './year-load.js';

export interface YearView {
  /** subjects and facts as columns: a held million enterprises are few objects for the collector to trace */
  readonly dataset: ColumnarDataset;
  /**
   * The year's regions (country, province, cities, counties) with their facts and nothing else:
   * what the targets and the monitoring report read. Made on first use; a million enterprises'
   * facts are not scanned again for every request (it took 4 s a report at 1M).
   */
  readonly regions: Dataset;
  /** SHA-256 of the data as the database sent it: what a run's input hash is made of */
  readonly digest: string;
  /** the year evaluated with the corpus in force and the year's stored readings (made on first use, and again for another corpus) */
  readonly run: Run;
  /** the stored subject of this id (an object made for the asking) */
  subject(id: string): Subject | undefined;
}

const KEEP = 2; // years held at once
const VERSION_TTL_MS = 1000;

/** The held form of a year read from the store (a Dataset of objects is turned into columns). */
export function yearView(data: AnyDataset, digest: string): YearView {
  const dataset = isColumnar(data) ? data : columnar(data);
  let run: Run | undefined;
  let regions: Dataset | undefined;
  return {
    dataset, digest,
    subject(id) {
      const i = dataset.subjects.indexOf(id);
      return i === undefined ? undefined : dataset.subjects.at(i);
    },
    get run() {
      if (run?.corpus !== CORPUS) run = new Run(CORPUS, dataset);
      return run;
    },
    get regions() {
      return (regions ??= regionsOf(dataset));
    },
  };
}

/** The dataset's region subjects with their facts, parameters and history: a dataset of its own. */
export function regionsOf(dataset: ColumnarDataset): Dataset {
  return rowsOf(dataset, (i) => isRegionKind(dataset.subjects.kind(i)));
}

/**
 * The newest import's id, list event's and rows_version ('12:3:40'). rows_version moves with every
 * statement writing subjects, tags or facts (migration 008), whoever makes it: another server
 * process, a correction by SQL. The version is the database's, so a process never trusts its memory.
 */
export type VersionReader = () => Promise<string>;

const readVersion = (store: Store): VersionReader => () =>
  sql<{ v: string }>`select coalesce((select max(id) from imports), 0)::text || ':' || coalesce((select max(id) from list_events), 0)::text
    || ':' || coalesce((select version from rows_version where id = 1), 0)::text as v`
    .execute(store.db).then((r) => r.rows[0]!.v);

export class YearData {
  private readonly cache = new Map<string, Promise<YearView>>();
  /** the version last read, and when; a read in flight */
  private known: { value: string; at: number } | undefined;
  private reading: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly version: VersionReader = readVersion(store),
    private readonly now: () => number = Date.now,
    /** how a year is read (year-load.ts: in a worker on PostgreSQL) */
    private readonly load: YearLoader = (year, onChunk) => loadWithDigest(store, year, onChunk),
  ) {}

  /** Forget the version read: the next request waits for it to be read again (after an import, or a change of a list). */
  invalidate(): void {
    this.known = undefined;
    this.reading = undefined;
  }

  /** The year at the version last read (read again in the background once it is a second old). */
  async get(year: number): Promise<YearView> {
    return this.at(year, await this.recentVersion());
  }

  /**
   * The year as the database holds it now (for runs: what they record must be what is stored);
   * `onChunk` hears how far the read is when this call is the one that reads.
   */
  async current(year: number, onChunk?: (done: number, total: number) => void): Promise<YearView> {
    this.invalidate();
    return this.at(year, await this.recentVersion(), onChunk);
  }

  private at(year: number, version: string, onChunk?: (done: number, total: number) => void): Promise<YearView> {
    const key = `${year}|${version}`;
    let held = this.cache.get(key);
    if (!held) {
      for (const k of this.cache.keys()) if (k.startsWith(`${year}|`) || this.cache.size >= KEEP) this.cache.delete(k);
      held = this.load(year, onChunk).then(({ dataset, digest }) => yearView(dataset, digest));
      held.catch(() => this.cache.delete(key));
      this.cache.set(key, held);
    }
    return held;
  }

  /**
   * The version known, if read less than a second ago; if older, the same while a new read goes
   * on; if none is known, the read (concurrent requests share it). A failed read is forgotten:
   * the next request tries again, and until then the version known stands.
   */
  private recentVersion(): Promise<string> {
    const known = this.known;
    const stale = !known || this.now() - known.at >= VERSION_TTL_MS;
    if (stale && !this.reading) {
      const reading = this.version();
      this.reading = reading;
      reading.then(
        (value) => { if (this.reading === reading) [this.known, this.reading] = [{ value, at: this.now() }, undefined]; },
        () => { if (this.reading === reading) this.reading = undefined; },
      );
    }
    return known ? Promise.resolve(known.value) : this.reading!;
  }
}
