/**
 * The spreadsheet template a township fills in: the headers this console reads, and one example
 * row. UTF-8 with a BOM, which is how Excel knows to open it as UTF-8 rather than GBK.
 * resources/import-template.csv is this text (a test keeps the two equal).
 */
import { csvLine } from '../../../preload/csv.js';

export const TEMPLATE_FILE_NAME = 'import-template.csv';

export const TEMPLATE_HEADERS = ['名称', '所属村', '主码流地址', '子码流地址', '用户名', '密码', '类型', '经纬度', '标签'] as const;

const EXAMPLE = ['村委会大门', '东村', 'rtsp://192.168.1.64:554/Streaming/Channels/101', 'rtsp://192.168.1.64:554/Streaming/Channels/102', 'admin', '', '公共', '112.9388,28.2282', '路口'];

export function templateCsv(): string {
  return `\uFEFF${csvLine(TEMPLATE_HEADERS)}\r\n${csvLine(EXAMPLE)}\r\n`;
}
