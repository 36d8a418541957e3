/** Bulk import through the API, with the shipped example spreadsheet: preview, test a row, commit. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ImportPreview, Request, Response } from '../../preload/api.js';
import { silentLogger } from '../lib/logger.js';
import { startServices, type Services } from '../services.js';
import { keyFileSecretBox } from '../store/secretBox.js';

const EXAMPLE = readFileSync(join(import.meta.dirname, '../../resources/import-example.xlsx')).toString('base64');
let services: Services;
const seen: string[] = [];

async function dispatch<C extends Channel>(channel: C, payload?: Request<C>) {
  const result = await services.dispatch(channel, payload, 'test');
  seen.push(JSON.stringify(result));
  return result;
}
async function call<C extends Channel>(channel: C, payload?: Request<C>): Promise<Response<C>> {
  const result = await dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.message}`);
  return result.value as Response<C>;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vw-import-'));
  services = await startServices({ mode: 'headless', dataDir: dir, secretBox: keyFileSecretBox(join(dir, 'k')), log: silentLogger });
});
afterAll(() => services.close());

describe('importing the example spreadsheet', () => {
  let preview: ImportPreview;

  it('previews 30 rows, one of them bad, and the three villages it will create', async () => {
    preview = await call('import.preview', { fileName: 'import-example.xlsx', base64: EXAMPLE, townshipId: 'town-qingshan' });
    expect(preview).toMatchObject({ format: 'xlsx', encoding: null, newVillages: ['柳树村', '桃花村', '石桥村'] });
    expect(preview.rows).toHaveLength(30);
    expect(preview.rows.filter((r) => r.problems.length > 0).map((r) => [r.line, r.problems])).toEqual([[7, ['mainUrl:scheme']]]);
    expect(preview.rows[0]).toMatchObject({ line: 2, village: '柳树村', username: 'admin', passwordSet: true, mainUrl: 'rtsp://192.168.10.64:554/Streaming/Channels/101' });
  });

  it('refuses to test a row whose address is wrong, with the same words as the preview', async () => {
    expect(await dispatch('import.probe', { previewId: preview.previewId, line: 7 })).toMatchObject({ ok: false, message: 'mainUrl:scheme' });
  });

  it('imports the 29 good rows, skipping the bad one, and changes nothing already stored', async () => {
    const before = services.repo.data.cameras;
    const result = await call('import.commit', { previewId: preview.previewId, lines: preview.rows.map((r) => r.line) });
    expect(result).toEqual({ imported: 29, villagesCreated: ['柳树村', '桃花村', '石桥村'], skipped: [{ line: 7, problems: ['mainUrl:scheme'] }] });
    const after = services.repo.data;
    expect(after.cameras.slice(0, before.length)).toEqual(before);
    expect(after.cameras).toHaveLength(before.length + 29);
    const villages = after.sites.filter((s) => s.parentId === 'town-qingshan' && ['柳树村', '桃花村', '石桥村'].includes(s.name));
    expect(villages.map((v) => v.level)).toEqual(['village', 'village', 'village']);
    expect(after.cameras.filter((c) => c.ownerKind === 'household')).toHaveLength(3);
    expect(after.cameras.at(-1)!.passwordSealed).toMatch(/^gcm1:/);
  });

  it('forgets a preview once committed', async () => {
    expect(await dispatch('import.commit', { previewId: preview.previewId, lines: [2] })).toMatchObject({ ok: false, code: 'not_found', message: 'import:expired' });
  });

  it('imports nothing twice: the same file again has every good row already stored', async () => {
    const again = await call('import.preview', { fileName: 'import-example.xlsx', base64: EXAMPLE, townshipId: 'town-qingshan' });
    expect(again.newVillages).toEqual([]);
    expect(again.rows.filter((r) => r.problems.includes('name:duplicate_name'))).toHaveLength(29);
    expect(await call('import.commit', { previewId: again.previewId, lines: again.rows.map((r) => r.line) })).toMatchObject({ imported: 0 });
  });

  it('tests a row of a CSV with its own credentials', async () => {
    const csv = Buffer.from('名称,所属村,主码流地址,用户名,密码\n测试,东村,rtsp://127.0.0.1:1/x,admin,Row#Secret9\n').toString('base64');
    const rows = await call('import.preview', { fileName: 'a.csv', base64: csv, townshipId: 'town-qingshan' });
    expect(await call('import.probe', { previewId: rows.previewId, line: 2 })).toMatchObject({ outcome: 'unreachable' });
  });

  it('refuses a file it cannot read, and a township that is not one', async () => {
    expect(await dispatch('import.preview', { fileName: 'x.csv', base64: Buffer.from('hello').toString('base64'), townshipId: 'town-qingshan' })).toMatchObject({ ok: false, message: 'file:no_rows' });
    expect(await dispatch('import.preview', { fileName: 'x.xlsx', base64: EXAMPLE, townshipId: 'village-dong' })).toMatchObject({ ok: false, message: 'township:not_township' });
  });

  it('never sends a password to the page', () => {
    expect(seen.join('\n')).not.toMatch(/Cam\d+#\d+pw|Row#Secret9/);
  });
});
