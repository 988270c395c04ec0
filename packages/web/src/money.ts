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
