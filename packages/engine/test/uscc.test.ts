import { describe, expect, it } from 'vitest';
import { usccCheckChar, usccProblem } from '../src/index.js';

describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  // published codes of well-known companies (public registry data)
  it.each(['91350100M000100Y43', '9144030071526726XG', '91110000802100433B'])('%s is valid', (code) => {
    expect(usccProblem(code)).toBeUndefined();
  });
  it('a wrong check character is detected, and the right one computed', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('check');
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });
  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100I43', 'character'],
    ['9135010OM000100Y43', 'character'],
  ])('%s → %s', (code, problem) => expect(usccProblem(code)).toBe(problem));
});
