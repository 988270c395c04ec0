/**
 * The corpus beside the law's text: each document's articles (measures) with their
 * departments, its targets, and every number in the text either linked to a rule or a
 * target, or marked not computable with a reason (`duixian check` enforces this).
 */

/** One article (措施/条款) of a document, whether or not it awards anything. */
export interface Measure {
  readonly document: string; // document id, e.g. "sd-2022-42"
  readonly article: string; // as numbered in the text: "一", "三(五)", "5", "三(一)1"
  readonly anchor: string; // stable anchor within the document, e.g. "art-1", "art-3-5"
  readonly title: string; // the article's heading in the text, e.g. "实施网络零售倍增行动"
  /** a verbatim excerpt that starts the article in the text; locates the article's span */
  readonly heading: string;
  readonly lead: readonly string[]; // 牵头单位
  readonly responsible: readonly string[]; // 责任单位 / 参与单位
  /** rule ids this article defines (empty when it awards nothing: a task to track) */
  readonly rules: readonly string[];
  /** an article that awards something and also assigns work to departments (举办、建立、推动…): a task to track all the same */
  readonly alsoTask?: boolean;
}

/** A target (目标) a document sets, with the year it is due. */
export interface Target {
  readonly id: string; // e.g. "sd-2022-42/T.online-retail"
  readonly document: string;
  readonly article: string;
  readonly description: string; // Chinese, for people
  readonly year: number; // due by the end of this year
  /** the comparison word of the text: 达到/突破/超过/以上/不少于 … */
  readonly legal: string;
  readonly value: string; // the text's figure, e.g. "1万亿元", "200万家", "50%"
  readonly unit: string; // 元, 家, 个, 人, ratio, …
  /** how the platform can measure it from data (a fact key of a region), when it can */
  readonly indicator?: { readonly key: string; readonly subject: string } | { readonly computed: string };
  /** verbatim substrings of the text this target accounts for */
  readonly cites: readonly string[];
}

/** A figure in the text that decides nothing the engine computes, and why. */
export interface NotComputable {
  readonly document: string;
  readonly cite: string; // verbatim substring of the text containing the figure
  readonly reason: string;
}
