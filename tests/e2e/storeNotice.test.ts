/**
 * End to end: the settings file is damaged between two runs of the console. The page says so in a
 * banner, with the damaged file's new name one click away, and the console shows what the backup held.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, startConsole, type Console, shutDown } from './harness.js';

let wall: Console | undefined;
let browser: Browser | undefined;

afterAll(() => shutDown(browser, wall));

describe('a damaged settings file', () => {
  it('is reported in a banner, and the console comes back from its backup', async () => {
    const first = await startConsole(['--no-demo']);
    const saved = await first.call('sites.save', { name: '青山镇', level: 'township', parentId: null });
    expect(saved.ok).toBe(true);
    await first.stop();
    writeFileSync(join(first.dataDir, 'village-wall.json'), '{"schemaVersion": 2, "sites": [');

    wall = await startConsole(['--no-demo'], first.dataDir);
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(wall.url);
    const banner = page.getByTestId('store-notice');
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('recovered');
    expect(await banner.innerText()).toContain('设置文件已损坏');
    await banner.getByRole('button', { name: '详情' }).click();
    expect(await banner.innerText()).toMatch(/village-wall\.corrupt-\d{8}T\d{9}Z\.json/);
    const sites = await wall.call('sites.list');
    expect(sites.ok && sites.value.map((s) => s.name)).toEqual(['青山镇']);
    await banner.getByRole('button', { name: '知道了' }).click();
    await expect.poll(() => page.getByTestId('store-notice').count()).toBe(0);
  });
});
