/**
 * The corpora of the platform (issue 15): the one this process was started with, kept in the
 * store as a `built-in` version at start; the one runs use today (the province's latest
 * publication in force, else the process's own); and any kept version read again by its hash, so
 * that a stored run is decided again with its own law. Read versions are held, each read once.
 */
import { corpusFromFiles, type LoadedCorpus } from '@duixian/corpus';
import { corpusInForce, corpusVersionFiles, keepCorpusVersion, type Store } from '@duixian/store';

export interface CorpusAt {
  /** corpus_versions.hash: the SHA-256 of its files */
  readonly hash: string;
  readonly loaded: LoadedCorpus;
}

export class PlatformCorpus {
  private own: CorpusAt | undefined;
  private readonly read = new Map<string, Promise<LoadedCorpus | undefined>>();

  constructor(private readonly store: Store, private readonly started: LoadedCorpus, private readonly today: () => string) {}

  /** Keep the process's own corpus (once: a version already kept is only looked up). */
  async start(): Promise<void> {
    const { hash } = await keepCorpusVersion(this.store, { files: this.started.files, version: this.started.corpus.version, state: 'built-in', by: 'system' });
    this.own = { hash, loaded: this.started };
    this.read.set(hash, Promise.resolve(this.started));
  }

  /** The corpus runs use today. */
  async inForce(): Promise<CorpusAt> {
    if (!this.own) throw new Error('PlatformCorpus.start() first');
    const published = await corpusInForce(this.store, this.today());
    if (!published || published.hash === this.own.hash) return this.own;
    return { hash: published.hash, loaded: (await this.version(published.hash))! };
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
