/**
 * The documents' verbatim texts (corpus/<document id>/text.txt). The files are verbatim copies of
 * the published documents: never edit them (see corpus/README.md).
 */
import { LOADED } from './builtin.js';

/** The documents of the corpus, in its order (position, then id). */
export const DOCUMENT_IDS: readonly string[] = Object.freeze(LOADED.corpus.documents.map((d) => d.id));

/** A document id is a folder of the corpus: any string the corpus holds. */
export type DocumentId = string;

export function isDocumentId(id: string): id is DocumentId {
  return Object.hasOwn(LOADED.texts, id);
}

/** The text of one document. */
export function textOf(id: DocumentId): string {
  const text = LOADED.texts[id];
  if (text === undefined) throw new Error(`no document ${id} in the corpus`);
  return text;
}

/** Every text by document id. */
export const TEXTS: Readonly<Record<DocumentId, string>> = LOADED.texts;
