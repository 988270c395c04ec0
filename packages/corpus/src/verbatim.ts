/**
 * A rule's `text` and every one of its cites are the document's own words: exact substrings of its
 * text, spaces, page breaks and "," vs "，" included. A problem says where the words part from the
 * document's, so that the fix is a copy from the text.
 */
import type { CorpusProblem } from './check.js';

export interface Quoted {
  readonly id: string;
  readonly document: string;
  readonly text: string;
  readonly cites: readonly string[];
}

/**
 * Rules whose `text` is known not to be verbatim yet (joined with "……", or missing a page break
 * of the text): their `text` problem is not reported until the corpus's YAML is corrected.
 * Empty this list then; a test fails while it names a rule whose text is verbatim.
 */
export const KNOWN_NOT_VERBATIM: readonly string[] = [
  'sd-2022-42/11.county-hub',
  'sd-2022-42/11.sorting-centre',
  'jining-2022-54/1.share',
  'jining-2022-54/3.relocation',
  'jining-2022-54/5.live-commerce',
  'dongying-2020-9/3.5.promotion',
  'jiyang-2021-80/5.wholesale',
  'jiyang-2021-80/6.shop',
  'jiyang-2021-80/6.influencer',
];

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

function notIn(document: string, entry: Quoted, field: string, words: string): CorpusProblem {
  return {
    where: entry.id,
    message: `${field} is not verbatim in the text of ${entry.document} (${divergence(document, words)}) — ${field}与文件原文不一致`,
  };
}

/** The `text` and cites of each entry that are not exact substrings of their document's text. */
export function notVerbatim(entries: readonly Quoted[], texts: Readonly<Record<string, string>>): CorpusProblem[] {
  return entries.flatMap((e) => {
    const document = texts[e.document];
    if (document === undefined) return []; // an unknown document is reported by itself
    const problems: CorpusProblem[] = [];
    if (!document.includes(e.text)) problems.push(notIn(document, e, 'text', e.text));
    e.cites.forEach((cite, i) => {
      if (cite === '' || !document.includes(cite)) problems.push(notIn(document, e, `cites[${i}] ${JSON.stringify(cite)}`, cite));
    });
    return problems;
  });
}
