/**
 * Chinese first, English on a switch. Texts stay beside their use as pairs — t('评审', 'Review')
 * — so that a page reads in both languages and no key table drifts from the code.
 */
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';
export const LangContext = createContext<Lang>('zh');

export function useT(): (zh: string, en: string) => string {
  const lang = useContext(LangContext);
  return (zh, en) => (lang === 'zh' ? zh : en);
}

export const useLang = (): Lang => useContext(LangContext);
