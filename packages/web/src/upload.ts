/**
 * The files a user drops, as the import endpoint takes them: one .json (the interchange format),
 * one .xlsx (the template), or a CSV pair (NAME.subjects.csv and NAME.facts.csv, told apart by
 * their names) sent together as multipart/form-data files, which the server streams to disk
 * (none is read into the page). Anything else is refused here with what to drop instead.
 */
export type Upload =
  | { readonly kind: 'json'; readonly name: string; readonly body: string }
  | { readonly kind: 'xlsx'; readonly name: string; readonly body: ArrayBuffer }
  | { readonly kind: 'csv'; readonly name: string; readonly body: FormData };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function uploadOf(files: readonly File[]): Promise<Upload | { readonly error: [string, string] }> {
  const [first] = files;
  if (!first) return { error: ['请选择文件', 'Choose a file'] };
  const lower = first.name.toLowerCase();
  if (files.length === 1 && lower.endsWith('.json')) return { kind: 'json', name: first.name, body: await first.text() };
  if (files.length === 1 && lower.endsWith('.xlsx')) return { kind: 'xlsx', name: first.name, body: await first.arrayBuffer() };
  if (files.every((f) => f.name.toLowerCase().endsWith('.csv'))) {
    const body = new FormData();
    for (const f of files) {
      const m = /\.(subjects|facts|history|parameters|interpretations)\.csv$/i.exec(f.name);
      if (!m) return { error: [`${f.name}：CSV 文件名须为 名称.subjects.csv、名称.facts.csv 等`, `${f.name}: name CSV files NAME.subjects.csv, NAME.facts.csv, …`] };
      const part = m[1]!.toLowerCase();
      if (body.has(part)) return { error: [`${part} 文件选了两个，请只选一个`, `Two ${part} files were chosen: choose one`] };
      body.append(part, f, f.name);
    }
    // a bureau's wide subjects file may carry every fact itself: the server's reader says when facts are missing
    if (!body.has('subjects')) return { error: ['CSV 需选择 subjects 文件（以及 facts 文件；主体文件带指标列时可只选 subjects）', 'A CSV import needs NAME.subjects.csv (and NAME.facts.csv, unless the subjects file carries indicator columns)'] };
    return { kind: 'csv', name: first.name.replace(/\.(subjects|facts|history|parameters|interpretations)\.csv$/i, ''), body };
  }
  return { error: ['请选择一个 .xlsx 或 .json 文件，或一对 CSV 文件', 'Choose one .xlsx or .json file, or a CSV pair'] };
}

/** The request for an upload: its body and content type. */
export function requestOf(u: Upload): { body: BodyInit; type: string } {
  if (u.kind === 'xlsx') return { body: u.body, type: XLSX_TYPE };
  // the browser writes the multipart boundary into the content type itself (api.ts sends none for FormData)
  if (u.kind === 'csv') return { body: u.body, type: 'multipart/form-data' };
  return { body: u.body, type: 'application/json' };
}
