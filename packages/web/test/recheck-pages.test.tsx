// @vitest-environment jsdom
/**
 * Issue 14, points 2 and 3, as the pages show them (against a stubbed API): a reviewer sees what
 * changed since the application was queued and approves only with an acknowledgement reason, sent
 * as `acknowledge`; a 金额待定 award says so and offers the funder's form; the budgets show what
 * first approvals reserved; a payment refused with 409 decision-changed shows the changes and is
 * sent again with the reason. The pure rules behind the buttons are tested on both sides.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApplicationPanel } from '../src/pages/ApplicationPanel';
import { Budgets } from '../src/pages/Budgets';
import { ApiFailure, type Account } from '../src/api';
import { LangContext } from '../src/i18n';
import { acknowledging, amountSettable, approvalBlocked, decisionChanged, type ApplicationDetail } from '../src/process';

window.matchMedia ??= ((query: string) => ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false })) as typeof window.matchMedia;
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const BLACKLISTED = { code: 'blacklisted', zh: '该主体已列入信用黑名单，按现行规定不予奖励', en: 'The subject is on the credit blacklist now: no award' };
const POOL = { code: 'pool-exhausted', zh: '本条资金池已用尽（已核定及拨付的奖励已达总额）', en: 'The rule\'s pool is used up by the awards granted' };

const detail = (over: Partial<ApplicationDetail> = {}): ApplicationDetail => ({
  id: '7', subjectId: 'E3', subjectName: '兖州示例电商有限公司', rule: 'jining-2022-54/8.hiring', document: 'jining-2022-54', year: 2023, mode: 'application', state: 'city-review',
  chain: ['county', 'city'], region: '370812', funder: '370812', decided: '50000.00', approved: null, held: null, ceiling: false, amountPending: false,
  facts: [], explanation: null, reviewDue: null, deadline: null, version: 4, actions: ['approve', 'return', 'reject'], runId: null,
  used: [], changes: [], events: [], attachments: [], ...over,
});

const ADMIN: Account = { username: 'jining-admin', role: 'city-admin', region: '370800', uscc: null, bank: null, mustChangePassword: false };
const ENTERPRISE: Account = { username: 'e3-user', role: 'enterprise', region: null, uscc: 'X', bank: null, mustChangePassword: false };

/** A stubbed API: GETs answered from `gets`, each POST recorded and answered by `post`. */
function stubApi(gets: Record<string, unknown>, post: (url: string, body: unknown) => Response = () => new Response('{}')) {
  const posted: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === 'POST') {
      const body = JSON.parse(String(init.body));
      posted.push({ url, body });
      return post(url, body);
    }
    const key = Object.keys(gets).find((k) => url.startsWith(k));
    return new Response(JSON.stringify(key ? gets[key] : {}));
  }));
  return posted;
}

const failure = (status: number, code: string) => new Response(JSON.stringify({ error: { code, message: { zh: '自列入审核以来情况有变', en: 'The decision changed' }, details: [] } }), { status });

describe('the rules behind the approve button', () => {
  it('changes need a reason that is not blank; none need nothing', () => {
    expect(approvalBlocked(detail(), '')).toBeUndefined();
    expect(approvalBlocked(detail({ changes: [BLACKLISTED] }), '')?.zh).toContain('确认理由');
    expect(approvalBlocked(detail({ changes: [BLACKLISTED] }), ' \n ')?.en).toContain('reason');
    expect(approvalBlocked(detail({ changes: [BLACKLISTED] }), '经集体研究')).toBeUndefined();
  });

  it('a pending amount not yet set blocks the LAST level only; once set, nothing', () => {
    const pending = { amountPending: true, decided: null };
    expect(approvalBlocked(detail({ ...pending, state: 'city-review' }), '')?.zh).toContain('金额待定');
    expect(approvalBlocked(detail({ ...pending, state: 'county-review' }), '')).toBeUndefined(); // the city decides later
    expect(approvalBlocked(detail({ ...pending, state: 'city-review', decided: '50000.00' }), '')).toBeUndefined();
  });

  it('the acknowledgement is sent only when something changed, its reason trimmed', () => {
    expect(acknowledging([], '理由')).toEqual({});
    expect(acknowledging([BLACKLISTED], '  理由 ')).toEqual({ acknowledge: { reason: '理由' } });
  });

  it('a 409 decision-changed is told apart from any other failure', () => {
    expect(decisionChanged(new ApiFailure(409, 'decision-changed', 'z', 'e'))).toBe(true);
    expect(decisionChanged(new ApiFailure(409, 'stale', 'z', 'e'))).toBe(false);
    expect(decisionChanged(new ApiFailure(422, 'decision-changed', 'z', 'e'))).toBe(false);
    expect(decisionChanged(new Error('decision-changed'))).toBe(false);
  });

  it('the amount form: administrators, a pending award, in review', () => {
    expect(amountSettable(detail({ amountPending: true }), ADMIN)).toBe(true);
    expect(amountSettable(detail({ amountPending: true }), ENTERPRISE)).toBe(false);
    expect(amountSettable(detail({ amountPending: false }), ADMIN)).toBe(false);
    expect(amountSettable(detail({ amountPending: true, state: 'final' }), ADMIN)).toBe(false);
  });
});

describe('the application a reviewer sees', () => {
  it('lists what changed; approve is disabled, saying why, until a reason is given; then sends acknowledge', async () => {
    const posted = stubApi({ '/api/v1/applications/7': detail({ changes: [BLACKLISTED, POOL] }), '/api/v1/vocabulary': { factKeys: [] } }, () => new Response(JSON.stringify(detail({ state: 'approved', actions: [] }))));
    render(<ApplicationPanel id="7" account={ADMIN} onChanged={() => {}} />);
    const changes = await screen.findByTestId('changes', {}, { timeout: 10_000 });
    expect(changes.textContent).toContain('与列入名单时相比有变化');
    expect(changes.textContent).toContain('信用黑名单');
    expect(changes.textContent).toContain('资金池已用尽');
    const approve = screen.getByTestId('action-approve') as HTMLButtonElement;
    expect(approve.disabled).toBe(true);
    expect(screen.getByTestId('approve-blocked').textContent).toContain('确认理由');
    fireEvent.click(approve);
    expect(posted).toEqual([]);
    fireEvent.change(screen.getByLabelText('确认理由（已知悉上述变化）'), { target: { value: '黑名单列入在申报事项之后，经集体研究同意' } });
    await waitFor(() => expect((screen.getByTestId('action-approve') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('approve-blocked')).toBeNull();
    fireEvent.click(screen.getByTestId('action-approve'));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({ url: '/api/v1/applications/7/actions', body: { action: 'approve', version: 4, acknowledge: { reason: '黑名单列入在申报事项之后，经集体研究同意' } } });
  });

  it('in English, the changes in English', async () => {
    stubApi({ '/api/v1/applications/7': detail({ changes: [BLACKLISTED] }), '/api/v1/vocabulary': { factKeys: [] } });
    render(<LangContext.Provider value="en"><ApplicationPanel id="7" account={ADMIN} onChanged={() => {}} /></LangContext.Provider>);
    const changes = await screen.findByTestId('changes', {}, { timeout: 10_000 });
    expect(changes.textContent).toContain('credit blacklist');
    expect(changes.textContent).not.toContain('黑名单');
  });

  it('nothing changed: no warning, no acknowledgement field, approve sends no acknowledge', async () => {
    const posted = stubApi({ '/api/v1/applications/7': detail(), '/api/v1/vocabulary': { factKeys: [] } });
    render(<ApplicationPanel id="7" account={ADMIN} onChanged={() => {}} />);
    await screen.findByTestId('application', {}, { timeout: 10_000 });
    expect(screen.queryByTestId('changes')).toBeNull();
    expect(screen.queryByLabelText('确认理由（已知悉上述变化）')).toBeNull();
    fireEvent.click(screen.getByTestId('action-approve'));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.body).toEqual({ action: 'approve', version: 4 });
  });

  it('a page opened before the change: the refused approval (409) brings the changes and the acknowledgement field', async () => {
    let refused = false;
    const posted = stubApi({ '/api/v1/vocabulary': { factKeys: [] } }, () => { refused = true; return failure(409, 'decision-changed'); });
    const fetch = globalThis.fetch as ReturnType<typeof vi.fn>;
    const stubbed = fetch.getMockImplementation()!;
    fetch.mockImplementation(async (url: string, init?: RequestInit) =>
      (url === '/api/v1/applications/7' ? new Response(JSON.stringify(detail({ changes: refused ? [BLACKLISTED] : [] }))) : stubbed(url, init)));
    render(<ApplicationPanel id="7" account={ADMIN} onChanged={() => {}} />);
    await screen.findByTestId('application', {}, { timeout: 10_000 });
    expect(screen.queryByTestId('changes')).toBeNull();
    fireEvent.click(screen.getByTestId('action-approve'));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect((await screen.findByTestId('changes', {}, { timeout: 10_000 })).textContent).toContain('信用黑名单');
    expect((screen.getByTestId('action-approve') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByLabelText('确认理由（已知悉上述变化）')).toBeTruthy();
  });

  it('金额待定: shown as such; an administrator sets the amount with a reason; the server\'s refusal is shown', async () => {
    const pending = detail({ amountPending: true, decided: null, state: 'county-review' });
    const posted = stubApi({ '/api/v1/applications/7': pending, '/api/v1/vocabulary': { factKeys: [] } },
      () => new Response(JSON.stringify({ error: { code: 'outside-jurisdiction', message: { zh: '资金来源 370812 不在您的管辖范围内', en: 'Funder 370812 is outside your jurisdiction' }, details: [] } }), { status: 403 }));
    render(<ApplicationPanel id="7" account={ADMIN} onChanged={() => {}} />);
    await screen.findByTestId('application', {}, { timeout: 10_000 });
    expect(screen.getByTestId('decided').textContent).toBe('金额待定');
    fireEvent.change(screen.getByTestId('set-amount-value'), { target: { value: '5万元' } });
    fireEvent.change(screen.getByLabelText('设定理由'), { target: { value: '按县级标准' } });
    fireEvent.click(screen.getByTestId('set-amount'));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({ url: '/api/v1/applications/7/amount', body: { version: 4, amount: '5万元', reason: '按县级标准' } });
    expect((await screen.findByRole('alert')).textContent).toContain('不在您的管辖范围内');
  });

  it('金额待定 to an enterprise: shown, no form', async () => {
    stubApi({ '/api/v1/applications/7': detail({ amountPending: true, decided: null, state: 'county-review', actions: ['withdraw'] }), '/api/v1/vocabulary': { factKeys: [] } });
    render(<ApplicationPanel id="7" account={ENTERPRISE} onChanged={() => {}} />);
    await screen.findByTestId('application', {}, { timeout: 10_000 });
    expect(screen.getByTestId('decided').textContent).toBe('金额待定');
    expect(screen.queryByTestId('set-amount')).toBeNull();
  });
});

describe('budgets and payments', () => {
  const budgets = {
    items: [{ document: 'jining-2022-54', funder: '370812', year: 2023, total: '100000.00', committed: '20000.00', reserved: '50000.00', paid: '0.00', remaining: '30000.00', permille: 700, warning: '70' }],
    totals: [{ funder: '370812', total: '100000.00', committed: '20000.00', reserved: '50000.00', paid: '0.00' }],
  };
  const final = detail({ state: 'final', approved: '50000.00', actions: [] });

  it('已预留 beside 已核定 and 已拨付, and 剩余 as the API gives it', async () => {
    stubApi({ '/api/v1/budgets': budgets, '/api/v1/disbursements': { items: [] }, '/api/v1/applications': { page: 1, pageSize: 500, total: 0, items: [] }, '/api/v1/documents': { items: [] } });
    render(<Budgets account={ADMIN} />);
    const table = await screen.findByTestId('budgets', {}, { timeout: 10_000 });
    // Before the budgets arrive antd shows a placeholder row ("暂无数据"): wait for the data row itself.
    const row = await waitFor(() => { const r = table.querySelector('tr[data-row-key]'); expect(r).not.toBeNull(); return r!; }, { timeout: 10_000 });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(expect.arrayContaining(['已预留', '剩余']));
    const cells = row.querySelectorAll('td');
    const at = (title: string) => cells[headers.indexOf(title)]!.textContent;
    // as people write money: 20000.00 yuan reads 2.00万元
    expect([at('已核定'), at('已预留'), at('已拨付'), at('剩余')]).toEqual(['2.00万元', '5.00万元', '0.00元', '3.00万元']);
  });

  it('a payment refused as decision-changed shows the changes and goes again with the reason', async () => {
    const posted = stubApi(
      { '/api/v1/budgets': budgets, '/api/v1/disbursements': { items: [] }, '/api/v1/applications/7': { ...final, changes: [BLACKLISTED] }, '/api/v1/applications?': { page: 1, pageSize: 500, total: 1, items: [final] }, '/api/v1/documents': { items: [] } },
      (_, body) => ((body as { acknowledge?: unknown }).acknowledge ? new Response(JSON.stringify({ application: '7', paid: '50000.00', approved: '50000.00', state: 'paid' }), { status: 201 }) : failure(409, 'decision-changed')),
    );
    render(<Budgets account={ADMIN} />);
    await screen.findByTestId('pay-7', {}, { timeout: 10_000 });
    fireEvent.change(screen.getByTestId('pay-order-7'), { target: { value: 'YZ2023-0001' } });
    fireEvent.click(screen.getByTestId('pay-7'));
    const changes = await screen.findByTestId('changes', {}, { timeout: 10_000 });
    expect(changes.textContent).toContain('信用黑名单');
    const again = screen.getByTestId('pay-acknowledged') as HTMLButtonElement;
    expect(again.disabled).toBe(true); // no reason yet
    fireEvent.change(screen.getByLabelText('确认理由（已知悉上述变化）'), { target: { value: '经财政局审定拨付' } });
    await waitFor(() => expect((screen.getByTestId('pay-acknowledged') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('pay-acknowledged'));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted.map((p) => p.body)).toEqual([
      { application: '7', orderNo: 'YZ2023-0001', paidOn: '', amount: '50000.00' },
      { application: '7', orderNo: 'YZ2023-0001', paidOn: '', amount: '50000.00', acknowledge: { reason: '经财政局审定拨付' } },
    ]);
    await waitFor(() => expect(screen.queryByTestId('changes')).toBeNull()); // paid: the question is gone
  });
});
