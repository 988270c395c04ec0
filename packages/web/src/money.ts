/** Yuan strings ("24000.00") summed and ordered exactly, in fen as bigint: the pages never add or compare money as floats. */
function fenOf(yuan: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!m) throw new Error(`not a yuan amount: ${yuan}`);
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -v : v;
}

export function yuanTotal(amounts: readonly string[]): string {
  let fen = 0n;
  for (const a of amounts) fen += fenOf(a);
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${(abs / 100n).toLocaleString('en-US')}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Order of two yuan strings (null last), exactly: "12.5" and "12.50" are equal, "12" is more than "11.99". */
export function compareYuan(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const d = fenOf(a) - fenOf(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

const WAN = 1_000_000n; // 1万元 in fen
const YI = 10_000_000_000n; // 1亿元 in fen

/** A whole number with thousands separators, exactly at any size. */
const grouped = (n: bigint): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `fen ÷ unit` to two decimals, half away from zero, as "8,769.77". */
function inUnit(fen: bigint, unit: bigint): string {
  const hundredths = (fen * 100n + unit / 2n) / unit;
  return `${grouped(hundredths / 100n)}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/**
 * An amount as people write it (the API's yuan string, exact): 8,769.77亿元 from 1亿元 on,
 * 4,208.33万元 from 1万元 on, 8,000.00元 below; two decimals, separators, rounded half up — a
 * display, never summed again. Nothing (null) reads —.
 */
export function formatMoney(yuan: string | null | undefined): string {
  if (yuan == null || yuan === '') return '—';
  const fen = fenOf(yuan);
  const abs = fen < 0n ? -fen : fen;
  const sign = fen < 0n ? '-' : '';
  if (abs >= YI) return `${sign}${inUnit(abs, YI)}亿元`;
  if (abs >= WAN) return `${sign}${inUnit(abs, WAN)}万元`;
  return `${sign}${inUnit(abs, 100n)}元`;
}
