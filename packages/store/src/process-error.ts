/**
 * A refusal of the award process (申报, 评审, 公示, 预算, 拨付, 名单): a stable code, what went wrong
 * and what to do, in Chinese and English. `kind` says which HTTP answer it is: the input is wrong
 * (invalid), the state of things forbids it now (conflict), the actor may not take this step
 * (forbidden: another level's review), or there is no such thing (not-found).
 */
export class ProcessError extends Error {
  constructor(
    readonly kind: 'invalid' | 'conflict' | 'forbidden' | 'not-found',
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
  ) {
    super(en);
  }
}

export const notFound = (what: string, en: string): ProcessError => new ProcessError('not-found', 'not-found', `没有${what}`, `No such ${en}`);

/** One problem of an input: its field and, in a batch (an import), the entry it is in (from 0). */
export interface FieldProblem {
  readonly index?: number;
  readonly field: string;
  /** what is wrong and what to do */
  readonly message: string;
}

/**
 * Several problems at once, each naming its field (and entry): all or nothing, so nothing was
 * written. `invalid`: the input is wrong; `forbidden`: entries outside the caller's jurisdiction.
 */
export class ProcessProblems extends Error {
  constructor(readonly kind: 'invalid' | 'forbidden', readonly problems: readonly FieldProblem[]) {
    super(`${problems.length} problem(s): ${problems.map((p) => `${p.index === undefined ? '' : `[${p.index}].`}${p.field}`).join(', ')}`);
  }
}
