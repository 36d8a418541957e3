/**
 * CSV a clerk opens in Excel (the audit, the import template). Pure.
 */

/**
 * Excel (and WPS, LibreOffice) runs a cell that starts with = + - @ as a formula, and a tab or CR
 * before one is skipped: a camera name or a viewing reason typed as `=HYPERLINK(…)` would become
 * a live link or command in the admin's spreadsheet. A leading apostrophe makes it plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised when it could start a formula, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | null): string {
  const raw = value === null ? '' : String(value);
  const text = typeof value === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(',');
}
