/**
 * A rule's `text` and every one of its cites are the document's own words: exact substrings of its
 * text, spaces, page breaks and "," vs "，" included. A problem says where the words part from the
 * document's, so that the fix is a copy from the text.
 */
import type { Corpus, Rule, Validation } from '@duixian/engine';
import type { CorpusProblem } from './check.js';

/** Words of a rule (or group, or document) that claim to be the document's own, by field. */
export interface Quoted {
  readonly id: string;
  readonly document: string;
  readonly quotes: ReadonlyArray<readonly [field: string, words: string]>;
}

/** Every quoted field of the corpus: rules' and validations' text, cites and pool text, groups', documents' exclusivity. */
export function quotesOf(corpus: Corpus): Quoted[] {
  const cited = (e: Rule | Validation): Quoted => ({
    id: e.id, document: e.document,
    quotes: [['text', e.text], ...e.cites.map((c, i) => [`cites[${i}] ${JSON.stringify(c)}`, c] as const), ...('pool' in e && e.pool ? [['pool.text', e.pool.text] as const] : [])],
  });
  return [
    ...corpus.rules.map(cited),
    ...corpus.validations.map(cited),
    ...corpus.groups.map((g): Quoted => ({ id: g.id, document: g.document, quotes: [['text', g.text]] })),
    ...corpus.documents.flatMap((d): Quoted[] => (d.exclusive ? [{ id: d.id, document: d.id, quotes: [['exclusive.text', d.exclusive.text]] }] : [])),
  ];
}

/** The longest start of `words` that the document contains (containment shrinks with length). */
function longestQuotedStart(document: string, words: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (document.includes(words.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where `words` part from `document`: the last words in common, then each side's next characters. */
export function divergence(document: string, words: string): string {
  const n = longestQuotedStart(document, words);
  const common = words.slice(Math.max(0, n - 12), n);
  const at = n === 0 ? -1 : document.indexOf(words.slice(0, n)) + n;
  const theirs = at === -1 ? '' : document.slice(at, at + 8);
  return `after ${JSON.stringify(common)} the rule has ${JSON.stringify(words.slice(n, n + 8))}, the document ${JSON.stringify(theirs)}`;
}

/**
 * The text as it reads: the transcription's line and page breaks are layout, not words (a page of
 * 东营's text ends inside "推介发生的|相关费用"); a rule quotes the words without them.
 */
export const asItReads = (text: string): string => text.replace(/\r?\n/g, '');

/** The quoted words of each entry that are not exact substrings of their document's text (as it reads). */
export function notVerbatim(entries: readonly Quoted[], texts: Readonly<Record<string, string>>): CorpusProblem[] {
  return entries.flatMap((e) => {
    const written = texts[e.document];
    if (written === undefined) return []; // an unknown document is reported by itself
    const document = asItReads(written);
    return e.quotes
      .filter(([, words]) => words === '' || !document.includes(words))
      .map(([field, words]) => ({
        where: e.id,
        message: `${field} is not verbatim in the text of ${e.document} (${divergence(document, words)}) — ${field}与文件原文不一致`,
      }));
  });
}

/**
 * A cite is words of the rule's own `text`: one cited from elsewhere in the document stands for
 * another article. (A cite not in the document at all is reported by notVerbatim.)
 */
export function citesOutsideText(entries: ReadonlyArray<Rule | Validation>, texts: Readonly<Record<string, string>>): CorpusProblem[] {
  const outside = (e: Rule | Validation, c: string): boolean => !e.text.includes(c) && (texts[e.document]?.includes(c) ?? false);
  return entries.flatMap((e) =>
    e.cites.flatMap((c, i) => (outside(e, c) ? [{ where: e.id, message: `cites[${i}] ${JSON.stringify(c)} is not in the rule's text — 引文不在本规则的原文(text)中` }] : [])));
}
