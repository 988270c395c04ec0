/**
 * The documents' verbatim texts (corpus/<document id>/text.txt), of the corpus in use (in-use.ts).
 * The files are verbatim copies of the published documents: never edit them (see corpus/README.md).
 */
import { follow, IN_USE } from './in-use.js';

/** The documents of the corpus, in its order (position, then id). */
export let DOCUMENT_IDS: readonly string[];

/** A document id is a folder of the corpus: any string the corpus holds. */
export type DocumentId = string;

export function isDocumentId(id: string): id is DocumentId {
  return Object.hasOwn(IN_USE.texts, id);
}

/** The text of one document. */
export function textOf(id: DocumentId): string {
  const text = IN_USE.texts[id];
  if (text === undefined) throw new Error(`no document ${id} in the corpus`);
  return text;
}

/** Every text by document id. */
export let TEXTS: Readonly<Record<DocumentId, string>>;

follow((loaded) => {
  DOCUMENT_IDS = Object.freeze(loaded.corpus.documents.map((d) => d.id));
  TEXTS = loaded.texts;
});
