/**
 * exceljs, loaded on first use: it is a large CommonJS library (~0.35 s to load), and most
 * runs read JSON. Only reading .xlsx and writing the template pay for it.
 */
import type ExcelJS from 'exceljs';

let excel: Promise<typeof ExcelJS> | undefined;

export function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}
