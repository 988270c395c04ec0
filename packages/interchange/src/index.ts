/**
 * @duixian/interchange: reads interchange format v1 (JSON, .xlsx, .csv) into the engine's Dataset,
 * all or nothing, with every problem named by its path; and writes the Excel import template.
 */
export type { Known, Meta, Problem, ReadOptions, ReadResult } from './types.js';
export { readJson, readObject, FORMAT } from './json.js';
export { readXlsx, readXlsxFile } from './xlsx.js';
export { readCsv, csvRows, type CsvFiles } from './csv.js';
export { columnLetter } from './locate.js';
export { editDistance } from './nearest.js';
export { readFile } from './file.js';
export { PROGRESS_EVERY } from './rows.js';
export { UPLOAD_LIMITS, FILE_LIMITS, fileTooLarge, centralDirectory, dataStart, type TooLarge, type UploadLimits, type ZipEntry } from './limits.js';
export { writeTemplate, templateXlsx, templateCsv } from './template.js';
export { SHEETS, sheetName, continuationSheetName } from './headers.js';
export { spreadsheetCsv, spreadsheetCsvLine, spreadsheetRow, spreadsheetText, spreadsheetValue, type SheetValue } from './spreadsheet-safe.js';
export { filterAwards, awardTotals, noticeRows, noticeCsv, noticeXlsx, NOTICE_HEADERS, type AwardFilter, type NoticeContext } from './notice.js';
