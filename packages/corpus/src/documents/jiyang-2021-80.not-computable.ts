import type { NotComputable } from '../types.js';

const n = (cite: string, reason: string): NotComputable => ({ document: 'jiyang-2021-80', cite, reason });

export const JIYANG_2021_80_NOT_COMPUTABLE: readonly NotComputable[] = [
  n('济阳政字[2021]80号', "the document's own number"),
  n('利用 2021-2023 三年时间', '二: the period of the plan (its targets are due 2023), not a figure to compute'),
  n('济阳办发[2020]12号', '8: talent benefits follow that document, not this one'),
  n('济阳发[2017]56号', '8: talent benefits follow that document, not this one'),
  n('本方案发布之日起施行(试用期3年)', 'validity of the document (trial 3 years): in the document metadata (policy-catalogue.md), not a rule'),
];
