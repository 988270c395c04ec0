// @vitest-environment jsdom
/**
 * 政策库 with Testing Library against a stubbed API: each rule's card beside the article shows the
 * rule as Chinese sentences (条件、金额…) as the server gives them, and no internal id as a label.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { Library } from '../src/pages/Library';

// Ant Design asks the browser for media queries and sizes; jsdom has neither
window.matchMedia ??= ((query: string) => ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false })) as typeof window.matchMedia;
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const RULE_ID = 'demo-2030/2.traffic';
const sentences = [
  { label: '条件', text: '对象为示例企业（主体类别：企业）；网络零售额1亿元以上（含本数）' },
  { label: '金额', text: '按网络零售额每1万元最高补2元，每个对象最高100万元' },
  { label: '上限', text: '总额不超过500万元（原文：全省补贴总额不超过500万元）' },
];
const detail = {
  document: { id: 'demo-2030', number: '示政字〔2030〕1号', title: '示例省若干措施', issuerName: '示例省', validFrom: '2030-01-01', validTo: '2032-12-31', funderName: '省财政', rules: 1 },
  text: '二、流量补贴。对网络零售额1亿元以上企业，每实现1万元，最高给予2元。',
  measures: [{ anchor: 'demo-2030-2', article: '二', title: '流量补贴', heading: '二、流量补贴', lead: ['省商务厅'], responsible: [], rules: [RULE_ID] }],
  rules: [{ id: RULE_ID, article: '二', title: '流量补贴', text: '对网络零售额1亿元以上企业，每实现1万元，最高给予2元', cites: ['1亿元以上企业'], sentences }],
  targets: [],
};

function stubApi(): void {
  vi.stubGlobal('fetch', vi.fn(async (url: string) => new Response(JSON.stringify(
    url === '/api/v1/documents' ? { items: [detail.document] }
      : url === '/api/v1/interpretations' ? { items: [] }
        : url === '/api/v1/documents/demo-2030' ? detail
          : { error: { code: 'not-found', message: { zh: '没有', en: 'none' } } },
  ), { status: url.startsWith('/api/v1/') ? 200 : 404 })));
}

describe('政策库: a rule\'s sentences beside its article', () => {
  it('the card of the rule lists each sentence under its Chinese label, in the server\'s order', async () => {
    stubApi();
    render(<Library />);
    const card = await screen.findByTestId(`sentences-${RULE_ID}`, {}, { timeout: 10_000 }); // Ant Design renders slowly in jsdom on a busy machine
    const labels = within(card).getAllByRole('row').map((row) => row.querySelector('th')?.textContent);
    expect(labels).toEqual(['条件', '金额', '上限']);
    const texts = within(card).getAllByRole('row').map((row) => row.querySelector('td')?.textContent);
    expect(texts).toEqual(sentences.map((s) => s.text));
  });

  it('beside the article\'s own text, with no internal id shown as text in the rule\'s card', async () => {
    stubApi();
    render(<Library />);
    const card = (await screen.findByTestId(`sentences-${RULE_ID}`, {}, { timeout: 10_000 })).closest(`[id="rule-${RULE_ID}"]`) as HTMLElement;
    expect(card).not.toBeNull();
    expect(card.textContent).not.toContain(RULE_ID);
    expect(card.textContent).toContain('流量补贴');
    // the article's text is on the same card row, the cited figure linked to the rule
    const article = document.getElementById('demo-2030-2')!;
    expect(article.contains(card)).toBe(true);
    const cite = article.querySelector('a.cite')!;
    expect(cite.textContent).toBe('1亿元以上企业');
    expect(cite.getAttribute('href')).toBe(`#rule-${RULE_ID}`);
    expect(cite.getAttribute('title')).toBe('流量补贴');
  });
});
