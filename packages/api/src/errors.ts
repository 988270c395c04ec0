/**
 * The error every operation may answer with (packages/server/src/errors.ts makes it): a stable code,
 * the message in Chinese and English, and where the request is wrong.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const FieldProblem = Type.Object({
  path: Type.String({ description: '出错的字段 the field, e.g. body.subjects[0].name', examples: ['body.year'] }),
  message: Type.String({ description: '哪里不对 what is wrong with it' }),
});
export type FieldProblem = Static<typeof FieldProblem>;

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: '稳定的错误代码 a stable code (bad-request, forbidden, not-found, conflict…)', examples: ['bad-request'] }),
    message: Type.Object({
      zh: Type.String({ description: '中文说明' }),
      en: Type.String({ description: 'in English' }),
    }),
    // most often FieldProblem[]; some errors carry their own (the changes to acknowledge, the rows refused)
    details: Type.Optional(Type.Unknown({ description: '细节 details: usually [{path, message}]' })),
  }),
}, { description: '错误 An error: code, message in Chinese and English, details' });
export type ErrorBody = Static<typeof ErrorBody>;

const MEANING: Record<number, string> = {
  400: '请求格式不正确 The request does not match the API',
  401: '未登录或会话已过期 Not signed in, or the session ended',
  403: '无权操作（角色、辖区或权限） Not allowed: role, jurisdiction or authority',
  404: '不存在或不可见 Not found, or not yours to see',
  409: '与当前状态冲突 Conflicts with the current state',
  413: '请求过大 Too large',
  415: '文件类型不支持 Unsupported file type',
  422: '内容不符合规则 Well-formed but not acceptable',
  429: '请求过于频繁 Too many requests: wait and retry',
  503: '暂不可用 Not available now',
};

/** The `response` entries of a route for the error statuses it can answer with. */
export function errorResponses(...statuses: (keyof typeof MEANING)[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, { ...ErrorBody, description: MEANING[s] }]));
}
