/**
 * The five source texts (packages/corpus/texts/<document id>.txt), read once, on first use.
 * The files are verbatim copies of the published documents: never edit them (see texts/README.md).
 */
import { readFileSync } from 'node:fs';

export const DOCUMENT_IDS = [
  'sd-2022-42',
  'jining-2022-54',
  'dongying-2020-9',
  'jiyang-2021-80',
  'jinan-2021-cbec',
] as const;

export type DocumentId = (typeof DOCUMENT_IDS)[number];

export function isDocumentId(id: string): id is DocumentId {
  return (DOCUMENT_IDS as readonly string[]).includes(id);
}

let loaded: Readonly<Record<DocumentId, string>> | undefined;

function load(): Readonly<Record<DocumentId, string>> {
  if (loaded === undefined) {
    const texts = {} as Record<DocumentId, string>;
    for (const id of DOCUMENT_IDS) {
      texts[id] = readFileSync(new URL(`../texts/${id}.txt`, import.meta.url), 'utf8');
    }
    loaded = Object.freeze(texts);
  }
  return loaded;
}

/** The text of one document (all five files are read on the first call). */
export function textOf(id: DocumentId): string {
  return load()[id];
}

/** All five texts by document id; the files are read on the first property access. */
export const TEXTS: Readonly<Record<DocumentId, string>> = Object.freeze(
  Object.defineProperties(
    {} as Record<DocumentId, string>,
    Object.fromEntries(
      DOCUMENT_IDS.map((id) => [id, { enumerable: true, get: (): string => textOf(id) }]),
    ),
  ),
);
