// The same enterprise rules written for json-rules-engine, run over the same dataset.
// usage: node bench/scenarios/jre.js FILE [LIMIT]   (LIMIT: first N enterprises; the rate is reported)
import { Engine } from 'json-rules-engine';
import { isWithin } from '@duixian/engine';
import { readFile } from '@duixian/interchange';
import { KNOWN } from '../../packages/cli/dist/known.js';
import { now, report } from './common.js';

const [file, limitArg] = process.argv.slice(2);
const read = await readFile(file, KNOWN, {});
if (!read.ok) throw new Error('bad file');
const ds = read.dataset;
const Y = ds.year;

const engine = new Engine([], { allowUndefinedFacts: true });
engine.addOperator('within', (code, anc) => typeof code === 'string' && isWithin(code, anc));
engine.addOperator('hasTag', (tags, tag) => Array.isArray(tags) && tags.includes(tag));
engine.addOperator('lacksTag', (tags, tag) => !Array.isArray(tags) || !tags.includes(tag));
const f = (fact, operator, value) => ({ fact, operator, value });
const rule = (id, all, priority = 1) => engine.addRule({ name: id, priority, conditions: { all }, event: { type: id } });
const tier = (id, region, tags, fact, ranges) => ranges.forEach(([lo, hi, amount]) => rule(`${id}:${amount}`, [
  f('region', 'within', region), ...tags.map((t) => f('tags', 'hasTag', t)), f(fact, 'greaterThanInclusive', lo), ...(hi ? [f(fact, 'lessThan', hi)] : []),
]));
rule('sd-2022-42/2.traffic', [f('physicalGoodsOnlineRetail', 'greaterThanInclusive', 1e10)]);
rule('sd-2022-42/6.live-commerce', [f('tags', 'hasTag', 'independentLegalPerson'), f('tags', 'hasTag', 'newlyEstablished'), f('onlineRetail', 'greaterThanInclusive', 5e9),
  { any: [f('tags', 'hasTag', 'mcn'), f('tags', 'hasTag', 'liveTeam')] }]);
tier('jining-2022-54/2.retail-2023', '370800', ['inStatsLibrary', 'tradeCirculation'], 'physicalGoodsOnlineRetail', [[5e9, 1e10, 1e7], [1e10, 2e10, 2e7], [2e10, null, 3e7]]);
rule('jining-2022-54/2.national-title', [f('region', 'within', '370800'), f('nationalTitle', 'equal', 1)]);
rule('jiyang-2021-80/2.agri-sales', [f('region', 'within', '370115'), f('tags', 'hasTag', 'sellsBrandedAgriProducts'), f('onlineRetail', 'greaterThanInclusive', 1e8)]);
rule('jiyang-2021-80/3.agri-brand', [f('region', 'within', '370115'), f('tags', 'hasTag', 'agriEcommerce'), f('onlineRetail', 'greaterThanInclusive', 1e8), f('brandCost', 'greaterThan', 0)]);
tier('jiyang-2021-80/5.wholesale', '370115', ['ecommerceWholesaleRetail'], 'onlineSales', [[2e9, 1e10, 5e6], [1e10, 6e10, 1e7], [6e10, null, 15e6]]);
tier('jiyang-2021-80/5.retail', '370115', ['onlineRetailer'], 'onlineRetail', [[5e8, 3e9, 1e7], [3e9, 6e9, 2e7], [6e9, null, 3e7]]);
rule('dongying-2020-9/3.5.promotion', [f('region', 'within', '370500'), f('promotionAbroadCost', 'greaterThan', 0), f('tags', 'lacksTag', 'costSubsidisedElsewhere')]);
rule('dongying-2020-9/3.5.1688', [f('region', 'within', '370500'), f('tags', 'hasTag', 'firstBatch1688'), f('annualFee1688', 'greaterThanInclusive', 0)]);
rule('jinan-2021-cbec/1.1.leader', [f('region', 'within', '370100'), { any: [f('crossBorderTransactionsUsd', 'greaterThan', 1e9), f('crossBorderYuanVsUsdThreshold', 'greaterThan', 0)] }]);

// facts per enterprise, indexed once (the same work the loop does)
const facts = new Map();
const rate = ds.facts.find((x) => x.subject === 'CN' && x.key === 'cnyPerUsd' && x.year === Y)?.value;
for (const x of ds.facts) {
  if (x.year !== Y || x.quarter !== undefined) continue;
  let o = facts.get(x.subject);
  if (!o) facts.set(x.subject, (o = {}));
  if (x.key === 'promotionAbroadCost') o.promotionAbroadCost = (o.promotionAbroadCost ?? 0) + x.value;
  else if (x.key.endsWith('Cost') && x.key !== 'contestEventCost') o.brandCost = Math.max(o.brandCost ?? 0, x.value);
  else o[x.key] = x.value;
}
const enterprises = ds.subjects.filter((s) => s.kind === 'enterprise');
const limit = limitArg ? Math.min(Number(limitArg), enterprises.length) : enterprises.length;
const t = now();
let events = 0;
for (let k = 0; k < limit; k++) {
  const s = enterprises[k];
  const o = facts.get(s.id) ?? {};
  const yuanVsUsd = rate !== undefined && o.crossBorderTransactions !== undefined ? o.crossBorderTransactions * 1e6 - 1e9 * rate : -1;
  const r = await engine.run({ ...o, region: s.region, tags: s.tags, crossBorderYuanVsUsdThreshold: yuanVsUsd });
  events += r.events.length;
}
const ms = now() - t;
report({
  scenario: 'json-rules-engine', enterprises: limit, of: enterprises.length, evaluateMs: Math.round(ms),
  projectedMs: Math.round((ms / limit) * enterprises.length), events,
});
