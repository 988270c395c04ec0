/**
 * The corpora of the platform (issue 15): the one this process was started with, kept in the
 * store as a `built-in` version at start; the one runs use today (the province's latest
 * publication in force, else the process's own); and any kept version read again by its hash, so
 * that a stored run is decided again with its own law. Read versions are held, each read once.
 *
 * The corpus in force is also the one every page reads (the 政策库, the 政策计算器, applications,
 * tasks, targets, budgets): `adopt` makes it @duixian/corpus's corpus in use (`useCorpus`), at start
 * and again when a publication comes into force while the server runs. Each request first calls
 * `ensure`, which looks in the store only when the day changed, a minute passed or this server
 * published, so the 政策计算器 pays a date and a comparison per request, not a query.
 */
import { corpusFromFiles, IN_USE, useCorpus, type LoadedCorpus } from '@duixian/corpus';
import { corpusInForce, corpusVersionFiles, keepCorpusVersion, type Store } from '@duixian/store';

export interface CorpusAt {
  /** corpus_versions.hash: the SHA-256 of its files */
  readonly hash: string;
  readonly loaded: LoadedCorpus;
}

/** How long a server goes on with the corpus it looked up before looking again. */
const RECHECK_MS = 60_000;

export class PlatformCorpus {
  private own: CorpusAt | undefined;
  private readonly read = new Map<string, Promise<LoadedCorpus | undefined>>();
  /** the corpus this server's pages read, and when (its day, its clock) it was last looked up */
  private current: CorpusAt | undefined;
  private checked: { readonly day: string; readonly at: number } | undefined;
  private adopting: Promise<CorpusAt> | undefined;

  constructor(
    private readonly store: Store,
    private readonly started: LoadedCorpus,
    private readonly today: () => string,
    /** told of the corpus adopted, at start and at every switch */
    private readonly adopted: (at: CorpusAt) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Keep the process's own corpus (once: a version already kept is only looked up). */
  async start(): Promise<void> {
    const { hash } = await keepCorpusVersion(this.store, { files: this.started.files, version: this.started.corpus.version, state: 'built-in', by: 'system' });
    this.own = { hash, loaded: this.started };
    this.read.set(hash, Promise.resolve(this.started));
    await this.adopt();
  }

  /** Make the corpus in force today the one every page reads. */
  adopt(): Promise<CorpusAt> {
    this.adopting ??= this.inForce().then((law) => {
      this.checked = { day: this.today(), at: this.now() };
      if (law.hash !== this.current?.hash) this.adopted(law);
      this.current = law;
      useCorpus(law.loaded);
      return law;
    }).finally(() => (this.adopting = undefined));
    return this.adopting;
  }

  /**
   * Before a request: the corpus in force, looked up again when the day changed, a minute passed
   * (another server may have published) or `recheck` was called. Otherwise this server's corpus is
   * made the one in use again: a second server in the same process (tests) may have adopted another.
   */
  async ensure(): Promise<void> {
    const c = this.checked;
    if (!this.current || !c || c.day !== this.today() || this.now() - c.at >= RECHECK_MS) await this.adopt();
    else useCorpus(this.current.loaded);
  }

  /** The corpus in force this server's pages read; undefined until start() adopted one. */
  get inUse(): CorpusAt | undefined {
    return this.current;
  }

  /** A publication was made: the next request looks the corpus in force up again. */
  recheck(): void {
    this.checked = undefined;
  }

  /** The corpus runs use today. */
  async inForce(): Promise<CorpusAt> {
    if (!this.own) throw new Error('PlatformCorpus.start() first');
    const published = await corpusInForce(this.store, this.today());
    if (!published || published.hash === this.own.hash) return this.own;
    return { hash: published.hash, loaded: (await this.version(published.hash))! };
  }

  /**
   * The corpus a stored run was decided with (runs.corpus_hash); for a run kept before versions were
   * (no hash), the corpus in use.
   */
  async ofRun(hash: string | null): Promise<LoadedCorpus> {
    if (hash === null) return IN_USE;
    const loaded = await this.version(hash);
    if (!loaded) throw new Error(`corpus version ${hash} of a stored run is not kept`);
    return loaded;
  }

  /** A kept version, read from its files; undefined when none is kept under that hash. */
  version(hash: string): Promise<LoadedCorpus | undefined> {
    let loaded = this.read.get(hash);
    if (!loaded) {
      loaded = corpusVersionFiles(this.store, hash).then((files) => files && corpusFromFiles(files));
      loaded.catch(() => this.read.delete(hash)); // a failed read is tried again next time
      this.read.set(hash, loaded);
    }
    return loaded;
  }
}
