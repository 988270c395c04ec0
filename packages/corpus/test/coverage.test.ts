import { describe, expect, it } from 'vitest';
import type { Measure } from '../src/types.js';
import { MEASURES, NOT_COMPUTABLE, RULE_IDS, TARGETS, TEXTS, coverage, formatCoverage, type CoverageInput } from '../src/index.js';

const TEXT = '对年网络零售额8000万元以上,排名前3位的企业分别奖励50万元。到2022年,全市入驻企业达到1000家。每年举办两次大赛。';
const measure: Measure = {
  document: 'doc', article: '一', anchor: 'art-1', title: '测试', heading: '对年网络零售额', lead: ['市商务局'], responsible: [], rules: ['doc/1.leader'],
};
const base: CoverageInput = {
  texts: { doc: TEXT },
  measures: [measure],
  targets: [{ id: 'doc/T.enterprises', document: 'doc', article: '一', description: '入驻企业1000家', year: 2022, legal: '达到', value: '1000家', unit: '家', cites: ['达到1000家'] }],
  notComputable: [{ document: 'doc', cite: '每年举办两次', reason: 'frequency of an event' }],
  ruleCites: [{ rule: 'doc/1.leader', document: 'doc', cites: ['8000万元以上', '前3位'] }],
};
const status = (input: CoverageInput): Record<string, string> => {
  const doc = coverage(input).documents[0];
  return Object.fromEntries((doc?.figures ?? []).map((f) => [f.text, f.status]));
};

describe('coverage', () => {
  it('links figures to the rule, target and not-computable entry whose cite overlaps them; the rest is unlinked', () => {
    const report = coverage(base);
    expect(report.problems).toEqual([]);
    expect(status(base)).toEqual({ '8000万元': 'rule', '前3位': 'rule', '50万元': 'unlinked', '1000家': 'target', '两次': 'not-computable' });
    const d = report.documents[0];
    expect(d?.counts).toEqual({ figures: 5, rule: 2, target: 1, 'not-computable': 1, unlinked: 1 });
    const f = d?.figures.find((x) => x.text === '8000万元');
    expect(f?.status === 'rule' ? f.rule : undefined).toBe('doc/1.leader');
  });

  it('links every occurrence of a cite', () => {
    const input = { ...base, texts: { doc: `${TEXT}另奖励50万元。` }, ruleCites: [{ rule: 'doc/1.leader', document: 'doc', cites: ['50万元'] }] };
    const figures = coverage(input).documents[0]?.figures.filter((f) => f.text === '50万元') ?? [];
    expect(figures.map((f) => f.status)).toEqual(['rule', 'rule']);
  });

  it('does not link a number that only contains the cite ("5万元" in "15万元")', () => {
    const input = { ...base, texts: { doc: `${TEXT}奖励15万元。` }, ruleCites: [{ rule: 'doc/1.leader', document: 'doc', cites: ['5万元', '前3位'] }] };
    const report = coverage(input);
    expect(status(input)['15万元']).toBe('unlinked');
    expect(report.problems.map((p) => p.kind)).toEqual(['cite-inside-number']);
  });

  it('prefers rule over target over not-computable, and keeps every link', () => {
    const input = { ...base, notComputable: [...base.notComputable, { document: 'doc', cite: '8000万元', reason: 'x' }] };
    const f = coverage(input).documents[0]?.figures.find((x) => x.text === '8000万元');
    expect(f?.status).toBe('rule');
    expect(f?.links.map((l) => l.status)).toEqual(['rule', 'not-computable']);
  });

  it('reports cites not in the text, bad headings and unknown rules', () => {
    const input: CoverageInput = {
      ...base,
      measures: [measure, { ...measure, article: '二', heading: '不存在的标题', rules: ['doc/9.unknown'] }, { ...measure, article: '三', heading: '万元', rules: [] }],
      targets: [{ ...base.targets[0]!, cites: ['达到2000家'] }],
      ruleCites: [...base.ruleCites, { rule: 'doc/2.orphan', document: 'doc', cites: [] }],
    };
    const kinds = coverage(input).problems.map((p) => p.kind).sort();
    expect(kinds).toEqual(['cite-not-found', 'heading-not-found', 'heading-not-unique', 'rule-without-measure', 'unknown-rule']);
  });

  it('formats counts and lists unlinked figures with context', () => {
    const out = formatCoverage(coverage(base));
    expect(out).toContain('doc: 5 figures, 2 linked to rules, 1 to targets, 1 not computable, 1 unlinked');
    expect(out).toContain('【50万元】');
    expect(out).toContain('排名前3位的企业分别奖励【50万元】。到2022年,全市入驻企业达');
  });
});

describe('coverage of the corpus with every rule id (no rule cites yet)', () => {
  const ruleCites = [...RULE_IDS].map((rule) => ({ rule, document: rule.split('/')[0] ?? '', cites: [] }));
  const report = coverage({ texts: TEXTS, measures: MEASURES, targets: TARGETS, notComputable: NOT_COMPUTABLE, ruleCites });

  it('has no problems', () => {
    expect(report.problems).toEqual([]);
  });

  it('leaves only rule figures unlinked: every target figure is linked', () => {
    const unlinked = report.documents.flatMap((d) => d.figures.filter((f) => f.status === 'unlinked').map((f) => `${d.document} ${f.text}`));
    for (const t of TARGETS) {
      const linked = report.documents.find((d) => d.document === t.document)?.figures.filter((f) => f.status === 'target') ?? [];
      expect(linked.length, t.id).toBeGreaterThan(0);
    }
    // figures of the land-use term, durations and event frequencies are marked not computable
    expect(unlinked).not.toContain('sd-2022-42 5年');
    expect(unlinked).not.toContain('dongying-2020-9 两次');
    expect(unlinked).toContain('sd-2022-42 2元'); // a rule figure: the lead's rules will cite it
  });
});
