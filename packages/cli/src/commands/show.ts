/**
 * duixian show RULE: one rule as an analyst checks it — its document, article and verbatim text,
 * then the rule as Chinese sentences (条件：…；金额：…；上限：…；排名：…) to read against that text.
 */
import { articleLabel, corpusWords, describeRule, renderDescription, type Rule } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { editDistance } from '@duixian/interchange';
import { BadInput, EXIT, type Streams } from '../io.js';
import type { Args } from '../main.js';

export async function showCommand(a: Args, io: Streams): Promise<number> {
  const rule = ruleArg(a.positionals[1]);
  const doc = CORPUS.documents.find((d) => d.id === rule.document);
  const { sentences } = describeRule(rule, corpusWords(CORPUS), CORPUS);
  if (a.values.json) {
    const out = { rule: rule.id, title: rule.title, document: rule.document, number: doc?.number ?? null, article: rule.article, text: rule.text, sentences };
    io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return EXIT.ok;
  }
  io.stdout.write([
    `${doc?.number ?? rule.document} ${articleLabel(rule.article)} ${rule.title}（${rule.id}）`,
    `原文：${rule.text}`,
    '',
    renderDescription({ sentences }),
  ].join('\n') + '\n');
  return EXIT.ok;
}

/** The rule named on the command line, or one line naming the id and the closest ids the corpus has. */
function ruleArg(id: string | undefined): Rule {
  const example = CORPUS.rules[0]?.id ?? 'DOCUMENT/ARTICLE';
  if (!id) throw new BadInput([{ path: 'RULE', message: `missing: the rule to show, e.g. duixian show ${example}` }]);
  const rule = CORPUS.rules.find((r) => r.id === id);
  if (rule) return rule;
  const close = closeIds(id, CORPUS.rules.map((r) => r.id));
  const hint = close.length ? `; did you mean ${close.join(', ')}?` : `; the rules' ids look like ${example}`;
  throw new BadInput([{ path: 'RULE', message: `unknown rule "${id}"${hint}` }]);
}

/**
 * Up to three ids a mistyped one may have meant: a few letters off (by edit distance), else those
 * containing what was typed (a document id alone, or an article's name without its document).
 */
export function closeIds(wanted: string, ids: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  const near = ids
    .map((id) => ({ id, d: editDistance(wanted, id) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || (x.id < y.id ? -1 : 1))
    .map((x) => x.id);
  if (near.length) return near.slice(0, 3);
  return ids.filter((id) => id.includes(wanted)).slice(0, 3);
}
