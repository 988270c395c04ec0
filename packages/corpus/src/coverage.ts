/**
 * Coverage of the texts: every figure `scanFigures` finds in a document is linked to a rule, a
 * target or a not-computable entry through a cite whose occurrence in the text overlaps the
 * figure; the rest is `unlinked`. Also checks that every cite and heading is in its text.
 */
import type { Measure, NotComputable, Target } from './types.js';
import { scanFigures, type Figure } from './figures.js';

export * from './figures.js';

export interface RuleCites {
  readonly rule: string;
  readonly document: string;
  readonly cites: readonly string[];
}

export interface CoverageInput {
  readonly texts: Readonly<Record<string, string>>;
  readonly measures: readonly Measure[];
  readonly targets: readonly Target[];
  readonly notComputable: readonly NotComputable[];
  readonly ruleCites: readonly RuleCites[];
}

export type FigureLink =
  | { readonly status: 'rule'; readonly rule: string; readonly cite: string }
  | { readonly status: 'target'; readonly target: string; readonly cite: string }
  | { readonly status: 'not-computable'; readonly reason: string; readonly cite: string };

/** A figure with its status: the first link by precedence rule > target > not-computable. */
export type LinkedFigure = Figure & {
  readonly before: string; // ~15 characters of text before the figure
  readonly after: string; // ~15 characters after
  readonly links: readonly FigureLink[]; // every link, in precedence order
} & (FigureLink | { readonly status: 'unlinked' });

export type ProblemKind =
  | 'unknown-document' // an entry names a document that has no text
  | 'cite-not-found' // a cite is not a substring of its document's text (or is empty)
  | 'cite-inside-number' // a cite occurs only inside a longer number ("5万元" in "15万元")
  | 'heading-not-found'
  | 'heading-not-unique'
  | 'unknown-rule' // a measure's rule id is not in ruleCites
  | 'rule-without-measure' // a rule of ruleCites no measure defines
  | 'rule-in-several-measures';

export interface CoverageProblem {
  readonly kind: ProblemKind;
  readonly document: string;
  readonly message: string;
}

export interface DocumentCoverage {
  readonly document: string;
  readonly figures: readonly LinkedFigure[];
  readonly counts: Readonly<Record<LinkedFigure['status'], number>> & { readonly figures: number };
}

export interface CoverageReport {
  readonly documents: readonly DocumentCoverage[];
  readonly problems: readonly CoverageProblem[];
}

const CONTEXT = 15;
const PRECEDENCE: Record<FigureLink['status'], number> = { rule: 0, target: 1, 'not-computable': 2 };

/** Start offsets of every occurrence of `cite` in `text` (overlapping occurrences included). */
export function occurrences(text: string, cite: string): number[] {
  const found: number[] = [];
  if (cite === '') return found;
  for (let i = text.indexOf(cite); i !== -1; i = text.indexOf(cite, i + 1)) found.push(i);
  return found;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** An occurrence that starts or ends in the middle of a number ("5万元" inside "15万元") is no occurrence. */
function onNumberBoundary(text: string, start: number, cite: string): boolean {
  const end = start + cite.length;
  const cutsBefore = isDigit(cite.charAt(0)) && /[\d.]/.test(text.charAt(start - 1));
  const cutsAfter = isDigit(cite.charAt(cite.length - 1)) && /[\d.]/.test(text.charAt(end));
  return !cutsBefore && !cutsAfter;
}

interface Citation {
  readonly document: string;
  readonly cite: string;
  readonly link: FigureLink;
  readonly owner: string; // for messages
}

function citations(input: CoverageInput): Citation[] {
  const out: Citation[] = [];
  for (const r of input.ruleCites) {
    for (const cite of r.cites) out.push({ document: r.document, cite, owner: `rule ${r.rule}`, link: { status: 'rule', rule: r.rule, cite } });
  }
  for (const t of input.targets) {
    for (const cite of t.cites) out.push({ document: t.document, cite, owner: `target ${t.id}`, link: { status: 'target', target: t.id, cite } });
  }
  for (const n of input.notComputable) {
    out.push({ document: n.document, cite: n.cite, owner: 'not-computable entry', link: { status: 'not-computable', reason: n.reason, cite: n.cite } });
  }
  return out;
}

function checkMeasures(input: CoverageInput, problems: CoverageProblem[]): void {
  const known = new Set(input.ruleCites.map((r) => r.rule));
  const definedBy = new Map<string, string[]>();
  for (const m of input.measures) {
    const text = input.texts[m.document];
    const where = `${m.document} ${m.article}`;
    if (text === undefined) {
      problems.push({ kind: 'unknown-document', document: m.document, message: `measure ${where}: no text for document "${m.document}"` });
    } else {
      const n = occurrences(text, m.heading).length;
      if (n === 0) problems.push({ kind: 'heading-not-found', document: m.document, message: `measure ${where}: heading "${m.heading}" is not in the text` });
      if (n > 1) problems.push({ kind: 'heading-not-unique', document: m.document, message: `measure ${where}: heading "${m.heading}" occurs ${n} times` });
    }
    for (const rule of m.rules) {
      definedBy.set(rule, [...(definedBy.get(rule) ?? []), where]);
      if (!known.has(rule)) problems.push({ kind: 'unknown-rule', document: m.document, message: `measure ${where}: rule "${rule}" is not in ruleCites` });
    }
  }
  for (const r of input.ruleCites) {
    const by = definedBy.get(r.rule) ?? [];
    if (by.length === 0) problems.push({ kind: 'rule-without-measure', document: r.document, message: `rule ${r.rule}: no measure lists it` });
    if (by.length > 1) problems.push({ kind: 'rule-in-several-measures', document: r.document, message: `rule ${r.rule}: listed by ${by.join(', ')}` });
  }
}

function linkFigures(document: string, text: string, cites: readonly Citation[], problems: CoverageProblem[]): LinkedFigure[] {
  const spans: Array<{ start: number; end: number; link: FigureLink }> = [];
  for (const c of cites) {
    const all = occurrences(text, c.cite);
    const valid = all.filter((start) => onNumberBoundary(text, start, c.cite));
    if (all.length === 0) {
      problems.push({ kind: 'cite-not-found', document, message: `${c.owner}: cite "${c.cite}" is not in the text of ${document}` });
    } else if (valid.length === 0) {
      problems.push({ kind: 'cite-inside-number', document, message: `${c.owner}: cite "${c.cite}" occurs only inside a longer number in ${document}` });
    }
    for (const start of valid) spans.push({ start, end: start + c.cite.length, link: c.link });
  }
  return scanFigures(text).map((f) => {
    const links = spans
      .filter((s) => s.start < f.end && f.start < s.end)
      .map((s) => s.link)
      .sort((a, b) => PRECEDENCE[a.status] - PRECEDENCE[b.status]);
    const before = text.slice(Math.max(0, f.start - CONTEXT), f.start);
    const after = text.slice(f.end, f.end + CONTEXT);
    const first = links[0];
    return first === undefined
      ? { ...f, before, after, links, status: 'unlinked' as const }
      : { ...f, before, after, links, ...first };
  });
}

export function coverage(input: CoverageInput): CoverageReport {
  const problems: CoverageProblem[] = [];
  checkMeasures(input, problems);
  const all = citations(input);
  for (const c of all) {
    if (input.texts[c.document] === undefined) {
      problems.push({ kind: 'unknown-document', document: c.document, message: `${c.owner}: no text for document "${c.document}"` });
    }
  }
  const documents = Object.entries(input.texts).map(([document, text]): DocumentCoverage => {
    const figures = linkFigures(document, text, all.filter((c) => c.document === document), problems);
    const count = (s: LinkedFigure['status']): number => figures.filter((f) => f.status === s).length;
    const counts = { figures: figures.length, rule: count('rule'), target: count('target'), 'not-computable': count('not-computable'), unlinked: count('unlinked') };
    return { document, figures, counts };
  });
  return { documents, problems };
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ');

export function formatCoverage(report: CoverageReport): string {
  const lines: string[] = [];
  for (const d of report.documents) {
    const c = d.counts;
    lines.push(`${d.document}: ${c.figures} figures, ${c.rule} linked to rules, ${c.target} to targets, ${c['not-computable']} not computable, ${c.unlinked} unlinked`);
    for (const f of d.figures) {
      if (f.status === 'unlinked') lines.push(`  unlinked  ${f.text}  …${oneLine(f.before)}【${f.text}】${oneLine(f.after)}…`);
    }
  }
  if (report.problems.length > 0) {
    lines.push(`problems (${report.problems.length}):`);
    for (const p of report.problems) lines.push(`  [${p.kind}] ${p.message}`);
  }
  return lines.join('\n');
}
