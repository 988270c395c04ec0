/**
 * Read a dataset file for a command, or fail with every problem. Also applies the corpus's
 * input validations (齐鲁电商贷 单户贷款额度为10万元至1000万元): an out-of-range application is
 * refused with the article's words, never silently evaluated.
 */
import { FACT_KEYS, formatValue, scaled, type Dataset } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { readFile } from '@duixian/interchange';
import { BadInput } from './io.js';
import { KNOWN } from './known.js';

export async function loadDataset(path: string, year?: number): Promise<Dataset> {
  const r = await readFile(path, KNOWN, year === undefined ? {} : { year });
  if (!r.ok) throw new BadInput(r.problems);
  const problems = validationProblems(r.dataset);
  if (problems.length) throw new BadInput(problems);
  return r.dataset;
}

function validationProblems(ds: Dataset): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const v of CORPUS.validations) {
    const unit = FACT_KEYS[v.fact].unit;
    const min = scaled(unit, v.min);
    const max = scaled(unit, v.max);
    ds.facts.forEach((f, k) => {
      if (f.key !== v.fact || (f.value >= min && f.value <= max)) return;
      const doc = CORPUS.documents.find((d) => d.id === v.document)!;
      out.push({ path: `facts[${k}].value`, message: `${FACT_KEYS[v.fact].label} ${formatValue(unit, f.value)} 不在允许范围内：${v.text}（${doc.number} 第${v.article}条）; give an amount from ${v.min} to ${v.max}` });
    });
  }
  return out;
}
