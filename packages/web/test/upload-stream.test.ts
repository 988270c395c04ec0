// @vitest-environment jsdom
/**
 * The CSV pair goes to the server as multipart/form-data files (issue 17): each file a part named
 * for what it holds, told by its name whatever order it was chosen in, its text never read into
 * the page; the import's read phase says how many rows the server has read.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { render, screen } from '@testing-library/react';
import { requestOf, uploadOf } from '../src/upload';
import { IMPORT_PHASES } from '../src/progress';
import { Working } from '../src/pages/Working';

const file = (name: string, text: string) => new File([text], name);

describe('the CSV pair as files', () => {
  it('each file a part named for its section, in any order; history besides; the file name kept', async () => {
    const u = await uploadOf([file('县里.facts.csv', 'F'), file('县里.history.csv', 'H'), file('县里.subjects.csv', 'S')]);
    if (!('kind' in u) || u.kind !== 'csv') throw new Error(`not a CSV pair: ${JSON.stringify(u)}`);
    expect(u.name).toBe('县里');
    expect([...u.body.keys()]).toEqual(['facts', 'history', 'subjects']);
    const subjects = u.body.get('subjects') as File;
    expect([subjects.name, subjects.size]).toEqual(['县里.subjects.csv', 1]);
    expect((u.body.get('history') as File).name).toBe('县里.history.csv');
    const r = requestOf(u);
    expect(r.body).toBe(u.body);
    expect(r.type).toBe('multipart/form-data');
  });

  it('two files of one section are refused, naming it', async () => {
    expect(await uploadOf([file('a.subjects.csv', 'S'), file('b.subjects.csv', 'S'), file('a.facts.csv', 'F')]))
      .toEqual({ error: ['subjects 文件选了两个，请只选一个', 'Two subjects files were chosen: choose one'] });
  });
});

describe('rows read', () => {
  it('the read phase says how many rows the server has read; no count before it has one', () => {
    const { unmount } = render(createElement(Working, { since: Date.now(), progress: { phase: 'read', done: 12288 }, phases: IMPORT_PHASES }));
    expect(screen.getByText(/读取并逐行检查文件，已读 12,288 行，已用 \d+ 秒/)).toBeTruthy();
    unmount();
    render(createElement(Working, { since: Date.now(), progress: { phase: 'read' }, phases: IMPORT_PHASES }));
    expect(screen.queryByText(/已读/)).toBeNull();
  });
});
