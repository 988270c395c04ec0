/**
 * 政策库: the documents, their articles (with departments and the rules they define), the rules,
 * the targets and the interpretations with their defaults — public reading, no login needed.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Binary, DocumentDetail, DocumentParams, Documents, errorResponses, Readings, RuleNames, TemplateParams, Vocabulary } from '@duixian/api';
import { corpusWords, declaredReadings, describeRule, PARAMETER_KEYS } from '@duixian/engine';
import { applicationMode, CORPUS, type DocumentId, KNOWN, MEASURES, REGIONS, ruleFactKeys, TARGETS, textOf } from '@duixian/corpus';
import { templateCsv, templateXlsx } from '@duixian/interchange';
import { ApiError } from '../errors.js';
import { XLSX } from './imports.js';

export async function corpusRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/documents', {
    schema: { tags: ['政策库'], summary: '政策库的文件', description: 'The documents of the corpus', response: { 200: Documents, ...errorResponses(429) } },
  }, async () => ({
    version: CORPUS.version,
    items: CORPUS.documents.map((d) => ({ ...d, rules: CORPUS.rules.filter((r) => r.document === d.id).length })),
  }));

  // every clause by id, for pages that show a clause by its 文号, article and title instead of its id
  app.get('/api/rules', {
    schema: {
      tags: ['政策库'], summary: '每条规则的文号、条款与标题（页面显示规则的名称）', description: 'Every rule of the corpus in force with its document\'s 文号, its article and title: the names the pages show for a rule id',
      response: { 200: RuleNames, ...errorResponses(429) },
    },
  }, async () => ({
    items: CORPUS.rules.map((r) => ({
      id: r.id, document: r.document, number: CORPUS.documents.find((d) => d.id === r.document)?.number ?? r.document,
      article: r.article, title: r.title, mode: applicationMode(r),
    })),
  }));

  app.get('/api/documents/:id', {
    schema: {
      tags: ['政策库'], summary: '一个文件：条款、规则与目标', description: 'One document with its articles, rules and targets',
      params: DocumentParams, response: { 200: DocumentDetail, ...errorResponses(404, 429) },
    },
  }, async (req) => {
    const doc = CORPUS.documents.find((d) => d.id === req.params.id);
    if (!doc) throw new ApiError(404, 'not-found', `没有文件 ${req.params.id}`, `No document ${req.params.id}`);
    return {
      document: doc,
      text: textOf(doc.id as DocumentId), // verbatim; each measure's heading locates its article in it
      measures: MEASURES.filter((m) => m.document === doc.id),
      // each rule with whether it needs an application (申报) or is 免申即享, the facts it reads, and
      // the rule in Chinese sentences (条件、金额、上限…) to read beside the article (as `duixian show`)
      rules: CORPUS.rules.filter((r) => r.document === doc.id).map((r) => ({
        ...r, mode: applicationMode(r), facts: ruleFactKeys(r), sentences: describeRule(r, corpusWords(CORPUS), CORPUS).sentences,
      })),
      groups: CORPUS.groups.filter((g) => g.document === doc.id),
      targets: TARGETS.filter((t) => t.document === doc.id),
    };
  });

  app.get('/api/templates/:file', {
    schema: {
      tags: ['数据'], summary: '导入模板：.xlsx，或 CSV 的表头行', description: 'The import template: duixian-template.xlsx, or the header row of duixian-template.subjects.csv / .facts.csv (a file, not JSON)',
      params: TemplateParams,
      response: { 200: { content: { [XLSX]: { schema: Binary('导入模板 the workbook') }, 'text/csv': { schema: Binary('表头行 the header row') } } }, ...errorResponses(400, 429) },
    },
  }, async (req, reply) => {
    void reply.header('content-disposition', `attachment; filename="${req.params.file}"`);
    if (req.params.file.endsWith('.xlsx')) return reply.type(XLSX).send(Buffer.from(await templateXlsx(KNOWN)));
    return reply.type('text/csv; charset=utf-8').send(templateCsv(req.params.file.includes('subjects') ? 'subjects' : 'facts'));
  });

  app.get('/api/vocabulary', {
    schema: {
      tags: ['政策库'], summary: '数据用语：指标（名称、单位）、标签、主体类型、山东省行政区划', description: 'What data can say: the corpus\'s fact keys with label and unit, tags, subject kinds (its vocabulary.yaml), Shandong\'s regions',
      response: { 200: Vocabulary, ...errorResponses(429) },
    },
  }, async () => ({
    factKeys: Object.entries(CORPUS.vocabulary.facts).map(([key, k]) => ({ key, label: k.label, unit: k.unit })),
    tags: Object.entries(CORPUS.vocabulary.tags).map(([tag, label]) => ({ tag, label })),
    kinds: Object.entries(CORPUS.vocabulary.kinds).map(([kind, label]) => ({ kind, label })),
    // the figures a rule may be given (参数 topN in an explanation reads as its description)
    parameters: Object.entries(PARAMETER_KEYS).map(([key, p]) => ({ key, label: p.label, unit: p.unit })),
    regions: REGIONS.filter((r) => r.code === '370000' || r.parent === '370000' || (r.parent !== null && r.parent.startsWith('37'))).map((r) => ({ code: r.code, name: r.name, level: r.level, parent: r.parent })),
  }));

  app.get('/api/interpretations', {
    schema: {
      tags: ['政策库'], summary: '政策库声明的每个口径：默认值、可选值及含义', description: 'Every reading the corpus declares (readings.yaml, and a document\'s own), with its default, alternatives and what each means; a run switches one for every document (I-pool) or one (I-tier-range@jiyang-2021-80)',
      response: { 200: Readings, ...errorResponses(429) },
    },
  }, async () => ({
    items: Object.entries(declaredReadings(CORPUS)).map(([id, r]) => ({
      id, question: r.question, default: r.values[0]!, values: r.values, // a declared reading has a value or more
      ...(r.meanings ? { meanings: r.meanings } : {}), ...(r.documents ? { documents: r.documents } : {}),
    })),
  }));
}
