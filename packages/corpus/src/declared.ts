/**
 * Every fact key, tag and subject kind a rule reads is declared: a word the corpus uses but never
 * declares would be a fact no input can give, a tag no subject carries, and the rule would
 * silently decide nothing. The declared words are the corpus's own (vocabulary.yaml, with each
 * document's), unless a caller gives others.
 */
import type { Corpus, Unit } from '@duixian/engine';
import { ruleFactKeys, ruleTags } from './applications.js';
import type { CorpusProblem } from './check.js';
import type { LoadedCorpus } from './load.js';

export interface Vocabulary {
  readonly facts: Readonly<Record<string, { readonly unit: Unit }>>;
  readonly tags: Readonly<Record<string, unknown>>; // tag → its label (or whatever the corpus declares of it)
  readonly kinds: Readonly<Record<string, unknown>>;
}

/** The unit of a declared fact key; undefined for an undeclared one. */
export const unitOf = (vocabulary: Vocabulary) => (key: string): Unit | undefined =>
  Object.hasOwn(vocabulary.facts, key) ? vocabulary.facts[key]!.unit : undefined;

const undeclared = (where: string, what: string, zh: string, words: readonly string[], declared: object): CorpusProblem[] =>
  words.filter((w) => !Object.hasOwn(declared, w)).map((w) => ({ where, message: `${what} "${w}" is not declared — ${zh} ${w} 未声明` }));

export function undeclaredWords(corpus: Corpus, vocabulary: Vocabulary = corpus.vocabulary): CorpusProblem[] {
  const rules = corpus.rules.flatMap((r) => [
    ...undeclared(r.id, 'fact key', '事实项', ruleFactKeys(r), vocabulary.facts),
    ...undeclared(r.id, 'tag', '标签', ruleTags(r), vocabulary.tags),
    ...undeclared(r.id, 'subject kind', '主体类型', r.recipient.kinds, vocabulary.kinds),
  ]);
  const validations = corpus.validations.flatMap((v) => undeclared(v.id, 'fact key', '事实项', [v.fact], vocabulary.facts));
  return [...rules, ...validations];
}

/**
 * Every fact key and tag is either evidenced (申报) or held by the government (免申即享), never both:
 * a new word left out of both would silently make its rules 免申即享. Notes on a word the corpus
 * does not declare are named too.
 */
export function unclassifiedWords(loaded: Pick<LoadedCorpus, 'vocabulary' | 'evidence' | 'registers'>): CorpusProblem[] {
  const { vocabulary, evidence, registers } = loaded;
  const where = 'vocabulary.yaml';
  const classify = (what: string, zh: string, words: object, shown: object, held: object): CorpusProblem[] => Object.keys(words).flatMap((w) => {
    const inBoth = Object.hasOwn(shown, w) && Object.hasOwn(held, w);
    if (!inBoth && (Object.hasOwn(shown, w) || Object.hasOwn(held, w))) return [];
    return [{ where, message: inBoth
      ? `${what} "${w}" is both under evidence and under registers: keep it in one — ${zh} ${w} 不能既须申报又由政府掌握`
      : `${what} "${w}" is neither under evidence nor under registers: say whether a subject must evidence it — ${zh} ${w} 未说明须申报还是由政府掌握` }];
  });
  const stray = (section: string, notes: object, declared: object): CorpusProblem[] =>
    Object.keys(notes).filter((w) => !Object.hasOwn(declared, w)).map((w) => ({ where, message: `${section} names "${w}", which the vocabulary does not declare — ${w} 未声明` }));
  return [
    ...classify('fact key', '事实项', vocabulary.facts, evidence.facts, registers.facts),
    ...classify('tag', '标签', vocabulary.tags, evidence.tags, registers.tags),
    ...stray('evidence.facts', evidence.facts, vocabulary.facts), ...stray('registers.facts', registers.facts, vocabulary.facts),
    ...stray('evidence.tags', evidence.tags, vocabulary.tags), ...stray('registers.tags', registers.tags, vocabulary.tags),
    ...stray('evidence.kinds', evidence.kinds, vocabulary.kinds),
  ];
}
