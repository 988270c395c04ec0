/**
 * Exact value texts for the demo dataset. Every amount is first made an integer at a fixed
 * scale (fen, hundredths of 万元, millionths of a ratio …) and then written digit by digit, so
 * the file never carries a binary fraction ("0.1 + 0.2") and parses back exactly.
 */

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Integer `v` at `scale` decimal places as decimal text; trailing zeros of the fraction trimmed. */
export function decimal(v: number, scale: number): string {
  if (!Number.isSafeInteger(v)) throw new Error(`internal: not a safe integer: ${v}`);
  const neg = v < 0;
  const a = Math.abs(v);
  const div = 10 ** scale;
  const whole = Math.floor(a / div);
  let frac = scale > 0 ? pad(a - whole * div, scale) : '';
  while (frac.endsWith('0')) frac = frac.slice(0, -1);
  return (neg ? '-' : '') + String(whole) + (frac ? '.' + frac : '');
}

/** Yuan from fen: "1234567.89", "1234567" (no ".00"). */
export const yuanFromFen = (fen: number): string => decimal(fen, 2);

/** Round a float amount of yuan to whole fen. */
export const toFen = (yuan: number): number => Math.round(yuan * 100);

/** 万元 text from hundredths of 万元 (units of 100 yuan): 1234567 → "12345.67万元". */
export const wanFromCentiWan = (cw: number): string => `${decimal(cw, 2)}万元`;

/** 亿元 text from hundredths of 万元 (exact: 1亿 = 1,000,000 such units): "9012.345678亿元". */
export const yiFromCentiWan = (cw: number): string => `${decimal(cw, 6)}亿元`;

/** A ratio held in millionths as a percentage text: 153000 → "15.3%". */
export const percent = (millionths: number): string => `${decimal(millionths, 4)}%`;

/** A float ratio rounded to `places` decimal places of a percent, held in millionths. */
export function ratioMillionths(r: number, percentPlaces = 2): number {
  const step = 10 ** (4 - percentPlaces); // millionths per last place
  return Math.round((r * 1_000_000) / step) * step;
}

/** US dollars from cents: "1234567.89". */
export const usdFromCents = (cents: number): string => decimal(cents, 2);

/** A score with two decimals from hundredths: 486 → "4.86". */
export const score2 = (hundredths: number): string => decimal(hundredths, 2);

/** "YYYY-MM-DD". */
export const isoDate = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
