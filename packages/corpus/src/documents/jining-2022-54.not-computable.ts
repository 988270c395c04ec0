import type { NotComputable } from '../types.js';

const n = (cite: string, reason: string): NotComputable => ({ document: 'jining-2022-54', cite, reason });

export const JINING_2022_54_NOT_COMPUTABLE: readonly NotComputable[] = [
  n('济政字〔2022〕54号', "the document's own number"),
  n('鲁政字〔2022〕42号', 'the provincial document this one implements (a reference, not a figure)'),
  n('鲁人社字〔2022〕72号', '八: 职业培训补贴 are paid by the 人力资源社会保障部门 under that provincial notice, not by this document'),
  n('可在5年内保持土地原用途和权利类型不变', '九: a land-use term for delivery centres built on existing buildings or land (a planning condition), not an award'),
  n('本措施自2022年11月10日起施行，有效期至2023年12月31日', 'validity of the document: in the document metadata (policy-catalogue.md), not a rule'),
];
