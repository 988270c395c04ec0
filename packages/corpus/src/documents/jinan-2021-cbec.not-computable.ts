import type { NotComputable } from '../types.js';

const n = (cite: string, reason: string): NotComputable => ({ document: 'jinan-2021-cbec', cite, reason });

export const JINAN_2021_CBEC_NOT_COMPUTABLE: readonly NotComputable[] = [
  n('0531-51702706', 'contact phone number of the web page the text was taken from'),
  n('鲁政字〔2020〕84号', 'the provincial plan of the 综试区 this document implements (a reference)'),
  n('全市每年举办一次集资源对接', '三(五)1: the city holds one trade fair a year (a task of the city), not an award or a target of the data'),
  n('济政字〔2021〕22号', '三(四)1: the 综合保税区管委会 sets its own support policy under that document'),
  n('交运规〔2019〕12号', '三(四)3: a national regulation on network freight to implement'),
  n('2021年5月28日', 'date of issue (in force from then): document metadata'),
];
