/**
 * The engine's explanations as people read them on a Chinese screen. The engine writes its steps in
 * Chinese but names what it relied on by id, for analysts and for `duixian explain`: the readings
 * (`I-per-unit=full-units`), indicators (`panelScore`), parameters (`参数 topN`), clauses
 * (`sd-2022-42/2.share`), missing data (`E1 physicalGoodsOnlineRetail@2023`), and money to the fen
 * (`1.6497655248亿元`). The pages turn each id into its Chinese words — a reading into its question
 * and the meaning chosen (GET /api/interpretations), an indicator into its label (the vocabulary), a
 * clause into its 文号, article and title — and a long amount into two decimals, marked ≈. The engine's
 * text, its trace and the CLI's golden outputs stay as they are; an id these tables do not know is
 * left as written rather than guessed.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api';
import { formatMoney } from './money';
import { articleLabel, useNames, type Names } from './names';

/** One reading as GET /api/interpretations gives it. */
export interface ReadingWords {
  readonly id: string;
  readonly question: string;
  readonly values: readonly string[];
  readonly meanings?: readonly string[];
}

/** What the renderer looks ids up in: the names (indicators, clauses, tags, parameters) and the readings. */
export interface Wording {
  readonly names: Pick<Names, 'fact' | 'rule' | 'rules'> & { tag?(tag: string): string; parameter?(key: string): string };
  readonly readings: readonly ReadingWords[];
}

/** A reading by its id (and value): 「每实现1万元……2元」：只计满一个单位的整数部分，不足一个单位的不计. */
export function readingWords(id: string, value: string | undefined, w: Wording): string | undefined {
  const r = w.readings.find((x) => x.id === id);
  if (!r) return undefined;
  if (value === undefined) return `「${r.question}」的解释口径`;
  const meaning = r.meanings?.[r.values.indexOf(value)];
  return meaning === undefined ? undefined : `「${r.question}」：${meaning}`;
}

// I-per-unit=full-units, I-tier-range@jiyang-2021-80=upper-inclusive, I-composite
const READING = /I-[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:@[a-z0-9-]+)?(?:=[a-z][a-z0-9]*(?:-[a-z0-9]+)*)?/g;
// sd-2022-42, jinan-2021-cbec, sd-2022-42/2.traffic, sd-2022-42/1 (a group)
const CLAUSE = /[a-z][a-z0-9]*-\d{4}-[a-z0-9]+(?:\/[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*)?/g;
// an identifier in code style: physicalGoodsOnlineRetail, inCity
const CAMEL = /(?<![A-Za-z0-9])[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*(?![A-Za-z0-9])/g;
// a fact of a year as the engine names it, after its subject's id or not: E1 physicalGoodsOnlineRetail@2023, 缺少ME crossBorderUsd@2023
const FACT_YEAR = /(?<![A-Za-z0-9.-])(?:[A-Za-z0-9][\w.-]* )?([a-z][A-Za-z0-9.]*)@(\d{4})(?!\d)/g;
// an amount in 万/亿 with more places than people write: 1.6497655248亿元
const LONG_AMOUNT = /(-?\d[\d,]*)\.(\d{3,})(亿元|万元|万美元|亿美元)/g;

/** A document's 文号 from the clauses' names; a group (sd-2022-42/1) by its document and article; else undefined. */
function clauseWords(id: string, w: Wording): string | undefined {
  const named = w.names.rule(id);
  if (named !== id) return named;
  const [doc, part] = id.split('/');
  const inDoc = w.names.rules.filter((r) => r.document === doc);
  if (!inDoc.length) return undefined;
  if (part === undefined) return inDoc[0]!.number;
  const member = inDoc.find((r) => r.id.startsWith(`${id}.`));
  return member ? `${member.number} ${articleLabel(member.article)}` : undefined;
}

/** An identifier's Chinese: an indicator's label, a tag's, or undefined when it is neither. */
function identifierWords(key: string, w: Wording): string | undefined {
  const fact = w.names.fact(key);
  if (fact !== key) return fact;
  const tag = w.names.tag?.(key);
  return tag !== undefined && tag !== key ? tag : undefined;
}

/** Two decimals, half up, on the digits as written ("1.6497655248" → "1.65"; "9,999.995" → "10,000.00"). */
function twoPlaces(whole: string, places: string): string {
  const negative = whole.startsWith('-');
  const hundredths = BigInt(whole.replace(/[-,]/g, '') + places.slice(0, 2)) + (Number(places[2]) >= 5 ? 1n : 0n);
  const head = (hundredths / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${head}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/**
 * Amounts in 万/亿 cut to two decimals as people write them, marked ≈ where digits were dropped; an
 * amount in 元 to the fen (the summary's 金额 32994.00 元) keeps its fen and gains separators.
 */
export const moneyAsWritten = (text: string): string =>
  text.replace(LONG_AMOUNT, (_all, whole: string, places: string, unit: string) => {
    const exact = /^0*$/.test(places.slice(2));
    return `${exact ? '' : '≈'}${twoPlaces(whole, places)}${unit}`;
  }).replace(/(?<![\d,.])(\d{4,})(\.\d{2} ?元)/g, (_all, whole: string, fen: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + fen);

/** One line of the engine's for a Chinese screen: no reading, clause or indicator ids, money in people's places. */
export function plainWords(text: string, w: Wording): string {
  let out = text.replace(READING, (token) => {
    const [head, value] = token.split('=');
    return readingWords(head!.split('@')[0]!, value, w) ?? token;
  });
  // data missing, "E1 physicalGoodsOnlineRetail@2023": the indicator and its year (the subject is the row's, or the page's, own)
  out = out.replace(FACT_YEAR, (_all, key: string, year: string) => `${identifierWords(key, w) ?? key}（${year}年）`);
  out = out.replace(/参数 ?([A-Za-z][A-Za-z0-9.]*)/g, (all, key: string) => {
    const label = w.names.parameter?.(key);
    return label !== undefined && label !== key ? `参数「${label}」` : all;
  });
  out = out.replace(CLAUSE, (id) => clauseWords(id, w) ?? id);
  // an indicator named beside its own label (综合评价得分（panelScore）) needs no second name
  out = out.replace(/（([a-z][A-Za-z0-9]*)）/g, (all, key: string, at: number) => {
    const label = identifierWords(key, w);
    if (label === undefined) return all;
    return out.slice(0, at).endsWith(label) ? '' : `（${label}）`;
  });
  out = out.replace(/（[a-z]+(?:-[a-z]+)+）/g, ''); // （policy-catalogue）: a note to the analysts, not to the reader
  out = out.replace(/事实 ?(?=[a-z][a-z0-9]*[A-Z])/g, '').replace(CAMEL, (key) => identifierWords(key, w) ?? key);
  out = moneyAsWritten(out);
  // the spaces that set an id apart from Chinese words, now words themselves
  return out.replace(/(?<=[\u4e00-\u9fff]) (?=「)|(?<=」) (?=[\u4e00-\u9fff])/g, '');
}

/**
 * Data the engine found missing, "E1 physicalGoodsOnlineRetail@2023" or "physicalGoodsOnlineRetail@2023",
 * as the indicator and its year: 实物商品网络零售额（2023年）. The subject is the row's own and is not repeated.
 */
export const missingWords = (entry: string, w: Wording): string => plainWords(entry.trim(), w);

/** A summary that lists missing data (缺少：E1 a@2023、E1 b@2023) with each entry in words. */
export const summaryWords = plainWords;

/** An integer held at `scale` places as a decimal: trailing zeros trimmed, thousands separated ("27.6", "1,234"). */
function scaled(v: number, scale: number): string {
  const big = BigInt(Math.trunc(v));
  const neg = big < 0n;
  const digits = (neg ? -big : big).toString().padStart(scale + 1, '0');
  const head = digits.slice(0, digits.length - scale).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const tail = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${head}${tail ? `.${tail}` : ''}`;
}

/**
 * A stored value of an indicator (fen, millionths, counts — as the store holds them) as people write
 * it: money by formatMoney (4,208.33万元), ratios as percentages, counts with separators. A unit this
 * page does not know shows the number as held.
 */
export function factValue(unit: string | undefined, v: number): string {
  const yuan = (fen: number) => { const f = BigInt(Math.trunc(fen)); const a = f < 0n ? -f : f; return `${f < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`; };
  switch (unit) {
    case 'yuan': return formatMoney(yuan(v));
    case 'usd': return formatMoney(yuan(v)).replace(/元$/, '美元');
    case 'ratio': return `${scaled(v, 4)}%`;
    case 'count': return scaled(v, 0);
    case 'sqm': return `${scaled(v, 2)}平方米`;
    case 'score': return `${scaled(v, 6)}分`;
    case 'flag': return v === 1 ? '是' : '否';
    case 'date': return `${Math.floor(v / 10000)}-${String(Math.floor(v / 100) % 100).padStart(2, '0')}-${String(v % 100).padStart(2, '0')}`;
    default: return String(v);
  }
}

const ReadingsContext = createContext<readonly ReadingWords[]>([]);

/** The corpus's readings (GET /api/interpretations) for every page of the signed-in shell, asked once. */
export function ReadingsProvider({ children }: { children: ReactNode }) {
  const [readings, setReadings] = useState<readonly ReadingWords[]>([]);
  useEffect(() => {
    // words are a convenience over ids: a failure leaves the ids showing, it breaks no page
    api<{ items: ReadingWords[] }>('GET', '/api/interpretations').then((r) => setReadings(r.items), () => undefined);
  }, []);
  return <ReadingsContext.Provider value={readings}>{children}</ReadingsContext.Provider>;
}

/** The renderer with the session's names and readings; until they arrive (or outside the shell), the text as the engine wrote it. */
export function useWords() {
  const names = useNames();
  const readings = useContext(ReadingsContext);
  return useMemo(() => {
    const w: Wording = { names, readings };
    return {
      plain: (text: string) => plainWords(text, w),
      missing: (entry: string) => missingWords(entry, w),
      summary: (text: string) => summaryWords(text, w),
      reading: (id: string, value?: string) => readingWords(id, value, w) ?? (value === undefined ? id : `${id}=${value}`),
    };
  }, [names, readings]);
}
