/**
 * 政策库: the documents, their articles (with departments and the rules they define), the rules,
 * the targets and the interpretations with their defaults — public reading, no login needed.
 */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_READINGS, INTERPRETATIONS } from '@duixian/engine';
import { CORPUS, MEASURES, TARGETS } from '@duixian/corpus';
import { ApiError } from '../errors.js';

export async function corpusRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/documents', { schema: { tags: ['政策库'], summary: 'The five documents' } }, async () => ({
    version: CORPUS.version,
    items: CORPUS.documents.map((d) => ({ ...d, rules: CORPUS.rules.filter((r) => r.document === d.id).length })),
  }));

  app.get<{ Params: { id: string } }>('/api/documents/:id', { schema: { tags: ['政策库'], summary: 'One document with its articles, rules and targets' } }, async (req) => {
    const doc = CORPUS.documents.find((d) => d.id === req.params.id);
    if (!doc) throw new ApiError(404, 'not-found', `没有文件 ${req.params.id}`, `No document ${req.params.id}`);
    return {
      document: doc,
      measures: MEASURES.filter((m) => m.document === doc.id),
      rules: CORPUS.rules.filter((r) => r.document === doc.id),
      groups: CORPUS.groups.filter((g) => g.document === doc.id),
      targets: TARGETS.filter((t) => t.document === doc.id),
    };
  });

  app.get('/api/interpretations', { schema: { tags: ['政策库'], summary: 'Every reading with its default and alternatives' } }, async () => ({
    items: Object.entries(INTERPRETATIONS).map(([id, i]) => ({ id, question: i.question, default: DEFAULT_READINGS[id as keyof typeof DEFAULT_READINGS], values: i.values })),
  }));
}
