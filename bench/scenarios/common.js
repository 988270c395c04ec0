// Shared by the benchmark scenarios: timing, peak memory, and the rule set compared like for like.
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();
/** Peak resident memory of this process so far, in MiB (getrusage maxrss). */
export const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The enterprise rules written three ways (duixian corpus, json-rules-engine, a hand-written loop). */
export const SAME_RULES = [
  'sd-2022-42/2.traffic',
  'sd-2022-42/6.live-commerce',
  'jining-2022-54/2.retail-2023',
  'jining-2022-54/2.national-title',
  'jiyang-2021-80/2.agri-sales',
  'jiyang-2021-80/3.agri-brand',
  'jiyang-2021-80/5.wholesale',
  'jiyang-2021-80/5.retail',
  'dongying-2020-9/3.5.promotion',
  'dongying-2020-9/3.5.1688',
  'jinan-2021-cbec/1.1.leader',
];

export function report(result) {
  process.stdout.write(JSON.stringify({ ...result, peakMiB: peakMiB() }) + '\n');
}
