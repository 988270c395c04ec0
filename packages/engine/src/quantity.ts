/**
 * Exact quantities. Every fact value is held as a safe integer at its unit's scale
 * (money in fen, ratios in millionths), so comparisons and sums are integer arithmetic:
 * "27.6%" is exactly 276000 millionths, and 27.7% > 27.6% without any binary fraction.
 * Parsing reads the decimal text digit by digit (never through a float).
 */
import { UNITS, type Unit } from './vocabulary.js';

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

/** Chinese multipliers as powers of ten: 万 = 10^4, 亿 = 10^8. */
const MULTIPLIER: Record<string, number> = { '': 0, 万: 4, 亿: 8, 万亿: 12 };

const UNIT_SUFFIX: Record<Unit, readonly string[]> = {
  yuan: ['元', ''],
  usd: ['美元', ''],
  ratio: ['%', ''],
  count: ['家', '个', '件', '人', '名', ''],
  sqm: ['平方米', '平米', 'm²', 'm2', ''],
  score: ['分', ''],
  flag: [''],
  date: [''],
};

const EXAMPLE: Record<Unit, string> = {
  yuan: '1.2亿元, 5000万元, 0.20元 or 123456.78',
  usd: '1000万美元 or 12345.67',
  ratio: '15.3% or 0.153',
  count: 'a whole number such as 1200',
  sqm: '5000 or 5000平方米',
  score: '91.5',
  flag: '1 (true) or 0 (false)',
  date: 'YYYY-MM-DD, e.g. 2022-05-01',
};

const NUMBER_RE = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Parse a value of `unit` into a safe integer at the unit's scale, or say exactly what is wrong. */
export function parseQuantity(raw: unknown, unit: Unit): Parsed {
  if (unit === 'date') return parseDate(raw);
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail(raw, unit);
    text = numberToText(raw);
  } else if (typeof raw === 'string') {
    text = raw.trim().replace(/[,，\s]/g, '');
  } else if (typeof raw === 'boolean' && unit === 'flag') {
    return { ok: true, value: raw ? 1 : 0 };
  } else {
    return fail(raw, unit);
  }
  let percent = false;
  let body = text;
  const suffix = UNIT_SUFFIX[unit].find((s) => s !== '' && body.endsWith(s));
  if (suffix) {
    body = body.slice(0, -suffix.length);
    percent = suffix === '%';
  }
  let exp10 = 0;
  for (const m of ['万亿', '亿', '万']) {
    if (body.endsWith(m)) {
      if (unit !== 'yuan' && unit !== 'usd' && unit !== 'count') return fail(raw, unit);
      exp10 = MULTIPLIER[m]!;
      body = body.slice(0, -m.length);
      break;
    }
  }
  const m = NUMBER_RE.exec(body);
  if (!m) return fail(raw, unit);
  const [, sign, whole, frac = '', e = '0'] = m;
  const scale = UNITS[unit].scale;
  // value = sign · digits · 10^(exp10 + e − frac.length − 2·percent), held at `scale`.
  const shift = exp10 + Number(e) - frac.length - (percent ? 2 : 0) + scale;
  let digits = BigInt(whole! + frac);
  if (shift >= 0) {
    digits *= 10n ** BigInt(shift);
  } else {
    const div = 10n ** BigInt(-shift);
    if (digits % div !== 0n) return { ok: false, error: precisionError(raw, unit) };
    digits /= div;
  }
  if (sign === '-') digits = -digits;
  if (digits > BigInt(Number.MAX_SAFE_INTEGER) || -digits > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, error: `${show(raw)} is too large to hold exactly` };
  }
  const value = Number(digits);
  if (unit === 'flag' && value !== 0 && value !== 1) return fail(raw, unit);
  return { ok: true, value };
}

function parseDate(raw: unknown): Parsed {
  if (typeof raw !== 'string') return fail(raw, 'date');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!m) return fail(raw, 'date');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return fail(raw, 'date');
  return { ok: true, value: y * 10000 + mo * 100 + d };
}

/** Shortest decimal text of a JSON number (what the author typed), exponent kept for the regex. */
function numberToText(n: number): string {
  return String(n);
}

function show(raw: unknown): string {
  return typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
}

function fail(raw: unknown, unit: Unit): Parsed {
  return { ok: false, error: `${show(raw)} is not a ${unitName(unit)} value (expected ${EXAMPLE[unit]})` };
}

function precisionError(raw: unknown, unit: Unit): string {
  const places = UNITS[unit].scale;
  return unit === 'yuan'
    ? `${show(raw)} is more precise than a fen (at most 2 decimal places of 元)`
    : `${show(raw)} has more than ${places} decimal places for a ${unitName(unit)} value`;
}

function unitName(unit: Unit): string {
  return unit === 'yuan' ? 'money (元)' : unit === 'usd' ? 'US dollar' : unit;
}

const CONSTANTS = new Map<Unit, Map<string, number>>();

/**
 * The integer a figure written in the corpus is held as (1亿元 → 10^10 fen). Figures are
 * constants, parsed once: rules read them per subject.
 */
export function scaled(unit: Unit, text: string): number {
  let byText = CONSTANTS.get(unit);
  if (!byText) CONSTANTS.set(unit, (byText = new Map()));
  let v = byText.get(text);
  if (v === undefined) {
    const p = parseQuantity(text, unit);
    if (!p.ok) throw new Error(`internal: bad constant ${text}: ${p.error}`);
    byText.set(text, (v = p.value));
  }
  return v;
}
