/**
 * Every fact key, tag and subject kind a rule reads is declared: a word the corpus uses but never
 * declares would be a fact no input can give, a tag no subject carries, and the rule would
 * silently decide nothing. The declared words are the corpus's own (vocabulary.yaml, with each
 * document's), unless a caller gives others.
 */
import type { Corpus, Unit } from '@duixian/engine';
import { ruleFactKeys, ruleTags } from './applications.js';
import type { CorpusProblem } from './check.js';

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
