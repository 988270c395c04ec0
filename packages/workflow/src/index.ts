/**
 * @duixian/workflow: the rules of the process around the engine's decisions — applications
 * (申报) and their three-level review (三级审核), public notice (公示), budgets (预算), 齐鲁电商贷,
 * white and black lists, and the tracked tasks of the measures that award nothing. Pure: no I/O,
 * no clock (today is always a parameter), money in integer fen, dates as 'YYYY-MM-DD'.
 */
export * from './calendar.js';
export * from './official-calendar.js';
export * from './levels.js';
export * from './application.js';
export * from './notice.js';
export * from './budget.js';
export * from './loan.js';
export * from './lists.js';
export * from './tasks.js';
