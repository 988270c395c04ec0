import type { NotComputable } from '../types.js';

const n = (cite: string, reason: string): NotComputable => ({ document: 'dongying-2020-9', cite, reason });

export const DONGYING_2020_9_NOT_COMPUTABLE: readonly NotComputable[] = [
  n('东政发〔2020〕9号', "the document's own number"),
  n('每年举办两次全市直播电商创业大赛', '二(七): how often the city holds its live-commerce contest (a task of the city), not an award or a target of the data'),
  n('东委〔2018〕99号', '三(二): 双招双引 projects are rewarded under 《东营市招商引资招才引智激励政策》, not by this document'),
  n('本意见自2020年6月28日起施行,有效期至2023年6月27日', 'validity of the document: in the document metadata (policy-catalogue.md), not a rule'),
];
