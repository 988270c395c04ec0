// The floor: the same enterprise rules as hand-written JavaScript over the same loaded dataset.
// No explanations, no generality: one pass to index facts, one pass over enterprises.
// usage: node bench/scenarios/loop.js FILE
import { isWithin } from '@duixian/engine';
import { readFile } from '@duixian/interchange';
import { KNOWN } from '../../packages/cli/dist/known.js';
import { now, report } from './common.js';

const file = process.argv[2];
const read = await readFile(file, KNOWN, {});
if (!read.ok) throw new Error('bad file');
const ds = read.dataset;
const Y = ds.year;
const t = now();
const index = new Map(ds.subjects.map((s, i) => [s.id, i]));
const n = ds.subjects.length;
const col = () => new Float64Array(n).fill(NaN);
const pgor = col(), retail = col(), sales = col(), usd = col(), yuanCb = col(), title = col(), fee1688 = col();
const promo = new Float64Array(n), brand = new Float64Array(n);
for (const f of ds.facts) {
  if (f.year !== Y || f.quarter !== undefined) continue;
  const i = index.get(f.subject);
  switch (f.key) {
    case 'physicalGoodsOnlineRetail': pgor[i] = f.value; break;
    case 'onlineRetail': retail[i] = f.value; break;
    case 'onlineSales': sales[i] = f.value; break;
    case 'crossBorderTransactionsUsd': usd[i] = f.value; break;
    case 'crossBorderTransactions': yuanCb[i] = f.value; break;
    case 'nationalTitle': title[i] = f.value; break;
    case 'annualFee1688': fee1688[i] = f.value; break;
    case 'promotionAbroadCost': promo[i] += f.value; break;
    case 'brandRegistrationCost': case 'scCertificationCost': case 'packagingDesignCost': brand[i] = Math.max(brand[i], f.value); break;
  }
}
const cn = index.get('CN');
const rate = ds.facts.find((f) => f.subject === 'CN' && f.key === 'cnyPerUsd' && f.year === Y)?.value;
const inCity = new Map();
const within = (code, anc) => {
  const k = code + anc;
  let v = inCity.get(k);
  if (v === undefined) inCity.set(k, (v = isWithin(code, anc)));
  return v;
};
const awards = [];
let trafficTotal = 0;
const traffic = [];
for (let i = 0; i < n; i++) {
  const s = ds.subjects[i];
  if (s.kind !== 'enterprise') continue;
  const tags = s.tags; // a few tags each: includes() beats building a Set
  const r = s.region;
  if (pgor[i] >= 1e10) { const a = Math.min(Math.floor(pgor[i] / 1e6) * 200, 1e8); traffic.push([i, a]); trafficTotal += a; }
  if (tags.includes('mcn') || tags.includes('liveTeam')) if (tags.includes('independentLegalPerson') && tags.includes('newlyEstablished') && retail[i] >= 5e9) awards.push([i, 'sd6', null]);
  if (within(r, '370800')) {
    if (tags.includes('inStatsLibrary') && tags.includes('tradeCirculation')) {
      const v = pgor[i];
      const a = v >= 2e10 ? 3e7 : v >= 1e10 ? 2e7 : v >= 5e9 ? 1e7 : 0;
      if (a) awards.push([i, 'jn2023', a]);
    }
    if (title[i] === 1) awards.push([i, 'jntitle', 5e7]);
  }
  if (within(r, '370115')) {
    if (tags.includes('sellsBrandedAgriProducts') && retail[i] >= 1e8) awards.push([i, 'jy2', 5e6]);
    if (tags.includes('agriEcommerce') && retail[i] >= 1e8 && brand[i] > 0) awards.push([i, 'jy3', Math.floor(brand[i] / 2)]);
    let best = 0;
    if (tags.includes('ecommerceWholesaleRetail')) { const v = sales[i]; best = v >= 6e10 ? 15e6 : v >= 1e10 ? 1e7 : v >= 2e9 ? 5e6 : 0; }
    if (tags.includes('onlineRetailer')) { const v = retail[i]; best = Math.max(best, v >= 6e9 ? 3e7 : v >= 3e9 ? 2e7 : v >= 5e8 ? 1e7 : 0); }
    if (best) awards.push([i, 'jy5', best]);
  }
  if (within(r, '370500')) {
    if (promo[i] > 0 && !tags.includes('costSubsidisedElsewhere')) awards.push([i, 'dy-promo', Math.min(Math.floor(promo[i] / 2), 1e7)]);
    if (tags.includes('firstBatch1688') && fee1688[i] >= 0) awards.push([i, 'dy1688', Math.floor(fee1688[i] / 2)]);
  }
  if (within(r, '370100')) {
    if (usd[i] > 1e9 || (rate !== undefined && yuanCb[i] * 1e6 > 1e9 * rate)) awards.push([i, 'jinan', null]);
  }
}
const cap = 5e8;
for (const [i, a] of traffic) awards.push([i, 'traffic', trafficTotal > cap ? Math.floor((a * cap) / trafficTotal) : a]);
const evaluateMs = now() - t;
void cn;
report({ scenario: 'hand-written loop', subjects: n, evaluateMs: Math.round(evaluateMs), awards: awards.length });
