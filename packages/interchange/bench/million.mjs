// Validation speed on a province-scale file: N enterprises (default 1,000,000), 4 facts each.
// Run after building: `npx tsc -b packages/interchange && node --max-old-space-size=8000 packages/interchange/bench/million.mjs [N]`.
import { usccCheckChar } from '@duixian/engine';
import { readObject } from '../dist/index.js';

const N = Number(process.argv[2] ?? 1_000_000);
const known = { rules: new Set(['jining-2022-54/1.retail']), interpretations: {} };

function text() {
  const parts = ['{"format":"duixian/v1","year":2023,"subjects":[{"id":"CN","kind":"country","name":"全国"}'];
  for (let i = 0; i < N; i++) {
    const first17 = `91370811MA${String(i).padStart(7, '0')}`;
    parts.push(`,{"id":"E${i}","kind":"enterprise","name":"示例电商${i}有限公司","region":"370811","uscc":"${first17}${usccCheckChar(first17)}","tags":["inStatsLibrary","tradeCirculation"]}`);
  }
  parts.push('],"facts":[{"subject":"CN","year":2023,"key":"cnyPerUsd","value":"7.0467"}');
  for (let i = 0; i < N; i++) {
    parts.push(
      `,{"subject":"E${i}","year":2023,"key":"physicalGoodsOnlineRetail","value":${(i % 100000) * 13 + 0.25}}` +
        `,{"subject":"E${i}","year":2022,"key":"physicalGoodsOnlineRetail","value":"${(i % 9000) + 1}.5万元"}` +
        `,{"subject":"E${i}","year":2023,"key":"onlineSales","value":${i * 7}}` +
        `,{"subject":"E${i}","year":2023,"key":"crossBorderTransactionsUsd","value":"${i % 5000}.10","source":"企业自报"}`,
    );
  }
  parts.push(']}');
  return parts.join('');
}

const seconds = (ms) => (ms / 1000).toFixed(2);
const measure = (f) => {
  const u = process.cpuUsage();
  const t = performance.now();
  const value = f();
  return { value, wall: performance.now() - t, cpu: process.cpuUsage(u).user / 1000 };
};
const json = measure(text);
console.log(`generated ${(json.value.length / 1e6).toFixed(0)} M chars in ${seconds(json.wall)} s`);
const parsed = measure(() => JSON.parse(json.value));
const read = measure(() => readObject(parsed.value, known));
const r = read.value;
if (!r.ok) throw new Error(r.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('\n'));
console.log(`${N} enterprises, ${r.dataset.facts.length} facts`);
console.log(`JSON.parse  ${seconds(parsed.wall)} s wall, ${seconds(parsed.cpu)} s cpu`);
console.log(`readObject  ${seconds(read.wall)} s wall, ${seconds(read.cpu)} s cpu (validation and conversion)`);
console.log(`heap ${(process.memoryUsage().heapUsed / 1e9).toFixed(2)} GB`);
