/** 目标监测 and 监测通报: the corpus's targets with progress, and the quarterly report per city. */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable } from './common.js';

const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: '年度 the year' });
export const TargetsQuery = Type.Object({ year: Year });
export const MonitoringQuery = Type.Object({ year: Year, quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: '季度；缺省为全年 the quarter; the year when absent' })) });

export const TargetProgress = Type.Object({
  target: Type.String(), document: Type.String(), description: Type.String({ description: '目标 the target in the text\'s words' }),
  due: Type.Integer({ description: '目标年份 the year it is due' }),
  value: Type.String({ description: '目标值（原文） the text\'s figure' }),
  status: Type.String({ description: '进度判断 on-track, off-track, met, no-data…' }),
  actual: Nullable(Type.String({ description: '实际值 the actual value' })),
  progress: Nullable(Type.String({ description: '完成百分比 actual ÷ target, a percentage' })),
  projected: Nullable(Type.String({ description: '按去年增速预计 projected from last year\'s growth' })),
  why: Type.Optional(Type.String({ description: '无法计算的原因 why it cannot be computed' })),
});
export type TargetProgress = Static<typeof TargetProgress>;

export const Targets = Type.Object({ year: Type.Integer(), items: List(TargetProgress) }, { description: '各项目标的进度 Each target with its progress' });
export type Targets = Static<typeof Targets>;

const Indicator = Type.Object({
  value: Nullable(Type.String({ description: '数值 yuan with two places, or a count' })),
  growth: Nullable(Type.String({ description: '同比增长 growth on a year before, a percentage' })),
  rank: Nullable(Type.Integer({ description: '全省16市中的名次 rank among the cities' })),
});
export type Indicator = Static<typeof Indicator>;

export const CityReport = Type.Object({
  city: Type.String(), name: Type.String(),
  onlineRetail: Indicator, physicalGoodsOnlineRetail: Indicator,
  share: Type.Object({ value: Nullable(Type.String()), rank: Nullable(Type.Integer()) }, { description: '实物商品网上零售额占社零比重 physical-goods online retail ÷ retail sales' }),
  newOnlineShops: Indicator,
});
export type CityReport = Static<typeof CityReport>;

export const Monitoring = Type.Object({
  year: Type.Integer(), quarter: Nullable(Type.Integer()), cities: List(CityReport),
}, { description: '监测通报：各市主要指标、增速与名次 The quarterly report per city' });
export type Monitoring = Static<typeof Monitoring>;
