// @vitest-environment jsdom
/**
 * Components with Testing Library: the policy calculator against a stubbed API — an enterprise
 * user sees its own subject's matches, the eligible total summed exactly, the gap of what it
 * misses — and an API failure shown with each row's problem.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Calculator } from '../src/pages/Calculator';
import { Failure } from '../src/pages/Failure';
import { ApiFailure, type Account, type Match } from '../src/api';

// Ant Design asks the browser for media queries and sizes; jsdom has neither
window.matchMedia ??= ((query: string) => ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false })) as typeof window.matchMedia;
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const match = (over: Partial<Match>): Match => ({
  rule: 'r', document: 'd', number: '鲁政字〔2022〕42号', article: '二', title: 't', status: 'eligible', type: 'money',
  amount: '0.00', ceiling: false, failing: [], missing: [], steps: [], ...over,
});

describe('政策计算器', () => {
  it('an enterprise user sees its own matches: eligible ones summed exactly, the gap of the others', async () => {
    const matches = [
      match({ rule: 'a', title: '流量补贴', amount: '0.10', ceiling: true }),
      match({ rule: 'b', title: '分档奖励', amount: '0.20' }),
      match({ rule: 'c', title: '龙头企业', status: 'not-eligible', type: null, amount: null, failing: ['实物商品网络零售额 8,800万元 < 1亿元（以上，含本数），还差 1,200万元 达到 1亿元'] }),
    ];
    const fetch = vi.fn(async (url: string) => new Response(JSON.stringify(
      url === '/api/v1/subjects' ? { page: 1, pageSize: 50, total: 1, items: [{ id: 'E1', name: '示例电商有限公司', region: '370811', uscc: 'X' }] } : { matches },
    )));
    vi.stubGlobal('fetch', fetch);
    const account: Account = { username: 'e1', role: 'enterprise', region: null, uscc: 'X', bank: null, mustChangePassword: false };
    render(<Calculator account={account} />);
    await waitFor(() => expect(screen.getByTestId('eligible-count').textContent).toBe('2'), { timeout: 10_000 }); // Ant Design renders slowly in jsdom on a busy machine
    expect(screen.getByTestId('eligible-total').textContent).toBe('0.30元'); // as people write money (formatMoney)
    expect(screen.getByText(/还差 1,200万元 达到 1亿元/)).toBeTruthy();
    expect(fetch.mock.calls.map(([u]) => u)).toEqual(['/api/v1/subjects', '/api/v1/subjects/E1/match?year=2023']);
  });
});

describe('tables held in memory sort through antd', () => {
  it('the calculator\'s amounts exactly, and the rules without an amount last either way', async () => {
    const matches = [
      match({ rule: 'a', title: 'A', amount: '100.00' }),
      match({ rule: 'b', title: 'B', status: 'not-eligible', type: null, amount: null }),
      match({ rule: 'c', title: 'C', amount: '99.99' }),
      match({ rule: 'd', title: 'D', amount: '1000.00' }),
    ];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => new Response(JSON.stringify(
      url === '/api/v1/subjects' ? { page: 1, pageSize: 50, total: 1, items: [{ id: 'E1', name: '示例电商有限公司', region: '370811', uscc: 'X' }] } : { matches },
    ))));
    render(<Calculator account={{ username: 'e1', role: 'enterprise', region: null, uscc: 'X', bank: null, mustChangePassword: false }} />);
    const table = await screen.findByTestId('matches', {}, { timeout: 10_000 });
    // the clause column reads 鲁政字〔2022〕42号 第二条 A: its title is the last word
    const titles = () => within(table).getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[1]?.textContent?.split(' ').at(-1));
    await waitFor(() => expect(titles()).toEqual(['A', 'B', 'C', 'D']), { timeout: 10_000 });
    const header = within(table).getAllByText('金额')[0]!; // (a table that scrolls sideways measures its header twice)
    fireEvent.click(header);
    await waitFor(() => expect(titles()).toEqual(['C', 'A', 'D', 'B'])); // 99.99 < 100.00 < 1000.00, then —
    fireEvent.click(header);
    await waitFor(() => expect(titles()).toEqual(['D', 'A', 'C', 'B'])); // going down, — still last
  });
});

describe('errors', () => {
  it('say what went wrong and list each row\'s problem', () => {
    render(<Failure error={new ApiFailure(422, 'invalid-data', '数据有 1 处问题', '1 problem', [{ path: '事实(facts)!D2', message: 'row 2, column 值(value): "很多钱" is not an amount' }])} />);
    expect(screen.getByRole('alert').textContent).toContain('数据有 1 处问题');
    expect(screen.getByText('事实(facts)!D2')).toBeTruthy();
  });
});
