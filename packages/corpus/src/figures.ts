/**
 * Finding the figures of a policy text: amounts, thresholds, percentages, counts with a unit,
 * durations and ranks ("前3位", "前三名"). Calendar years, dates, document numbers (〔2022〕42号),
 * phone numbers and page markers ("— 5 —") are not figures: they carry no unit of the list below
 * (a date's 月/日 and a 文号's 号 are not units) and a 4-digit year before 年 is skipped.
 */

/** One figure: its text and its span [start, end) in UTF-16 code units of the document text. */
export interface Figure {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const ARABIC = String.raw`\d+(?:\.\d+)?`;
const CN_DIGIT = '零一二两三四五六七八九十百千';
const CHINESE = `[一二两三四五六七八九十][${CN_DIGIT}]*`;
/** Longest first, so that "万元" wins over "元" and "个月" over "个". */
const UNITS = [
  '万亿元', '万美元', '亿元', '万元', '美元', '元', '万家', '万人', '家', '个月', '个',
  '平米', 'm²', '㎡', '名', '位', '件', '人', '次', '处', '年', '%', '％',
];
const UNIT = `(?:${UNITS.join('|')})`;
const SPACE = '[ \\u00a0\\u3000]?'; // some texts put one space between number and unit: "1000 亿元"

const PATTERN = new RegExp(
  [
    `(?<rank>前${SPACE}(?:${ARABIC}|${CHINESE})${SPACE}[位名])`,
    `(?<guo>过亿元)`, // "过亿元": an implicit 1亿元 threshold
    `(?<![\\d.])(?<arabic>${ARABIC})${SPACE}(?<aunit>${UNIT})`,
    `(?<![${CN_DIGIT}])(?<chinese>${CHINESE})(?<cunit>${UNIT})`,
  ].join('|'),
  'gu',
);

/** "2023年", "2022 年", "2022年度": a calendar year, not a duration. */
function isCalendarYear(number: string, unit: string): boolean {
  return unit === '年' && /^(?:19|20)\d\d$/.test(number);
}

/** "一次性奖励" is the once-only modality, not a count of events. */
function isOnceModality(text: string, end: number, unit: string): boolean {
  return unit === '次' && text.charAt(end) === '性';
}

export function scanFigures(text: string): Figure[] {
  const figures: Figure[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    const number = g['arabic'] ?? g['chinese'];
    const unit = g['aunit'] ?? g['cunit'];
    if (number !== undefined && unit !== undefined) {
      if (isCalendarYear(number, unit) || isOnceModality(text, end, unit)) continue;
    }
    figures.push({ text: m[0], start, end });
  }
  return figures;
}
