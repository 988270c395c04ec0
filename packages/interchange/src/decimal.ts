/**
 * Numbers as decimal text, moved by powers of ten without binary arithmetic: a wide column's unit
 * (万元: 4) and a percentage cell (0.153 shown as 15.3%: 2) scale the text a person typed or Excel
 * cached, so no amount picks up a float's error (1.005 万元 is 10050 元, never 10049.999…).
 */
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** `text × 10^shift` as plain decimal text (no exponent), or undefined when `text` is not a plain number. */
export function shiftDecimal(text: string, shift: number): string | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign, whole, frac = '', exp = '0'] = m;
  const digits = whole! + frac;
  const point = whole!.length + Number(exp) + shift; // where the decimal point falls in `digits`
  const int = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const fraction = (point < 0 ? '0'.repeat(-point) + digits : digits.slice(Math.max(point, 0))).replace(/0+$/, '');
  const body = `${int.replace(/^0+(?=\d)/, '')}${fraction === '' ? '' : `.${fraction}`}`;
  return sign === '-' && /[1-9]/.test(body) ? `-${body}` : body;
}
