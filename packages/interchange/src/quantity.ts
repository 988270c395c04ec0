/**
 * A fast path in front of the engine's `parseQuantity`, for the values that make up most of a large
 * file: plain numbers (123456.78, "70000") and simple Chinese amounts ("1234.5万元", "15.3%").
 * The engine's parser reads any text exactly through BigInt, which costs about a microsecond a value:
 * seconds for millions of facts. This path takes only inputs it can compute exactly in integer
 * arithmetic below 2^53 (at most 15 digits, a non-negative power-of-ten shift) and gives everything
 * else, including every error, to `parseQuantity`; test/quantity.test.ts checks that the two agree.
 */
import { parseQuantity, UNITS, type Parsed, type Unit } from '@duixian/engine';

/** 10^0 … 10^22 are exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** 2^51 / 10^scale: below it, the spacing of doubles is under half a unit of the scale. */
const FLOAT_LIMIT = POW10.map((p) => 2 ** 51 / p);

/** The unit word each unit may end with (the one the engine also accepts), and its shift. */
const SUFFIX: Partial<Record<Unit, { readonly text: string; readonly shift: number }>> = {
  yuan: { text: '元', shift: 0 },
  usd: { text: '美元', shift: 0 },
  ratio: { text: '%', shift: -2 },
};
/** Units that take 万 / 亿 / 万亿 (as in the engine). */
const MULTIPLIED: ReadonlySet<Unit> = new Set<Unit>(['yuan', 'usd', 'count']);

export function quantity(raw: unknown, unit: Unit): Parsed {
  const v = fastQuantity(raw, unit);
  return v === v ? { ok: true, value: v } : parseQuantity(raw, unit);
}

/** The value when the fast path can take `raw`, else NaN (then ask `parseQuantity`). Allocates nothing. */
export function fastQuantity(raw: unknown, unit: Unit): number {
  if (unit === 'flag' || unit === 'date') return NaN;
  const scale = UNITS[unit].scale;
  if (typeof raw === 'number') {
    if (Number.isSafeInteger(raw)) {
      // integer × power of ten: exact whenever the product is a safe integer
      const v = raw * POW10[scale]!;
      return Number.isSafeInteger(v) ? (v === 0 ? 0 : v) : NaN;
    }
    // A JSON number such as 1234.56 is the double nearest to that decimal. Below FLOAT_LIMIT the
    // doubles are closer together than one unit of the scale, so m / 10^scale === raw proves that the
    // shortest text of raw (what the engine reads) is exactly m units: no String(raw) needed.
    if (Math.abs(raw) < FLOAT_LIMIT[scale]!) {
      const m = Math.round(raw * POW10[scale]!);
      if (m / POW10[scale]! === raw) return m;
    }
    return NaN;
  }
  if (typeof raw !== 'string') return NaN;
  let end = raw.length;
  let shift = scale;
  const suffix = SUFFIX[unit];
  if (suffix !== undefined && raw.endsWith(suffix.text)) {
    end -= suffix.text.length;
    shift += suffix.shift;
  }
  if (MULTIPLIED.has(unit) && end > 0) {
    const last = raw.charCodeAt(end - 1);
    if (last === 0x4ebf /* 亿 */) {
      end--;
      shift += 8;
      if (end > 0 && raw.charCodeAt(end - 1) === 0x4e07 /* 万 */) return NaN; // 万亿: leave to the engine
    } else if (last === 0x4e07 /* 万 */) {
      end--;
      shift += 4;
      if (end > 0 && raw.charCodeAt(end - 1) === 0x4ebf) return NaN;
    }
  }
  return decimal(raw, end, shift);
}

/** `-?digits(.digits)?` in s[0, end), ≤ 15 digits, times 10^(shift − decimals) if that is ≥ 0; else NaN. */
function decimal(s: string, end: number, shift: number): number {
  let i = 0;
  let negative = false;
  if (end > 0 && s.charCodeAt(0) === 45 /* - */) {
    negative = true;
    i = 1;
  }
  let acc = 0;
  let digits = 0;
  let decimals = -1; // −1: no decimal point yet
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      acc = acc * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 /* . */ && decimals < 0 && digits > 0) {
      decimals = 0;
    } else {
      return NaN;
    }
  }
  const k = shift - Math.max(decimals, 0);
  if (digits === 0 || digits > 15 || decimals === 0 || k < 0) return NaN;
  const v = acc * POW10[k]!;
  if (!Number.isSafeInteger(v)) return NaN;
  return negative && v !== 0 ? -v : v;
}
