/**
 * Spreadsheet rows → cameras to import, each row with its own list of problems (`field:problem`)
 * so the preview can say "row 7: the address is wrong" and skip only that row. Pure.
 */
import type { GeoPoint, ImportField, OwnerKind } from '../../../preload/api.js';
import { checkCameraUrl, redact, type SourceKind } from '../cameraUrl.js';
import type { ColumnMap } from './columns.js';
import type { TableRow } from './table.js';

export interface ImportCandidate {
  line: number;
  name: string;
  village: string;
  kind: SourceKind;
  /** Without credentials; a bad address is kept as typed, redacted, to show where it is wrong. */
  mainUrl: string;
  subUrl: string | null;
  username: string | null;
  /** Lives only in main, until it is sealed. */
  password: string | null;
  ownerKind: OwnerKind;
  location: GeoPoint | null;
  tags: string[];
  problems: string[];
}

const HOUSEHOLD = new Set(['家庭', '住户', '民用', '私人', '村民', 'household', 'private', 'home']);
const PUBLIC = new Set(['', '公共', '公用', '公安', '村委', 'public']);

export function parseOwnerKind(text: string): OwnerKind | null {
  const value = text.trim().toLowerCase();
  if (PUBLIC.has(value)) return 'public';
  if (HOUSEHOLD.has(value)) return 'household';
  return null;
}

/**
 * "112.97,28.19" (longitude first, as map tools copy it); Chinese commas and spaces work too.
 * When the first number can only be a latitude and the second only a longitude, they are swapped.
 */
export function parseLocation(text: string): GeoPoint | null | 'bad' {
  const value = text.trim();
  if (value === '') return null;
  const parts = value.split(/\s*[,，;；\s]\s*/).filter(Boolean);
  if (parts.length !== 2 || !parts.every((p) => /^-?\d+(\.\d+)?$/.test(p))) return 'bad';
  let [lng, lat] = parts.map(Number) as [number, number];
  if (Math.abs(lng) <= 90 && Math.abs(lat) > 90) [lng, lat] = [lat, lng];
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return 'bad';
  return { lng, lat };
}

const splitTags = (text: string) => [...new Set(text.split(/[,，;；、\s]+/).map((t) => t.trim()).filter(Boolean))];

export interface RowContext {
  /** Whether a camera of this name is already stored in the village of this name. */
  stored(village: string, name: string): boolean;
}

export function readRows(rows: readonly TableRow[], map: ColumnMap, context: RowContext): ImportCandidate[] {
  const cell = (row: TableRow, field: ImportField) => {
    const index = map.columns[field];
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  const seen = new Set<string>();
  const candidates: ImportCandidate[] = [];
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const problems: string[] = [];
    const name = cell(row, 'name');
    const village = cell(row, 'village');
    if (name === '') problems.push('name:empty');
    else if (name.length > 64) problems.push('name:too_long');
    if (village === '') problems.push('village:empty');
    else if (village.length > 64) problems.push('village:too_long');
    const mainText = cell(row, 'mainUrl');
    const main = checkCameraUrl(mainText);
    if (!main.ok) problems.push(`mainUrl:${main.reason}`);
    const subText = cell(row, 'subUrl');
    const sub = subText === '' ? null : checkCameraUrl(subText);
    if (sub && !sub.ok) problems.push(`subUrl:${sub.reason}`);
    else if (sub && main.ok && sub.kind !== main.kind) problems.push('subUrl:mixed_kinds');

    const ownerKind = parseOwnerKind(cell(row, 'ownerKind'));
    if (ownerKind === null) problems.push('ownerKind:unknown_kind');
    const location = parseLocation(cell(row, 'location'));
    if (location === 'bad') problems.push('location:bad_location');
    // Only a row that could be imported claims its name: a bad first copy does not spoil a good second.
    const key = `${village}\u0000${name}`;
    if (problems.length === 0 && seen.has(key)) problems.push('name:duplicate_in_file');
    else if (problems.length === 0 && context.stored(village, name)) problems.push('name:duplicate_name');
    if (problems.length === 0) seen.add(key);
    const username = cell(row, 'username') || (main.ok ? main.credentials.username : undefined) || null;
    const password = cell(row, 'password') || (main.ok ? main.credentials.password : undefined) || null;
    candidates.push({
      line: row.line,
      name,
      village,
      kind: main.ok ? main.kind : 'rtsp',
      mainUrl: main.ok ? main.url : redact(mainText, password ? [password] : []),
      subUrl: sub === null ? null : sub.ok ? sub.url : redact(subText, password ? [password] : []),
      username,
      password,
      ownerKind: ownerKind ?? 'public',
      location: location === 'bad' ? null : location,
      tags: splitTags(cell(row, 'tags')).slice(0, 16).map((t) => t.slice(0, 32)),
      problems,
    });
  }
  return candidates;
}
