/**
 * A spreadsheet as rows of text cells, each row keeping the number the spreadsheet shows for it
 * (the header is row 1), so every complaint can say "row 7". CSV through papaparse, XLSX (the
 * first sheet) through exceljs, which is loaded only when an XLSX file arrives.
 */
import Papa from 'papaparse';
import { decodeText, type TextEncoding } from './decodeText.js';

export interface TableRow {
  line: number;
  cells: string[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  rows: TableRow[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
}

export function readCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  // Excel writes tabs for "Unicode text"; papaparse guesses the delimiter from the first lines.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  const rows = parsed.data.map((cells, index) => ({ line: index + 1, cells: cells.map((cell) => String(cell ?? '')) }));
  return { format: 'csv', encoding, rows };
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  const rows: TableRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    // `text` is what the cell shows: a hyperlink's text, a formula's result, a number as formatted.
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text ?? '';
    });
    rows.push({ line, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return { format: 'xlsx', encoding: null, rows };
}

/** Either kind of file, told apart by its first bytes rather than its name. */
export function readTable(bytes: Uint8Array): Promise<Table> {
  return looksLikeXlsx(bytes) ? readXlsx(bytes) : Promise.resolve(readCsv(bytes));
}
