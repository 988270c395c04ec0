/**
 * The corpus's words: vocabulary.yaml at its root, then each document's own (in folder order),
 * merged into the engine's Vocabulary and the notes on applications (申报 / 免申即享).
 */
import type { Vocabulary } from '@duixian/engine';
import { FILE_SCHEMAS, type VocabularyFile, type WordNotes } from './schema.js';
import { lineOfKey, parseFile, type FileProblem } from './yaml-file.js';

const VOCABULARY_FILE = 'vocabulary.yaml';
/** Where words are declared in a vocabulary.yaml: the engine's three sections, then the notes on applications. */
const SECTIONS = [['kinds'], ['facts'], ['tags'], ['evidence', 'facts'], ['evidence', 'tags'], ['evidence', 'kinds'], ['registers', 'facts'], ['registers', 'tags']] as const;

export interface Words {
  readonly vocabulary: Vocabulary;
  readonly evidence: WordNotes;
  readonly registers: WordNotes;
}

/**
 * The corpus's words: vocabulary.yaml at the root, then each document's own (in folder order), merged.
 * A word declared twice alike is one word; declared twice differently it is an error naming both
 * files, since no reader could tell which label or unit an input means.
 */
export function readVocabulary(files: ReadonlyMap<string, string>, folders: readonly string[], problems: FileProblem[]): Words {
  const merged = new Map<string, Record<string, unknown>>(SECTIONS.map((path) => [path.join('.'), {}]));
  const declaredIn = new Map<string, string>(); // `section.word` → the file that declared it first
  for (const file of [VOCABULARY_FILE, ...folders.map((f) => `${f}/${VOCABULARY_FILE}`)]) {
    const source = files.get(file);
    if (source === undefined) continue; // a document need not declare words of its own
    const before = problems.length;
    const words = parseFile(file, source, FILE_SCHEMAS.vocabulary, problems) as VocabularyFile | undefined;
    if (!words || problems.length > before) continue;
    for (const path of SECTIONS) {
      const section = path.join('.');
      const into = merged.get(section)!;
      const declared = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], words) as Record<string, unknown> | undefined;
      for (const [word, said] of Object.entries(declared ?? {})) {
        const first = declaredIn.get(`${section}.${word}`);
        if (first === undefined) {
          declaredIn.set(`${section}.${word}`, file);
          into[word] = said;
        } else if (JSON.stringify(into[word]) !== JSON.stringify(said)) {
          problems.push({ file, line: lineOfKey(source, [...path, word]), field: `${section}.${word}`, message: `declared differently in ${first}: ${JSON.stringify(into[word])} there, ${JSON.stringify(said)} here; declare a word once, or alike` });
        }
      }
    }
  }
  const notes = (of: string): WordNotes => Object.freeze({ facts: merged.get(`${of}.facts`)!, tags: merged.get(`${of}.tags`)!, kinds: merged.get(`${of}.kinds`) ?? {} }) as WordNotes;
  return {
    vocabulary: Object.freeze({ kinds: merged.get('kinds')!, facts: merged.get('facts')!, tags: merged.get('tags')! }) as Vocabulary,
    evidence: notes('evidence'),
    registers: notes('registers'),
  };
}
