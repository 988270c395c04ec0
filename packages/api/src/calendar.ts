/** The working-day calendar as the administrators need to know it. */
import { Type, type Static } from '@sinclair/typebox';
import { Day } from './applications.js';
import { List } from './common.js';

export const CalendarInfo = Type.Object({
  today: Day('今天 today'),
  years: List(Type.Integer(), { description: '有法定节假日数据的年度 the years it has the State Council\'s holidays for' }),
  missing: Type.Array(Type.Integer(), { description: '缺少的本年或下年 the current or next year it lacks' }),
  noticeMinDays: Type.Integer({ description: '公示最短天数 the shortest 公示, in days' }),
}, { description: '工作日历 The working-day calendar', examples: [{ today: '2026-03-01', years: [2024, 2025, 2026], missing: [2027], noticeMinDays: 5 }] });
export type CalendarInfo = Static<typeof CalendarInfo>;
