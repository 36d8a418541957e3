/**
 * Which column holds what: Chinese or English headers, as clerks write them ("名称*",
 * "主码流地址（必填）", "Main URL") all map to the same field.
 */
import type { ImportField } from '../../../preload/api.js';

const ALIASES: Record<ImportField, string[]> = {
  name: ['名称', '摄像机名称', '点位名称', '设备名称', 'name', 'cameraname', 'camera'],
  village: ['所属村', '村', '村名', '所属村庄', '村庄', 'village'],
  mainUrl: ['主码流地址', '主码流', '主码流rtsp地址', 'rtsp地址', '地址', 'mainurl', 'mainstream', 'url', 'rtsp'],
  subUrl: ['子码流地址', '子码流', '子码流rtsp地址', 'suburl', 'substream'],
  username: ['用户名', '账号', '帐号', '登录名', 'username', 'user'],
  password: ['密码', '登录密码', 'password', 'pass'],
  ownerKind: ['类型', '归属', '摄像机类型', 'type', 'owner', 'ownerkind'],
  location: ['经纬度', '坐标', '位置', 'location', 'lnglat', 'coordinates'],
  tags: ['标签', 'tags', 'tag'],
};

/** Columns a row cannot do without. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['name', 'village', 'mainUrl'];

/** "主码流地址（必填）*" → "主码流地址"; "Main URL" → "mainurl". */
export function normalizeHeader(header: string): string {
  return header
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*_\-:：]/g, '')
    .toLowerCase();
}

const LOOKUP = new Map<string, ImportField>(
  (Object.entries(ALIASES) as [ImportField, string[]][]).flatMap(([field, names]) => names.map((name) => [normalizeHeader(name), field] as const)),
);

export interface ColumnMap {
  /** Column index of each field found. */
  columns: Partial<Record<ImportField, number>>;
  /** Required fields with no column. */
  missing: ImportField[];
}

export function mapColumns(header: readonly string[]): ColumnMap {
  const columns: Partial<Record<ImportField, number>> = {};
  header.forEach((cell, index) => {
    const field = LOOKUP.get(normalizeHeader(cell));
    if (field !== undefined && columns[field] === undefined) columns[field] = index;
  });
  return { columns, missing: REQUIRED_FIELDS.filter((field) => columns[field] === undefined) };
}
