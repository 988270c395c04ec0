// @vitest-environment jsdom
/**
 * 政策库 版本与上传 with Testing Library against a stubbed API: only the province administrator has
 * the tab; an upload's problems are listed as the API gives them (file:line field: message); a
 * clean draft shows its cost per document (现行 / 草案 / 差额, in 元) and is published with an
 * effective date and a reason.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Library } from '../src/pages/Library';
import { CorpusDrafts } from '../src/pages/CorpusDrafts';
import type { Account } from '../src/api';

// Ant Design asks the browser for media queries and sizes; jsdom has neither
window.matchMedia ??= ((query: string) => ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false })) as typeof window.matchMedia;
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const HASH = 'ab12cd34ef56'.padEnd(64, '0');
const BUILT_IN = 'ff'.repeat(32);
const version = (state: string, extra = {}) => ({ hash: HASH, version: 'v1', state, storedBy: 'sd-admin', storedAt: '2025-06-01T00:00:00Z', effective: null, publishedBy: null, reason: null, ...extra });
const DRAFT = {
  version: version('draft'), kept: true, documents: ['test-2023-1'], replaced: [],
  simulation: {
    year: 2023, total: { before: '224000.00', after: '424000.00', delta: '200000.00' },
    documents: [
      { document: 'sd-2022-42', title: '山东省电商措施', current: '24000.00', draft: '24000.00', delta: '0.00' },
      { document: 'test-2023-1', title: '测试市措施', current: '0.00', draft: '200000.00', delta: '200000.00' },
    ],
  },
};
const PROBLEMS = {
  error: {
    code: 'invalid-corpus-files', message: { zh: '政策文件有 1 处格式问题，未保存任何内容', en: '1 problem(s) in the files; nothing was kept' },
    details: [{ path: 'test-2023-1/rules.yaml:9 rules[0].conditions[0].legal', message: '"达成" is not one of 以上 达到 超过' }],
  },
};

type Answer = { status: number; body: unknown };
/** fetch answering by method and path; every request is recorded with its body. */
function stubApi(answer: (method: string, url: string) => Answer | undefined) {
  const calls: { method: string; url: string; body: unknown; type: string | undefined }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url, body: init.body, type: (init.headers as Record<string, string> | undefined)?.['content-type'] });
    const a = answer(method, url) ?? (url === '/api/v1/corpus/versions' ? { status: 200, body: { inForce: BUILT_IN, items: [version('built-in', { hash: BUILT_IN })] } }
      : url === '/api/v1/documents' || url === '/api/v1/interpretations' ? { status: 200, body: { items: [] } }
        : { status: 404, body: { error: { code: 'not-found', message: { zh: '没有', en: 'none' } } } });
    return new Response(JSON.stringify(a.body), { status: a.status });
  }));
  return calls;
}

const zip = () => new File([new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])], 'test-2023-1.zip', { type: 'application/zip' });
const drop = async () => {
  const input = (await screen.findByTestId('corpus-dropzone', {}, { timeout: 10_000 })).querySelector('input[type=file]') ?? document.querySelector('input[type=file]')!;
  fireEvent.change(input, { target: { files: [zip()] } });
};
const account = (role: Account['role']): Account => ({ username: 'x', role, region: '370000', uscc: null, bank: null, mustChangePassword: false });

describe('政策库: versions and uploads', () => {
  it('the versions and uploads are the province administrator\'s only, folded above the tabs until opened', async () => {
    const calls = stubApi(() => undefined);
    render(<Library account={account('province-admin')} />);
    const header = await screen.findByText('政策库版本与上传（省级管理员）', {}, { timeout: 10_000 });
    expect(screen.queryByTestId('corpus-dropzone')).toBeNull();
    expect(calls.some((c) => c.url === '/api/v1/corpus/versions')).toBe(false);
    fireEvent.click(header);
    expect(await screen.findByTestId('corpus-dropzone', {}, { timeout: 10_000 })).toBeTruthy();
    cleanup();
    render(<Library account={account('city-admin')} />);
    await screen.findByTestId('readings', {}, { timeout: 10_000 }); // the page is there (as tabs, or a document picker on a narrow screen)
    expect(screen.queryByText('政策库版本与上传（省级管理员）')).toBeNull();
    expect(screen.queryByTestId('corpus-dropzone')).toBeNull();
  });

  it('an upload with problems lists each as file:line field and message, as the API gives it; no draft is shown', async () => {
    // the upload runs as a job (Prefer: respond-async): it ends failed, with the API's error
    const calls = stubApi((method, url) => (method === 'POST' && url === '/api/v1/corpus/drafts' ? { status: 202, body: { id: 'j1', state: 'failed', progress: { phase: 'check' }, status: 422, ...PROBLEMS } } : undefined));
    render(<CorpusDrafts />);
    await drop();
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain('政策文件有 1 处格式问题，未保存任何内容');
    expect(within(alert).getByText('test-2023-1/rules.yaml:9 rules[0].conditions[0].legal').tagName).toBe('CODE');
    expect(alert.textContent).toContain('"达成" is not one of 以上 达到 超过');
    expect(screen.queryByTestId('corpus-draft')).toBeNull();
    const post = calls.find((c) => c.method === 'POST')!;
    expect([post.type, post.body instanceof Blob && post.body.size, post.body instanceof File && post.body.name]).toEqual(['application/zip', 22, 'test-2023-1.zip']); // the file itself, sent as it is
  });

  it('a clean draft shows 现行 / 草案 / 差额 per document in 元, and is published with its date and reason', async () => {
    const calls = stubApi((method, url) => {
      if (method === 'POST' && url === '/api/v1/corpus/drafts') return { status: 202, body: { id: 'j2', state: 'running', progress: { phase: 'check' } } };
      if (url === '/api/v1/jobs/j2') return { status: 200, body: { id: 'j2', state: 'done', progress: { phase: 'simulate' }, result: DRAFT } };
      if (method === 'POST' && url === `/api/v1/corpus/drafts/${HASH}/publish`) return { status: 200, body: { version: version('published', { effective: '2025-07-01', publishedBy: 'x', reason: '新文件印发' }), inForce: BUILT_IN } };
      return undefined;
    });
    render(<CorpusDrafts />);
    await drop();
    const cost = await screen.findByTestId('corpus-cost', {}, { timeout: 10_000 });
    const rows = within(cost).getAllByRole('row').map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['文件', '现行', '草案', '差额'],
      ['山东省电商措施', '24,000.00', '24,000.00', '0.00'],
      ['测试市措施', '0.00', '200,000.00', '200,000.00'],
      ['合计', '224,000.00', '424,000.00', '200,000.00'],
    ]);
    expect(screen.getByTestId('corpus-draft').textContent).toContain('已保存为草案 ab12cd34ef56');
    const publish = screen.getByTestId('corpus-publish');
    expect((publish as HTMLButtonElement).disabled).toBe(true); // no date, no reason yet
    fireEvent.change(screen.getByLabelText('生效日期'), { target: { value: '2025-07-01' } });
    fireEvent.change(screen.getByLabelText('发布理由'), { target: { value: '新文件印发' } });
    fireEvent.click(publish);
    expect((await screen.findByTestId('corpus-published', {}, { timeout: 10_000 })).textContent).toContain('自 2025-07-01 起');
    const sent = calls.find((c) => c.url.endsWith('/publish'))!;
    expect(JSON.parse(String(sent.body))).toEqual({ effective: '2025-07-01', reason: '新文件印发' });
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/v1/corpus/versions').length).toBeGreaterThanOrEqual(3)); // at start, after the upload, after the publication
  });
});
