import type { NotComputable } from '../types.js';

const n = (cite: string, reason: string): NotComputable => ({ document: 'sd-2022-42', cite, reason });

export const SD_2022_42_NOT_COMPUTABLE: readonly NotComputable[] = [
  n('可在5年内保持土地原用途和权利类型不变', '十一: a land-use term for delivery centres built on existing buildings or land (a planning condition), not an award'),
  n('有效期至2023年12月31日', 'validity of the document: in the document metadata (policy-catalogue.md), not a rule'),
  n('2022年2月22日', 'date of issue (in force from publication): document metadata'),
  n('2022年2月23日印发', 'printing date of the 办公厅: no legal effect'),
];
