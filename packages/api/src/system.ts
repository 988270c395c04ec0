/** 系统: liveness. */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './common.js';

export const Health = Type.Object({
  ok: Type.Literal(true),
  corpus: Type.String({ description: '政策库版本 the corpus version in force' }),
  database: StringEnum(['pglite', 'postgres'] as const, { description: '数据库 the database backend' }),
}, { description: '存活 Alive', examples: [{ ok: true, corpus: '2026.1', database: 'postgres' }] });
export type Health = Static<typeof Health>;
