/** A refused account change: which field and why, in Chinese and English. */
export class AccountError extends Error {
  constructor(readonly field: string, readonly zh: string, readonly en: string) {
    super(`${field}: ${en}`);
  }
}
