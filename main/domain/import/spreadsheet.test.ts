import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip'; // exceljs's own zip library
import { describe, expect, it } from 'vitest';
import { townshipData } from '../testData.js';
import { decodeText } from './decodeText.js';
import { readSpreadsheet } from './spreadsheet.js';
import { TEMPLATE_FILE_NAME, templateCsv } from './template.js';

const RESOURCES = join(import.meta.dirname, '../../../resources');
const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = '名称,所属村,主码流地址,子码流地址,用户名,密码,类型,经纬度';

async function read(bytes: Uint8Array) {
  const result = await readSpreadsheet(bytes, townshipData(), 'town');
  if (!result.ok) throw new Error(`unexpected ${result.problem}: ${result.detail}`);
  return result;
}

async function xlsx(rows: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('cameras');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('reading a CSV', () => {
  it('reads good rows with Chinese headers, credentials kept apart from the URL', async () => {
    const csv = `${HEADER}\n村口,北村,rtsp://admin:Pw1@192.0.2.30/ch1,rtsp://192.0.2.30/ch2,,,家庭,"112.93,28.22"\n`;
    const { candidates, newVillages, format, encoding } = await read(utf8(csv));
    expect({ format, encoding, newVillages }).toEqual({ format: 'csv', encoding: 'utf-8', newVillages: ['北村'] });
    expect(candidates).toEqual([
      {
        line: 2,
        name: '村口',
        village: '北村',
        kind: 'rtsp',
        mainUrl: 'rtsp://192.0.2.30/ch1',
        subUrl: 'rtsp://192.0.2.30/ch2',
        username: 'admin',
        password: 'Pw1',
        ownerKind: 'household',
        location: { lng: 112.93, lat: 28.22 },
        tags: [],
        problems: [],
      },
    ]);
  });

  it('gives each bad row its own problems and its own spreadsheet row number', async () => {
    const csv = [
      HEADER,
      ',北村,rtsp://192.0.2.1/a,,,,,', // 2: no name
      '门口,,rtsp://192.0.2.2/a,,,,,', // 3: no village
      '门口,北村,http://192.0.2.3/a,,,,,', // 4: not rtsp
      '', // 5: blank lines are skipped but still counted
      '桥头,北村,rtsp://192.0.2.4/a,rtsp//x,,,邻居,"500,1"', // 6: bad sub URL, kind, place
      '门口,北村,rtsp://192.0.2.5/a,,,,,', // 7: fine
      '门口,北村,rtsp://192.0.2.6/a,,,,,', // 8: same name twice in one village
      '东村口,东村,rtsp://192.0.2.7/a,,,,,', // 9: already stored in 东村
    ].join('\r\n');
    const { candidates } = await read(utf8(csv));
    expect(candidates.map((c) => [c.line, c.problems])).toEqual([
      [2, ['name:empty']],
      [3, ['village:empty']],
      [4, ['mainUrl:scheme']],
      [6, ['subUrl:scheme', 'ownerKind:unknown_kind', 'location:bad_location']],
      [7, []],
      [8, ['name:duplicate_in_file']],
      [9, ['name:duplicate_name']],
    ]);
  });

  it('reads Chinese text from a GBK file, as Excel in China saves a CSV', async () => {
    const csv = `${HEADER}\r\n柳树村委会大门,柳树村,rtsp://192.0.2.8/ch1,,管理员,,公共,\r\n`;
    const gbk = new Uint8Array(iconv.encode(csv, 'gbk'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const { candidates, encoding } = await read(gbk);
    expect(encoding).toBe('gb18030');
    expect(candidates[0]).toMatchObject({ name: '柳树村委会大门', village: '柳树村', username: '管理员', problems: [] });
  });

  it('reads UTF-8 with a BOM and UTF-16 tab-separated "Unicode text"', () => {
    expect(decodeText(utf8('\uFEFF名称'))).toEqual({ text: '名称', encoding: 'utf-8' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('名称\t所属村', 'utf16le')]);
    expect(decodeText(utf16)).toEqual({ text: '名称\t所属村', encoding: 'utf-16le' });
  });

  it('accepts English headers in any order and case', async () => {
    const csv = 'Village,Main URL,Name,Type\nNorth,rtsp://192.0.2.9/a,Gate,household\n';
    const { candidates } = await read(utf8(csv));
    expect(candidates[0]).toMatchObject({ name: 'Gate', village: 'North', ownerKind: 'household', problems: [] });
  });

  it.each([
    ['a file without the required columns', utf8('名称,备注\n门口,x\n'), 'missing_columns'],
    ['a header without rows', utf8(`${HEADER}\n\n`), 'no_rows'],
    ['an old binary .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'xls_unsupported'],
    ['a damaged .xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'unreadable'],
    ['a file over 5 MB', new Uint8Array(5 * 1024 * 1024 + 1), 'too_large'],
  ])('refuses %s as a whole', async (_name, bytes, problem) => {
    expect(await readSpreadsheet(bytes, townshipData(), 'town')).toMatchObject({ ok: false, problem });
  });
});

describe('reading an XLSX', () => {
  it('reads good and bad rows from the first sheet, with their row numbers', async () => {
    const bytes = await xlsx([
      HEADER.split(','),
      ['村口', '北村', 'rtsp://192.0.2.40/ch1', '', 'admin', 'Xl5x!', '公共', '112.9,28.2'],
      ['', '北村', 'rtsp://192.0.2.41/ch1', '', '', '', '', ''],
      ['桥头', '北村', 'rtsp://', '', '', '', '', ''],
    ]);
    const { candidates, format } = await read(bytes);
    expect(format).toBe('xlsx');
    expect(candidates.map((c) => [c.line, c.name, c.problems])).toEqual([
      [2, '村口', []],
      [3, '', ['name:empty']],
      [4, '桥头', ['mainUrl:host']],
    ]);
    expect(candidates[0]).toMatchObject({ username: 'admin', password: 'Xl5x!', location: { lng: 112.9, lat: 28.2 } });
  });

  it('reads the shipped example: 30 cameras in 3 villages, row 7 with a bad address', async () => {
    const { candidates, newVillages } = await read(new Uint8Array(readFileSync(join(RESOURCES, 'import-example.xlsx'))));
    expect(candidates).toHaveLength(30);
    expect(newVillages).toEqual(['柳树村', '桃花村', '石桥村']);
    expect(candidates.filter((c) => c.problems.length > 0).map((c) => [c.line, c.problems])).toEqual([[7, ['mainUrl:scheme']]]);
    expect(candidates.filter((c) => c.ownerKind === 'household')).toHaveLength(3);
  });
});

describe('an XLSX that unpacks to far more than it weighs', () => {
  /** A good file with 15 MB of one character hidden in a shared string: 22 KB on disk. */
  async function zipBomb(): Promise<Buffer> {
    const good = await xlsx([HEADER.split(','), ['村口', '北村', 'rtsp://192.0.2.30/ch1', '', '', '', '公共', '', 'FILLER']]);
    const zip = await JSZip.loadAsync(good);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    zip.file('xl/sharedStrings.xml', strings.replace('FILLER', '村'.repeat(5 * 1024 * 1024)));
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  }

  /** Rewrites the size an entry declares, in its local header and in the central directory. */
  function declareSize(zip: Buffer, name: string, size: number): Buffer {
    const out = Buffer.from(zip);
    for (let at = 0; at + 46 < out.length; at++) {
      const signature = out.readUInt32LE(at);
      const [nameAt, sizeAt] = signature === 0x04034b50 ? [30, 22] : signature === 0x02014b50 ? [46, 24] : [0, 0];
      if (!nameAt) continue;
      const nameLength = out.readUInt16LE(at + nameAt - (signature === 0x04034b50 ? 4 : 18));
      if (out.toString('utf8', at + nameAt, at + nameAt + nameLength) === name) out.writeUInt32LE(size, at + sizeAt);
    }
    return out;
  }

  it('is refused from its zip directory before exceljs reads it', async () => {
    const bomb = await zipBomb();
    expect(bomb.length).toBeLessThan(44 * 1024);
    const result = await readSpreadsheet(bomb, townshipData(), 'town');
    console.log(`a ${(bomb.length / 1024).toFixed(0)} KB file: ${JSON.stringify(result)}`);
    expect(result).toMatchObject({ ok: false, problem: 'unpacked_too_large' });
  });

  it('is refused when its zip directory lies about the size, after unpacking no more than the lie', async () => {
    const liar = declareSize(await zipBomb(), 'xl/sharedStrings.xml', 2000);
    expect(await readSpreadsheet(liar, townshipData(), 'town')).toMatchObject({ ok: false, problem: 'unpacked_too_large' });
  });
});

describe('the template', () => {
  it('is the file shipped in resources/, and reads back as one good row', async () => {
    expect(readFileSync(join(RESOURCES, TEMPLATE_FILE_NAME), 'utf8')).toBe(templateCsv());
    const { candidates } = await read(utf8(templateCsv()));
    expect(candidates).toEqual([expect.objectContaining({ name: '村委会大门', village: '东村', problems: [], location: { lng: 112.9388, lat: 28.2282 } })]);
  });
});
