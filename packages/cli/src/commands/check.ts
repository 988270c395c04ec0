/** duixian check: validate the corpus, run every document's cases and print the coverage of every figure in the texts. */
import { CORPUS, LOADED, checkLoaded, formatCoverage } from '@duixian/corpus';
import { EXIT, type Streams } from '../io.js';
import type { Args } from '../main.js';

export async function checkCommand(_a: Args, io: Streams): Promise<number> {
  const { problems, report } = checkLoaded(LOADED);
  const cases = Object.values(LOADED.caseFiles).reduce((n, files) => n + Object.keys(files).length, 0);
  io.stdout.write(`corpus ${CORPUS.version}: ${CORPUS.documents.length} documents, ${CORPUS.rules.length} rules, ${CORPUS.groups.length} exclusive groups, ${CORPUS.validations.length} validations, ${cases} case files\n\n`);
  io.stdout.write(formatCoverage(report) + '\n');
  const all = [...problems.map((p) => `${p.where}: ${p.message}`), ...report.problems.map((p) => `${p.document}: ${p.kind}: ${p.message}`)];
  const unlinked = report.documents.reduce((n, d) => n + d.counts.unlinked, 0);
  for (const line of all) io.stderr.write(line + '\n');
  if (all.length || unlinked) {
    io.stderr.write(`check failed: ${all.length} problems, ${unlinked} figures neither linked to a rule or target nor marked not computable\n`);
    return EXIT.failed;
  }
  io.stdout.write('check passed: every figure in the texts is linked to a rule or a target, or marked not computable with a reason; every case decided as written\n');
  return EXIT.ok;
}
