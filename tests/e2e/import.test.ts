/**
 * End to end: a township clerk imports the shipped example spreadsheet through the UI of the
 * headless console in a real Chromium: creates the township, sees the preview with its one bad
 * row, imports, and finds the 29 good cameras in the site tree. No password reaches the page.
 */
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
});
