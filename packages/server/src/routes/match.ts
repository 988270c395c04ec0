/**
 * 政策计算器 for a profile posted without saving: a subject and its facts (interchange v1), plus
 * any region figures the caller has; every rule that could apply, with amounts, gaps and missing
 * data. Public, like the calculators government portals offer; nothing is stored.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, MatchAnswer, ProfileMatch } from '@duixian/api';
import { matchProfile } from '@duixian/engine';
import { CORPUS, KNOWN } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { ApiError } from '../errors.js';

/** One subject's profile with its regions' figures is a few KB; a public endpoint reads no more than 64 KiB. */
export const MATCH_BODY_LIMIT = 64 * 1024;

export async function matchRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/api/match', {
    bodyLimit: MATCH_BODY_LIMIT,
    schema: {
      tags: ['政策计算器'], summary: '政策计算器：提交的数据中一个主体可能适用的每条规则（不保存）',
      description: 'Every rule that could apply to one subject of a posted dataset (nothing is stored)',
      body: ProfileMatch, response: { 200: MatchAnswer, ...errorResponses(400, 413, 422, 429) },
    },
  }, async (req) => {
    const read = readObject(req.body.dataset, KNOWN);
    if (!read.ok) {
      throw new ApiError(422, 'invalid-data', '提交的数据有误，请逐条修改后重试', 'The posted data has problems; fix each and try again', read.problems);
    }
    const id = req.body.subject;
    if (!read.dataset.subjects.some((s) => s.id === id)) {
      throw new ApiError(422, 'unknown-subject', `数据中没有主体 ${id}`, `No subject ${id} in the posted data`);
    }
    return { year: read.dataset.year, subject: id, matches: matchProfile(CORPUS, read.dataset, id) };
  });
}
