/** 政策库: every rule of a document comes with its Chinese sentences (条件、金额…), the same as `duixian show` prints. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@duixian/server';
import { CORPUS } from '@duixian/corpus';
import { describeRule, corpusWords } from '@duixian/engine';
import { openStore, type Store } from '@duixian/store';

let app: FastifyInstance;
let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: 'memory:' }); // the 政策库 reads the corpus, not the database
  app = await buildApp({ store });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
});

type Sentence = { label: string; text: string };
const documentRules = async (id: string): Promise<{ id: string; sentences: Sentence[] }[]> =>
  (await app.inject({ method: 'GET', url: `/api/documents/${id}` })).json().rules;

describe('GET /api/documents/:id — the rules as sentences', () => {
  it('省 二 (流量补贴): the hand-checked sentences of its figures', async () => {
    const traffic = (await documentRules('sd-2022-42')).find((r) => r.id === 'sd-2022-42/2.traffic')!;
    expect(traffic.sentences.slice(0, 4)).toEqual([
      { label: '条件', text: '对象为当年实物商品网络零售额1亿元以上企业（主体类别：企业）；实物商品网络零售额1亿元以上（含本数）' },
      { label: '金额', text: '按实物商品网络零售额每1万元最高补2元，每个对象最高100万元' },
      { label: '上限', text: '所列金额为最高额，审核时可低于此数；总额不超过500万元（原文：全省补贴总额不超过500万元）' },
      { label: '资金来源', text: '省财政' },
    ]);
  });

  it.each(CORPUS.documents.map((d) => d.id))('%s: every rule with exactly the engine\'s sentences, each starting with 条件 and 金额', async (id) => {
    const rules = await documentRules(id);
    expect(rules.map((r) => r.id)).toEqual(CORPUS.rules.filter((r) => r.document === id).map((r) => r.id));
    for (const r of rules) {
      const rule = CORPUS.rules.find((x) => x.id === r.id)!;
      expect(r.sentences, r.id).toEqual(describeRule(rule, corpusWords(CORPUS), CORPUS).sentences);
      expect(r.sentences.slice(0, 2).map((s) => s.label), r.id).toEqual(['条件', '金额']);
    }
  });
});
