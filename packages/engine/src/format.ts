/**
 * Exact renderings of held values, for machines ("24000.00") and for people
 * ("1.23亿元", "1,200万元", "27.6%"). Nothing is rounded unless the text says "≈".
 */
import { parseQuantity } from './quantity.js';
import { UNITS, type Unit } from './vocabulary.js';
import { type Q, isExactAt, toFixed } from './rational.js';

/** Integer `v` at `scale` decimal places as plain decimal text, trailing zeros kept to `keep`. */
export function decimalText(v: number | bigint, scale: number, keep = 0): string {
  const big = BigInt(v);
  const neg = big < 0n;
  const digits = (neg ? -big : big).toString().padStart(scale + 1, '0');
  let head = digits.slice(0, digits.length - scale);
  let tail = digits.slice(digits.length - scale);
  while (tail.length > keep && tail.endsWith('0')) tail = tail.slice(0, -1);
  head = head.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + head + (tail ? '.' + tail : '');
}

/** Money for machines: yuan with two places, no grouping ("24000.00"), as the interchange output wants. */
export function yuanString(fen: number | bigint): string {
  return decimalText(fen, 2, 2).replace(/,/g, '');
}

/** The exact inverse of yuanString: "24000.00" → 2400000 fen (an amount the engine wrote). */
export function fenOf(yuan: string): number {
  const p = parseQuantity(yuan, 'yuan');
  if (!p.ok) throw new Error(`not an amount the engine wrote: ${yuan}`);
  return p.value;
}

/** Money for people: 亿元 from 1亿, 万元 from 1万, else 元 — exact digits, never rounded. */
export function formatYuan(fen: number | bigint): string {
  const f = BigInt(fen);
  const abs = f < 0n ? -f : f;
  if (abs >= 10_000_000_000n) return decimalText(f, 10) + '亿元';
  if (abs >= 1_000_000n) return decimalText(f, 6) + '万元';
  return decimalText(f, 2, abs % 100n === 0n ? 0 : 2) + '元';
}

export function formatUsd(cents: number): string {
  const c = BigInt(cents);
  const abs = c < 0n ? -c : c;
  if (abs >= 1_000_000n) return decimalText(c, 6) + '万美元';
  return decimalText(c, 2) + '美元';
}

/** A ratio held in millionths as a percentage: 276000 → "27.6%". */
export const formatRatio = (millionths: number): string => decimalText(millionths, 4) + '%';

/** An exact rational ratio as a percentage, marked ≈ when it does not terminate within 4 places. */
export function formatRatioQ(r: Q): string {
  const pct = { n: r.n * 100n, d: r.d };
  return (isExactAt(pct, 4) ? '' : '≈') + trimZeros(toFixed(pct, 4)) + '%';
}

export function formatQ(r: Q, places = 4): string {
  return (isExactAt(r, places) ? '' : '≈') + trimZeros(toFixed(r, places));
}

const trimZeros = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** Any held value of `unit` for people. */
export function formatValue(unit: Unit, v: number): string {
  switch (unit) {
    case 'yuan': return formatYuan(v);
    case 'usd': return formatUsd(v);
    case 'ratio': return formatRatio(v);
    case 'count': return decimalText(v, 0);
    case 'sqm': return decimalText(v, UNITS.sqm.scale) + '平方米';
    case 'score': return decimalText(v, UNITS.score.scale) + '分';
    case 'flag': return v === 1 ? '是' : '否';
    case 'date': return `${Math.floor(v / 10000)}-${String(Math.floor(v / 100) % 100).padStart(2, '0')}-${String(v % 100).padStart(2, '0')}`;
  }
}
