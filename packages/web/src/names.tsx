/**
 * Names, not codes: what people read instead of `370811`, `park` or `sd-2022-42/2.traffic`. The
 * region table, the subject kinds and the indicators' labels come from the corpus's vocabulary
 * (GET /api/vocabulary), the clauses from GET /api/rules — fetched once per signed-in session and
 * shared by every page. Until they arrive (or for a code the corpus does not know) a name is the
 * code itself: a page never waits for its names, and never shows nothing.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api';

import type { RuleName, Vocabulary } from '@duixian/api';

/** a region of GET /api/vocabulary: code, name, level and parent */
export type RegionRow = Vocabulary['regions'][number];
/** a rule of GET /api/rules: its document's 文号 (鲁政字〔2022〕42号), article and title */
export type { RuleName };

export interface Names {
  /** a region as people write it: 济宁市任城区, 济宁市, 山东省 */
  region(code: string | null | undefined): string;
  /** a subject kind in Chinese: 直播基地 */
  kind(kind: string | null | undefined): string;
  /** an indicator's Chinese label: 网络零售额 */
  fact(key: string): string;
  /** an indicator's unit (yuan, ratio, count…), to show its values as people write them */
  factUnit(key: string): string | undefined;
  /** every subject kind with its Chinese name, for pickers */
  readonly kinds: readonly { kind: string; label: string }[];
  /** a tag's Chinese label: 在发文城市开展该项活动… */
  tag(tag: string): string;
  /** a rule parameter's Chinese description: 名次数（前N名） */
  parameter(key: string): string;
  /** a clause as people cite it: 鲁政字〔2022〕42号 第二条 电商平台流量补贴 */
  rule(id: string): string;
  ruleName(id: string): RuleName | undefined;
  readonly regions: readonly RegionRow[];
  readonly rules: readonly RuleName[];
}

/** 第二条 for the articles written as numerals; other article labels (二（三）) as they are. */
export const articleLabel = (article: string): string => (/^([一二三四五六七八九十]+|\d+)$/.test(article) ? `第${article}条` : article);

/** The names from the data the API gives; pure, so that the pages' tests can build one without a server. */
export function namesFrom(vocabulary: Vocabulary | null, rules: readonly RuleName[]): Names {
  const regions = new Map((vocabulary?.regions ?? []).map((r) => [r.code, r]));
  const kinds = new Map((vocabulary?.kinds ?? []).map((k) => [k.kind, k.label]));
  const facts = new Map((vocabulary?.factKeys ?? []).map((f) => [f.key, f.label]));
  const tags = new Map((vocabulary?.tags ?? []).map((x) => [x.tag, x.label]));
  const parameters = new Map((vocabulary?.parameters ?? []).map((p) => [p.key, p.label]));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const region = (code: string | null | undefined): string => {
    if (!code) return '—';
    const r = regions.get(code);
    if (!r) return code;
    const parent = r.level === 'county' && r.parent ? regions.get(r.parent) : undefined;
    return parent ? `${parent.name}${r.name}` : r.name;
  };
  return {
    region,
    kind: (kind) => (kind ? kinds.get(kind) ?? kind : '—'),
    fact: (key) => facts.get(key) ?? key,
    factUnit: (key) => vocabulary?.factKeys.find((f) => f.key === key)?.unit,
    kinds: vocabulary?.kinds ?? [],
    tag: (tag) => tags.get(tag) ?? tag,
    parameter: (key) => parameters.get(key) ?? key,
    rule: (id) => {
      const r = byId.get(id);
      return r ? `${r.number} ${articleLabel(r.article)} ${r.title}` : id;
    },
    ruleName: (id) => byId.get(id),
    regions: vocabulary?.regions ?? [],
    rules,
  };
}

const NamesContext = createContext<Names>(namesFrom(null, []));

/**
 * The answer of `ask`, asked again after 1, 2, 4, 8 s when it fails (a busy server's 429, a dropped
 * connection): names are a convenience over codes, so a failure never breaks a page — it leaves the
 * codes showing, and one lost request must not leave them for the whole session. Undefined at the end.
 */
async function patiently<T>(ask: () => Promise<T>, wanted: () => boolean): Promise<T | undefined> {
  for (let wait = 1000; ; wait *= 2) {
    try {
      return await ask();
    } catch {
      if (wait > 8000 || !wanted()) return undefined;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export function NamesProvider({ children }: { children: ReactNode }) {
  const [vocabulary, setVocabulary] = useState<Vocabulary | null>(null);
  const [rules, setRules] = useState<readonly RuleName[]>([]);
  useEffect(() => {
    let live = true;
    void patiently(() => api<Vocabulary>('GET', '/api/vocabulary'), () => live).then((v) => live && v && setVocabulary(v));
    void patiently(() => api<{ items: RuleName[] }>('GET', '/api/rules'), () => live).then((r) => live && r && setRules(r.items));
    return () => void (live = false);
  }, []);
  const names = useMemo(() => namesFrom(vocabulary, rules), [vocabulary, rules]);
  return <NamesContext.Provider value={names}>{children}</NamesContext.Provider>;
}

export const useNames = (): Names => useContext(NamesContext);
