/** Yuan strings ("24000.00") summed exactly, in fen as bigint: the pages never add money as floats. */
export function yuanTotal(amounts: readonly string[]): string {
  let fen = 0n;
  for (const a of amounts) {
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(a);
    if (!m) throw new Error(`not a yuan amount: ${a}`);
    const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
    fen += m[1] ? -v : v;
  }
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${(abs / 100n).toLocaleString('en-US')}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Order of two yuan strings (null last), exactly. */
export function compareYuan(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const fen = (s: string) => BigInt(s.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1'));
  const d = fen(a) - fen(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
