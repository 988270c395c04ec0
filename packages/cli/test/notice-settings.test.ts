/**
 * DUIXIAN_NOTICE_MIN_DAYS as `duixian serve` reads it: the shortest 公示 in working days, a whole
 * number from 1 to 30; unset, the server's default (5). A bad value stops the start (exit 2) with
 * a line saying what to write.
 */
import { describe, expect, it } from 'vitest';
import { noticeMinDaysOf } from '../src/commands/serve.js';

describe('DUIXIAN_NOTICE_MIN_DAYS', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['5', 5],
    ['7', 7],
    ['1', 1],
    ['30', 30],
  ])('%j → %j', (raw, days) => {
    expect(noticeMinDaysOf(raw)).toEqual({ ok: true, days });
  });

  it.each(['0', '31', '5.5', 'five', '-3', '7d'])('refuses %j, saying what to write', (raw) => {
    const r = noticeMinDaysOf(raw);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.problem).toContain('a whole number of working days from 1 to 30');
  });
});
