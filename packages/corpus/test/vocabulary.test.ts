/**
 * The corpus declares its own words (issue 15, point 2): subject kinds, fact keys (label, unit) and
 * tags in corpus/vocabulary.yaml, a document's own in its folder. Hand-computed: the invented
 * document below pays 2万元 to a 合作社 tagged `ruralCooperative` whose 培训次数 reach 100次 (达到, ≥):
 * 99 sessions → nothing, 100 → 20000.00.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Dataset } from '@duixian/engine';
import { CORPUS, KNOWN, LOADED, RULE_IDS, applicationMode, checkLoaded, corpusFromFiles, evidenceOf } from '@duixian/corpus';
import { readObject, type Known } from '@duixian/interchange';
import { problemsOf, withFile } from './corpus-files.js';

const DOC = 'example-2031-7';
const RULE = `${DOC}/1.sessions`;
const TEXT = '示例县促进农村电商培训的措施\n一、对培训次数达到100次的农民专业合作社，给予一次性奖励2万元。\n';

/** A document folder that uses a fact key, a tag and a kind the built-in corpus does not declare. */
const folder = (vocabulary: string): Record<string, string> => ({
  'document.yaml': [
    `id: ${DOC}`, 'number: 示例县发〔2031〕7号', 'title: 示例县促进农村电商培训的措施（测试用虚构文件）',
    'issuer: "370811"', 'issuerName: 示例县', 'validFrom: 2031-01-01', 'funder: "370811"', 'funderName: 县财政', '',
  ].join('\n'),
  'rules.yaml': [
    'rules:',
    `  - id: ${RULE}`,
    '    article: 一',
    '    title: 合作社培训奖励',
    '    text: 对培训次数达到100次的农民专业合作社，给予一次性奖励2万元',
    '    cites: [培训次数达到100次, 给予一次性奖励2万元]',
    '    recipient: {kinds: [cooperative], tags: [ruralCooperative], label: 农民专业合作社}',
    '    conditions: [{compare: {fact: trainingSessions}, legal: 达到, value: "100"}]',
    '    award: {money: 2万元}',
    '',
  ].join('\n'),
  'measures.yaml': `- {article: 一, anchor: art-1, title: 培训奖励, heading: 一、对培训次数, lead: [县商务局], responsible: [], rules: [${RULE}]}\n`,
  'targets.yaml': '[]\n',
  'not-computable.yaml': '[]\n',
  'text.txt': TEXT,
  'vocabulary.yaml': vocabulary,
});

const OWN_WORDS = [
  'kinds: {cooperative: 农民专业合作社}',
  'facts:',
  '  trainingSessions: {label: 培训次数, unit: count, usedBy: "cooperatives (example-2031-7 一)"}',
  'tags: {ruralCooperative: 农村合作社}',
  'evidence:',
  '  facts: {trainingSessions: 培训次数，须提供培训记录}',
  'registers:',
  '  tags: {ruralCooperative: 农民专业合作社登记}',
  '',
].join('\n');

/** The built-in corpus's files with the document's folder added. */
const withDocument = (vocabulary: string): Map<string, string> => {
  const files = new Map(LOADED.files);
  for (const [name, text] of Object.entries(folder(vocabulary))) files.set(`${DOC}/${name}`, text);
  return files;
};

const sessions = (n: number): Dataset => ({
  year: 2031, parameters: [], interpretations: {}, history: [],
  subjects: [{ id: 'C1', kind: 'cooperative', name: '示例合作社', region: '370811', tags: ['ruralCooperative'] }],
  facts: [{ subject: 'C1', year: 2031, key: 'trainingSessions', value: n }],
});

describe('the built-in corpus declares its words', () => {
  it('in corpus/vocabulary.yaml: the loaded corpus, the engine and the readers see the same words', () => {
    expect(LOADED.vocabulary).toBe(CORPUS.vocabulary);
    expect(KNOWN.vocabulary).toBe(CORPUS.vocabulary);
    expect(CORPUS.vocabulary.facts['physicalGoodsOnlineRetail']).toEqual({ label: '实物商品网络零售额', unit: 'yuan', usedBy: 'regions, enterprises' });
    expect(CORPUS.vocabulary.facts['panelScore']).toMatchObject({ unit: 'score', ruleScoped: true });
    expect(CORPUS.vocabulary.tags['inCity']).toBe('在发文城市开展该项活动（在济南举办活动、开展跨境结算或面向全市服务）');
    expect(CORPUS.vocabulary.kinds['county']).toBe('县（市、区）及功能区');
  });

  it('declares every word a rule of the corpus uses', () => {
    expect(checkLoaded(LOADED).problems.filter((p) => p.message.includes('not declared'))).toEqual([]);
  });

  it('a word taken out of vocabulary.yaml: duixian check names each rule that uses it', () => {
    const files = withFile('vocabulary.yaml', (s) => s.replace(/^ {2}liveRooms: .*\n/m, ''));
    const users = CORPUS.rules.filter((r) => JSON.stringify(r.conditions).includes('"liveRooms"') || JSON.stringify(r.award).includes('"liveRooms"')).map((r) => r.id);
    expect(users.length).toBeGreaterThan(0);
    const undeclared = checkLoaded(corpusFromFiles(files)).problems.filter((p) => p.message.includes('not declared'));
    expect(undeclared.map((p) => p.where)).toEqual(users);
    expect(undeclared[0]!.message).toBe('fact key "liveRooms" is not declared — 事实项 liveRooms 未声明');
  });

  it('is validated like every corpus file: a unit that is not one names the file, line and field', () => {
    const source = LOADED.files.get('vocabulary.yaml')!;
    const line = source.split('\n').findIndex((l) => l.startsWith('  area:')) + 1;
    const problems = problemsOf(withFile('vocabulary.yaml', (s) => s.replace(/^( {2}area: \{label: 面积, unit: )sqm/m, '$1mu')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'vocabulary.yaml', line, field: 'facts.area.unit' });
  });

  it('the corpus version covers the words: a changed label is another version', () => {
    const relabelled = corpusFromFiles(withFile('vocabulary.yaml', (s) => s.replace('label: 面积,', 'label: 占地面积,')));
    expect(relabelled.corpus.version).not.toBe(CORPUS.version);
    expect(corpusFromFiles(new Map(LOADED.files)).corpus.version).toBe(CORPUS.version);
  });
});

describe("a document's own words, in its folder", () => {
  it('are merged with the corpus\'s: the new kind, fact key and tag evaluate, both sides of 达到 100', () => {
    const loaded = corpusFromFiles(withDocument(OWN_WORDS));
    expect(loaded.vocabulary.facts['trainingSessions']).toEqual({ label: '培训次数', unit: 'count', usedBy: 'cooperatives (example-2031-7 一)' });
    expect(loaded.vocabulary.facts['physicalGoodsOnlineRetail']).toEqual(CORPUS.vocabulary.facts['physicalGoodsOnlineRetail']);
    expect(Object.keys(loaded.vocabulary.tags).slice(-1)).toEqual(['ruralCooperative']); // after the corpus's own, in file order
    const paid = (n: number) => evaluate(loaded.corpus, sessions(n)).awards.filter((a) => a.rule === RULE).map((a) => [a.subject, a.amount]);
    expect(paid(99)).toEqual([]);
    expect(paid(100)).toEqual([['C1', '20000.00']]);
    expect(checkLoaded(loaded).problems).toEqual([]);
  });

  it('say whether a rule reading them needs an application: the training count is evidenced (申报), with its why', () => {
    const loaded = corpusFromFiles(withDocument(OWN_WORDS));
    const rule = loaded.corpus.rules.find((r) => r.id === RULE)!;
    expect(evidenceOf(rule, loaded)).toEqual([{ kind: 'fact', key: 'trainingSessions', label: '培训次数', why: '培训次数，须提供培训记录' }]);
    expect(applicationMode(rule, loaded)).toBe('application');
    const registered = corpusFromFiles(withDocument(OWN_WORDS.replace('evidence:\n  facts: {trainingSessions: 培训次数，须提供培训记录}', 'evidence: {}').replace('  tags: {ruralCooperative', '  facts: {trainingSessions: 合作社年报}\n  tags: {ruralCooperative')));
    expect(applicationMode(registered.corpus.rules.find((r) => r.id === RULE)!, registered)).toBe('automatic');
  });

  it('a word neither evidenced nor registered, or both, or a note on an undeclared word: duixian check says so', () => {
    const neither = corpusFromFiles(withDocument(OWN_WORDS.replace('evidence:\n  facts: {trainingSessions: 培训次数，须提供培训记录}\n', '')));
    expect(checkLoaded(neither).problems).toEqual([{ where: 'vocabulary.yaml', message: 'fact key "trainingSessions" is neither under evidence nor under registers: say whether a subject must evidence it — 事实项 trainingSessions 未说明须申报还是由政府掌握' }]);
    const both = corpusFromFiles(withDocument(OWN_WORDS.replace('  tags: {ruralCooperative: 农民专业合作社登记}', '  tags: {ruralCooperative: 农民专业合作社登记}\n  facts: {trainingSessions: 合作社年报}')));
    expect(checkLoaded(both).problems.map((p) => p.message)).toEqual(['fact key "trainingSessions" is both under evidence and under registers: keep it in one — 事实项 trainingSessions 不能既须申报又由政府掌握']);
    const stray = corpusFromFiles(withDocument(OWN_WORDS.replace('  facts: {trainingSessions: 培训次数，须提供培训记录}', '  facts: {trainingSessions: 培训次数，须提供培训记录, trainingHours: 培训学时}')));
    expect(checkLoaded(stray).problems.map((p) => p.message)).toEqual(['evidence.facts names "trainingHours", which the vocabulary does not declare — trainingHours 未声明']);
  });

  it('reach the readers: an input with them reads against that corpus, and is refused against one without them', () => {
    const loaded = corpusFromFiles(withDocument(OWN_WORDS));
    const input = {
      format: 'duixian/v1', year: 2031,
      subjects: [{ id: 'C1', kind: 'cooperative', name: '示例合作社', region: '370811', tags: ['ruralCooperative'] }],
      facts: [{ subject: 'C1', year: 2031, key: 'trainingSessions', value: 100 }],
    };
    const own: Known = { rules: new Set([...RULE_IDS, RULE]), interpretations: KNOWN.interpretations, vocabulary: loaded.vocabulary };
    const read = readObject(input, own);
    expect(read.ok && read.dataset.facts.map((f) => [f.key, f.value])).toEqual([['trainingSessions', 100]]);
    const refused = readObject(input, KNOWN);
    expect(refused.ok ? [] : refused.problems.map((p) => p.path)).toEqual(['subjects[0].kind', 'subjects[0].tags[0]', 'facts[0].key']);
  });

  it('a word declared again alike is one word; declared differently it is a load error naming both files', () => {
    const alike = OWN_WORDS.replace('facts:\n', 'facts:\n  area: {label: 面积, unit: sqm, usedBy: "parks/clusters, experience stores, overseas warehouses"}\n');
    expect(problemsOf(withDocument(alike))).toEqual([]);
    const unlike = OWN_WORDS.replace('facts:\n', 'facts:\n  area: {label: 面积, unit: count, usedBy: parks}\n');
    const problems = problemsOf(withDocument(unlike));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: `${DOC}/vocabulary.yaml`, line: 3, field: 'facts.area' });
    expect(problems[0]!.message).toContain('declared differently in vocabulary.yaml');
    expect(problems[0]!.message).toContain('"unit":"sqm"');
    expect(problems[0]!.message).toContain('"unit":"count"');
  });

  it('without a vocabulary.yaml of its own, a document uses the corpus\'s words, and check names the words it lacks', () => {
    const files = withDocument(OWN_WORDS);
    files.delete(`${DOC}/vocabulary.yaml`);
    const loaded = corpusFromFiles(files);
    expect(loaded.vocabulary).toEqual(CORPUS.vocabulary);
    expect(checkLoaded(loaded).problems.filter((p) => p.where === RULE).map((p) => p.message)).toEqual([
      'fact key "trainingSessions" is not declared — 事实项 trainingSessions 未声明',
      'tag "ruralCooperative" is not declared — 标签 ruralCooperative 未声明',
      'subject kind "cooperative" is not declared — 主体类型 cooperative 未声明',
    ]);
  });
});
