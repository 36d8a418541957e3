/**
 * Reading a whole spreadsheet for the import preview: the file's kind and encoding, the header
 * row, and every row after it checked against the file itself and against what is stored under
 * the chosen township. A file it cannot use at all gets one `file:problem`.
 */
import { MAX_IMPORT_BYTES } from '../../../preload/api.js';
import type { StoredData } from '../model.js';
import { mapColumns } from './columns.js';
import { readRows, type ImportCandidate } from './rows.js';
import { looksLikeXlsx, readTable, type Table } from './table.js';
import { checkUnpackedSize } from './unpackedSize.js';

export type FileProblem = 'too_large' | 'unpacked_too_large' | 'xls_unsupported' | 'unreadable' | 'no_rows' | 'missing_columns';

export type SpreadsheetRead =
  | { ok: true; format: Table['format']; encoding: Table['encoding']; candidates: ImportCandidate[]; newVillages: string[] }
  | { ok: false; problem: FileProblem; detail?: string };

/** The old binary .xls (an OLE compound file) that only Excel itself reads well. */
const isLegacyXls = (bytes: Uint8Array) => [0xd0, 0xcf, 0x11, 0xe0].every((byte, i) => bytes[i] === byte);

export async function readSpreadsheet(bytes: Uint8Array, data: StoredData, townshipId: string): Promise<SpreadsheetRead> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, problem: 'too_large', detail: `${bytes.byteLength} bytes` };
  if (isLegacyXls(bytes)) return { ok: false, problem: 'xls_unsupported' };
  if (looksLikeXlsx(bytes)) {
    // A 22 KB file can unpack to 15 MB: exceljs would unpack and parse it all before we could say no.
    const unpacked = checkUnpackedSize(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!unpacked.ok) return unpacked;
  }
  let table: Table;
  try {
    table = await readTable(bytes);
  } catch (error) {
    return { ok: false, problem: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
  const filled = table.rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const [header, ...rows] = filled;
  if (!header || rows.length === 0) return { ok: false, problem: 'no_rows' };
  const map = mapColumns(header.cells);
  if (map.missing.length > 0) return { ok: false, problem: 'missing_columns', detail: `missing: ${map.missing.join(', ')}; header: ${header.cells.join(', ')}` };

  const villages = new Map(data.sites.filter((s) => s.parentId === townshipId).map((s) => [s.name, s.id]));
  const stored = new Set(data.cameras.map((c) => `${c.siteId}\u0000${c.name}`));
  const candidates = readRows(rows, map, {
    stored: (village, name) => {
      const siteId = villages.get(village);
      return siteId !== undefined && stored.has(`${siteId}\u0000${name}`);
    },
  });
  const newVillages = [...new Set(candidates.filter((c) => c.problems.length === 0 && !villages.has(c.village)).map((c) => c.village))];
  return { ok: true, format: table.format, encoding: table.encoding, candidates, newVillages };
}
