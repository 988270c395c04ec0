// The types of api-types.mjs, for the contract test that imports it.
export const TYPES_FILE: string;
export function openApiDocument(): Promise<unknown>;
export function openApiTypes(document: unknown): Promise<string>;
