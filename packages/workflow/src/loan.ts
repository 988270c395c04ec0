/**
 * 齐鲁电商贷 (e-commerce loans), 鲁政字〔2022〕42号 第十二条：“通过政府提供电商大数据、政府性融资担保
 * 公司担保、银行发放贷款的方式，为电商企业提供融资服务，单户贷款额度为10万元至1000万元。”
 * A loan application is checked before it goes to the bank: the amount within the catalogue's
 * validation `sd-2022-42/12.loan` (both ends included), a term and a purpose, and the enterprise's
 * consent to share its e-commerce data summary with the bank (the 电商大数据 the loan rests on).
 */
import { CORPUS } from '@duixian/corpus';
import { formatYuan, scaled, type Validation } from '@duixian/engine';

export const LOAN_VALIDATION_ID = 'sd-2022-42/12.loan';

const validation: Validation = (() => {
  const v = CORPUS.validations.find((x) => x.id === LOAN_VALIDATION_ID);
  if (!v) throw new Error(`the corpus has no validation ${LOAN_VALIDATION_ID}`);
  return v;
})();

/** The bounds in fen, from the corpus (10万元 and 1000万元). */
export const LOAN_MIN_FEN = scaled('yuan', validation.min);
export const LOAN_MAX_FEN = scaled('yuan', validation.max);

export interface LoanApplication {
  /** 申请额度, in fen */
  readonly amountFen: number;
  /** 贷款期限（月） */
  readonly termMonths: number;
  /** 贷款用途 */
  readonly purpose: string;
  /** 同意向银行提供本企业电商经营数据摘要 */
  readonly consent: boolean;
}

export interface LoanProblem {
  /** the field of LoanApplication */
  readonly path: keyof LoanApplication;
  /** what is wrong and what to do, in Chinese */
  readonly message: string;
}

const ARTICLE = `鲁政字〔2022〕42号 第${validation.article}条：${validation.text}`;

/** Every problem of a loan application (none: it may go to the bank). */
export function checkLoan(loan: LoanApplication): LoanProblem[] {
  const out: LoanProblem[] = [];
  const { amountFen, termMonths, purpose, consent } = loan;
  if (typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen)) {
    out.push({ path: 'amountFen', message: '请填写申请额度，以元为单位、精确到分（如 500000.00 元）' });
  } else if (amountFen < LOAN_MIN_FEN) {
    out.push({ path: 'amountFen', message: `申请额度 ${formatYuan(amountFen)} 低于单户下限 ${validation.min}：请申请不少于 ${validation.min}（${ARTICLE}）` });
  } else if (amountFen > LOAN_MAX_FEN) {
    out.push({ path: 'amountFen', message: `申请额度 ${formatYuan(amountFen)} 超过单户上限 ${validation.max}：请申请不超过 ${validation.max}（${ARTICLE}）` });
  }
  if (typeof termMonths !== 'number' || !Number.isSafeInteger(termMonths) || termMonths < 1) {
    out.push({ path: 'termMonths', message: '请填写贷款期限，以月计的正整数（如 12）；具体期限由承贷银行审批' });
  }
  if (typeof purpose !== 'string' || purpose.trim() === '') {
    out.push({ path: 'purpose', message: '请填写贷款用途（如：备货采购、仓储物流、平台推广）' });
  }
  if (consent !== true) {
    out.push({
      path: 'consent',
      message: '请勾选同意向承贷银行提供本企业电商经营数据摘要：齐鲁电商贷以政府提供的电商大数据为依据发放，未经同意无法办理',
    });
  }
  return out;
}
