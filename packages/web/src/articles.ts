/**
 * A document's text cut into its articles, and an article's words cut into plain runs and the
 * figures its rules cite (amounts, thresholds), so that each figure can be highlighted and linked
 * to the rule that implements it. Pure functions: tested without a browser.
 */
export interface MeasureLike {
  readonly anchor: string;
  readonly heading: string;
}

/** Each measure's span of the text: from its heading to the next measure's (in text order). */
export function articleSpans(text: string, measures: readonly MeasureLike[]): Map<string, string> {
  const starts = measures
    .map((m) => ({ anchor: m.anchor, at: text.indexOf(m.heading) }))
    .filter((s) => s.at >= 0)
    .sort((a, b) => a.at - b.at);
  const out = new Map<string, string>();
  starts.forEach((s, k) => out.set(s.anchor, text.slice(s.at, starts[k + 1]?.at ?? text.length).trim()));
  return out;
}

export type Piece = { readonly text: string; readonly rule?: string };

/**
 * The text in pieces: each occurrence of a cited phrase becomes a piece naming its rule; the
 * longest phrase wins where two overlap; the pieces joined give the text back unchanged.
 */
export function highlight(text: string, cites: readonly { readonly phrase: string; readonly rule: string }[]): Piece[] {
  const marks: { from: number; to: number; rule: string }[] = [];
  for (const c of [...cites].sort((a, b) => b.phrase.length - a.phrase.length)) {
    if (!c.phrase) continue;
    for (let at = text.indexOf(c.phrase); at >= 0; at = text.indexOf(c.phrase, at + 1)) {
      const to = at + c.phrase.length;
      if (!marks.some((m) => at < m.to && to > m.from)) marks.push({ from: at, to, rule: c.rule });
    }
  }
  marks.sort((a, b) => a.from - b.from);
  const out: Piece[] = [];
  let pos = 0;
  for (const m of marks) {
    if (m.from > pos) out.push({ text: text.slice(pos, m.from) });
    out.push({ text: text.slice(m.from, m.to), rule: m.rule });
    pos = m.to;
  }
  if (pos < text.length) out.push({ text: text.slice(pos) });
  return out;
}
