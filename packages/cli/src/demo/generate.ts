/**
 * The demo dataset: regions, planted showcase subjects, then `enterprises` generated
 * enterprises. `prepareDemo` builds the small fixed part once; enterprises are made one at a
 * time from their own PRNG streams (see enterprises.ts), which lets writeDemoFile stream a
 * million of them without holding them in memory.
 */
import { region } from '@duixian/corpus';
import { EnterpriseFactory } from './enterprises.js';
import { plant } from './planted.js';
import { Rng } from './random.js';
import { buildRegions } from './regions.js';
import {
  resolveOptions,
  type DemoDataset,
  type DemoFact,
  type DemoHistory,
  type DemoMeta,
  type DemoOptions,
  type DemoParameter,
  type DemoSubject,
  type ResolvedOptions,
} from './types.js';

export const DEMO_DESCRIPTION =
  '合成演示数据（非真实统计）：山东省及16市、各县（市、区）和功能区的统计数据均为按大致规模随机生成，' +
  '企业、园区、平台、店铺、网红等主体及其名称、统一社会信用代码均为虚构，仅供演示和测试政策兑现计算；' +
  '全国（CN）基准取公开数据的近似值。';

/** Everything except the generated enterprises, plus the factory that makes them. */
export interface PreparedDemo {
  readonly options: ResolvedOptions;
  readonly meta: DemoMeta;
  readonly subjects: readonly DemoSubject[];
  readonly facts: readonly DemoFact[];
  readonly history: readonly DemoHistory[];
  readonly parameters: readonly DemoParameter[];
  readonly factory: EnterpriseFactory;
}

export function prepareDemo(opts?: DemoOptions): PreparedDemo {
  const options = resolveOptions(opts);
  const { seed, year } = options;
  const regions = buildRegions(seed, year);
  const planted = plant(seed, year, Rng.of(seed, 'planted'));
  const factory = new EnterpriseFactory(seed, year, regions, (code) => region(code)?.name ?? code);
  return {
    options,
    meta: { description: DEMO_DESCRIPTION, synthetic: true, generator: 'duixian demo', seed },
    subjects: [...regions.subjects, ...planted.subjects],
    facts: [...regions.facts, ...planted.facts],
    history: planted.history,
    parameters: planted.parameters,
    factory,
  };
}

/** The whole dataset as one JSON-ready object (fine up to some hundred thousand enterprises). */
export function generateDemo(opts?: DemoOptions): DemoDataset {
  const d = prepareDemo(opts);
  const subjects = d.subjects.slice();
  const facts = d.facts.slice();
  for (let i = 0; i < d.options.enterprises; i++) {
    const row = d.factory.make(i);
    subjects.push(row.subject);
    for (const f of row.facts) facts.push(f);
  }
  return {
    format: 'duixian/v1',
    year: d.options.year,
    meta: d.meta,
    subjects,
    facts,
    history: d.history.slice(),
    parameters: d.parameters.slice(),
  };
}
