/**
 * The engine takes its words from the corpus (Corpus.vocabulary): labels and units of fact keys,
 * names of tags and kinds. A word the vocabulary lacks is nobody's: a recipient requiring such a
 * tag matches no subject (not the subject with the vocabulary's first tag), a subject's undeclared
 * tag or fact is read past. Hand-computed: the rule pays 1万元 to an enterprise with the tag it
 * names and 网络零售额 达到 100万元.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, Run, type Corpus, type Dataset, type Rule, type Subject } from '@duixian/engine';
import { COUNTY } from './synthetic.js';
import { WORDS } from './vocabulary.js';

const FIRST_TAG = Object.keys(WORDS.tags)[0]!;

const ruleFor = (tag: string): Rule => ({
  id: `${COUNTY.id}/9.tagged`, document: COUNTY.id, article: '九', title: '标签奖励',
  text: '对网络零售额达到100万元的企业，给予1万元奖励', cites: ['网络零售额达到100万元', '给予1万元奖励'],
  recipient: { kinds: ['enterprise'], tags: [tag], label: '企业' },
  conditions: [{ compare: { fact: 'onlineRetail' }, legal: '达到', value: '100万元' }],
  award: { money: '1万元' },
});
const corpus = (rule: Rule, vocabulary = WORDS): Corpus => ({ version: 'words-test', documents: [COUNTY], rules: [rule], groups: [], validations: [], vocabulary });

const subject = (id: string, tags: string[]): Subject => ({ id, kind: 'enterprise', name: id, region: '370811', tags });
const data = (subjects: Subject[], extra: Dataset['facts'] = []): Dataset => ({
  year: 2031, parameters: [], interpretations: {}, history: [], subjects,
  facts: [...subjects.map((s) => ({ subject: s.id, year: 2031, key: 'onlineRetail', value: 100_000_000 })), ...extra],
});
const paid = (c: Corpus, d: Dataset) => evaluate(c, d).awards.map((a) => [a.subject, a.amount]);

describe('the corpus\'s words in the engine', () => {
  it('a recipient requiring a declared tag: the subject with it is paid, the one without is not', () => {
    expect(paid(corpus(ruleFor(FIRST_TAG)), data([subject('A', [FIRST_TAG]), subject('B', [])]))).toEqual([['A', '10000.00']]);
  });

  it('a recipient requiring a tag the vocabulary lacks matches nobody, not the holder of the first tag', () => {
    expect(paid(corpus(ruleFor('ghost')), data([subject('A', [FIRST_TAG]), subject('B', [])]))).toEqual([]);
  });

  it('a subject\'s undeclared tag and a fact of an undeclared key are read past: the run decides as without them', () => {
    const d = data([subject('A', [FIRST_TAG, 'ghost'])], [{ subject: 'A', year: 2031, key: 'ghostFigure', value: 5 }]);
    expect(paid(corpus(ruleFor(FIRST_TAG)), d)).toEqual([['A', '10000.00']]);
  });

  it('explanations name the fact, tag and kind in the corpus\'s words', () => {
    const relabelled = {
      ...WORDS,
      kinds: { ...WORDS.kinds, enterprise: '市场主体' },
      facts: { ...WORDS.facts, onlineRetail: { ...WORDS.facts['onlineRetail']!, label: '线上零售额' } },
      tags: { ...WORDS.tags, [FIRST_TAG]: '示例标签' },
    };
    const text = new Run(corpus(ruleFor(FIRST_TAG), relabelled), data([subject('A', [FIRST_TAG])]), { explain: true })
      .explain('A', ruleFor(FIRST_TAG).id).steps.map((s) => s.text).join('\n');
    expect(text).toContain('本主体为市场主体');
    expect(text).toContain('示例标签：是');
    expect(text).toContain('线上零售额 100万元');
  });
});
