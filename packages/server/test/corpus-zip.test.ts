/** Reading an uploaded document folder (.zip): its files, what is skipped, and every limit held before and while inflating. */
import { describe, expect, it } from 'vitest';
import { readCorpusZip } from '../src/corpus-zip.js';
import { zipOf } from './zip.js';

const LIMITS = { zipBytes: 10_000, inflatedBytes: 5_000, entries: 5 };

describe('a document folder as a .zip', () => {
  it('gives the files of the folder by path; what archivers add is skipped', () => {
    const r = readCorpusZip(zipOf({ 'doc-1/document.yaml': 'id: doc-1\n', 'doc-1/cases/a.yaml': '- name: 甲\n', '__MACOSX/doc-1/._document.yaml': 'x', 'doc-1/.DS_Store': 'x' }), LIMITS);
    expect(r).toEqual({ ok: true, files: new Map([['doc-1/document.yaml', 'id: doc-1\n'], ['doc-1/cases/a.yaml', '- name: 甲\n']]) });
  });

  it('a file outside a document folder, or loose at the top, is named', () => {
    const r = readCorpusZip(zipOf({ 'document.yaml': 'id: x\n', 'doc-1/notes.docx': 'x', 'doc-1/../evil.yaml': 'x' }), LIMITS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['document.yaml', 'doc-1/notes.docx', 'doc-1/../evil.yaml']);
  });

  it('an entry that inflates beyond the size its directory declares is refused, not inflated further', () => {
    const zip = zipOf({ 'doc-1/text.txt': 'a'.repeat(1000) });
    // the declared size, in the local header (22) and the directory entry: 1000 → 100
    const dir = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(100, 22);
    zip.writeUInt32LE(100, dir + 24);
    const r = readCorpusZip(zip, LIMITS);
    expect(r).toEqual({ ok: false, problems: [{ path: 'doc-1/text.txt', message: expect.stringMatching(/inflates beyond the size the zip declares/) }] });
  });

  it('sizes: the .zip as sent, what it declares inflated, its entries — each at its bound and one past it', () => {
    const of = (n: number) => zipOf({ 'doc-1/text.txt': 'a'.repeat(n) });
    expect(readCorpusZip(of(5_000), LIMITS).ok).toBe(true);
    expect(readCorpusZip(of(5_001), LIMITS)).toMatchObject({ ok: false, tooLarge: true });
    const five = Object.fromEntries([1, 2, 3, 4, 5].map((k) => [`doc-1/cases/${k}.yaml`, '[]']));
    expect(readCorpusZip(zipOf(five), LIMITS).ok).toBe(true);
    expect(readCorpusZip(zipOf({ ...five, 'doc-1/cases/6.yaml': '[]' }), LIMITS)).toMatchObject({ ok: false, tooLarge: true });
    const sent = zipOf({ 'doc-1/text.txt': 'ab'.repeat(10) });
    expect(readCorpusZip(sent, { ...LIMITS, zipBytes: sent.length }).ok).toBe(true);
    expect(readCorpusZip(sent, { ...LIMITS, zipBytes: sent.length - 1 })).toMatchObject({ ok: false, tooLarge: true });
  });

  it('text that is not UTF-8 (a file saved as GBK) is named', () => {
    const gbk = Buffer.from([0xd5, 0xfe, 0xb2, 0xdf]); // 政策 in GBK
    const r = readCorpusZip(zipOf({ 'doc-1/text.txt': gbk, 'doc-1/document.yaml': 'id: doc-1\n' }), LIMITS);
    expect(r).toEqual({ ok: false, problems: [{ path: 'doc-1/text.txt', message: expect.stringMatching(/not UTF-8/) }] });
  });
});
