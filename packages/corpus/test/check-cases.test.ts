/** `duixian check` runs every document's cases: a case the corpus does not decide as written is a problem naming the file, the case and the line. */
import { describe, expect, it } from 'vitest';
import { LOADED, caseProblems, checkLoaded, corpusFromFiles } from '@duixian/corpus';

const withFile = (path: string, edit: (s: string) => string) => {
  const files = new Map(LOADED.files);
  files.set(path, edit(files.get(path)!));
  return corpusFromFiles(files);
};

describe('the documents\' cases in duixian check', () => {
  it('all pass on the built-in corpus', () => {
    expect(caseProblems(LOADED)).toEqual([]);
    expect(checkLoaded(LOADED).problems).toEqual([]);
  });

  it('a case expecting another amount: the expected line not decided, the decided line not expected', () => {
    const path = 'jiyang-2021-80/cases/articles.yaml';
    const source = LOADED.files.get(path)!;
    const line = source.split('\n').find((l) => /jiyang-2021-80\/1\.cluster 200000\.00/.test(l))!;
    const loaded = withFile(path, (s) => s.replace(line, line.replace('200000.00', '210000.00')));
    const problems = caseProblems(loaded);
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.every((p) => p.where.startsWith(`${path} "`))).toBe(true);
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^awards: expected ".* jiyang-2021-80\/1\.cluster 210000\.00", not decided/),
      expect.stringMatching(/^awards: decided ".* jiyang-2021-80\/1\.cluster 200000\.00", not expected/),
    ]));
  });

  it('a rule changed under its cases: the cases say so', () => {
    const loaded = withFile('jiyang-2021-80/rules.yaml', (s) => s.replace('award: {money: 20万元}', 'award: {money: 21万元}'));
    expect(caseProblems(loaded).some((p) => p.where.startsWith('jiyang-2021-80/cases/') && p.message.includes('jiyang-2021-80/1.cluster 210000.00'))).toBe(true);
  });

  it('a case naming an unknown fact key is a problem, not a crash', () => {
    const path = 'jiyang-2021-80/cases/articles.yaml';
    const loaded = withFile(path, (s) => s.replace(/onlineRetail:/, 'onlineRetial:'));
    expect(caseProblems(loaded)).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('unknown fact key onlineRetial') })]));
  });

  it('a case file that is not YAML is a problem naming the file', () => {
    const path = 'jiyang-2021-80/cases/articles.yaml';
    const loaded = withFile(path, (s) => `${s}\n- name: [\n`);
    expect(caseProblems(loaded)).toEqual(expect.arrayContaining([expect.objectContaining({ where: path, message: expect.stringContaining('not a list of cases') })]));
  });
});
