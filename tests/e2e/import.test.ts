/**
 * End to end: a township clerk imports the shipped example spreadsheet through the UI of the
 * headless console in a real Chromium: creates the township, sees the preview with its one bad
 * row, imports, and finds the 29 good cameras in the site tree. No password reaches the page.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type Console, openWallPage, shutDown } from './harness.js';

const EXAMPLE = join(import.meta.dirname, '../../resources/import-example.xlsx');

let wall: Console;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  wall = await startConsole(['--no-demo']);
  ({ browser, page } = await openWallPage(wall.url));
  await page.getByTestId('settings-button').waitFor();
});

afterAll(() => shutDown(browser, wall));

describe('importing cameras from a spreadsheet', () => {
  it('creates the township to import into', async () => {
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-tab-import').click();
    await page.getByTestId('import-new-township').fill('青山镇');
    await page.getByTestId('import-create-township').click();
    await expect.poll(() => page.getByTestId('import-township').locator('option:checked').innerText()).toBe('青山镇');
  });

  it('previews every row, the one bad row with its own sentence', async () => {
    await page.getByTestId('import-file').setInputFiles(EXAMPLE);
    await expect.poll(() => page.getByTestId('import-row').count(), { timeout: 20_000 }).toBe(30);
    const bad = page.locator('[data-testid="import-row"][data-ok="false"]');
    expect(await bad.count()).toBe(1);
    expect(await bad.getAttribute('data-line')).toBe('7');
    expect(await bad.getByTestId('import-row-status').innerText()).toContain('第 7 行');
    expect(await bad.getByTestId('import-row-status').innerText()).toContain('rtsp://');
    expect(await page.getByTestId('import-summary').innerText()).toContain('29');
  });

  it('imports the 29 good rows and shows them in the site tree', async () => {
    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-result').innerText(), { timeout: 20_000 }).toContain('29');
    expect(await page.getByTestId('import-result').innerText()).toContain('第 7 行');
    await page.getByTestId('settings-close').click();
    await expect.poll(() => page.locator('[data-testid="camera-item"]').count(), { timeout: 20_000 }).toBe(29);
    const cameras = await wall.call('cameras.list');
    expect(cameras.ok && cameras.value.length).toBe(29);
  });

  it('never shows a camera password in the page', async () => {
    expect(await page.content()).not.toMatch(/Cam\d{2}#\d{2}pw/);
  });

  it('previews and imports a 0.8 MB spreadsheet, too large for one API frame', async () => {
    // An ordinary sheet with a long 备注 (notes) column: 40 cameras, about 0.8 MB.
    const notes = '东村路口往北第三根电杆，朝南，夜间补光，联系人村委会值班室。'.repeat(500);
    const rows = Array.from({ length: 40 }, (_, i) => `大件导入${String(i + 1).padStart(2, '0')},西村,rtsp://192.0.2.${i + 1}:554/ch1,,admin,,公共,,路口,${notes}`);
    const file = join(mkdtempSync(join(tmpdir(), 'vw-import-')), 'large.csv');
    writeFileSync(file, `\ufeff名称,所属村,主码流地址,子码流地址,用户名,密码,类型,经纬度,标签,备注\n${rows.join('\n')}\n`);
    expect(statSync(file).size).toBeGreaterThan(800_000);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-tab-import').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-row').count(), { timeout: 20_000 }).toBe(40);
    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-result').innerText(), { timeout: 20_000 }).toContain('40');
    const cameras = await wall.call('cameras.list');
    expect(cameras.ok && cameras.value.filter((c) => c.name.startsWith('大件导入')).length).toBe(40);
    expect(wall.process.exitCode).toBeNull();
  });
});
