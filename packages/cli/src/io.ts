/** Where a command writes, and how it fails on bad input (exit 2, nothing on stdout). */
export interface Streams {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

/** Bad input: one line per problem, each naming where it is and what is wrong. */
export class BadInput extends Error {
  constructor(readonly problems: readonly { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  }
}

export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;
