/**
 * The corpus's input validations, applied wherever data comes in (evaluate, import, the API): an
 * amount the text allows only within a range (齐鲁电商贷 单户贷款额度为10万元至1000万元) is refused
 * with the article's words, never silently evaluated.
 */
import { factInfo, formatValue, scaled, type Dataset } from '@duixian/engine';
import { CORPUS } from './rules.js';

export function inputProblems(ds: Dataset): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const v of CORPUS.validations) {
    const { unit, label } = factInfo(CORPUS.vocabulary, v.fact);
    const min = scaled(unit, v.min);
    const max = scaled(unit, v.max);
    ds.facts.forEach((f, k) => {
      if (f.key !== v.fact || (f.value >= min && f.value <= max)) return;
      const doc = CORPUS.documents.find((d) => d.id === v.document)!;
      out.push({ path: `facts[${k}].value`, message: `${label} ${formatValue(unit, f.value)} 不在允许范围内：${v.text}（${doc.number} 第${v.article}条）; give an amount from ${v.min} to ${v.max}` });
    });
  }
  return out;
}
