/**
 * End to end: words (issue 20). The tile menu offers only the stream a tile is not showing; the
 * budget's menu items are in plain words; settings counts a township's cameras as the tree does;
 * English counts with count forms ("1 camera") and says what the records check does.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../renderer/i18n/en.json';
import zhCN from '../../renderer/i18n/zh-CN.json';
import { startConsole, type Console, openWallPage, shutDown } from './harness.js';

let wall: Console;
let browser: Browser;
let page: Page;
let townId: string;
let loneVillageId: string;

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);
const menu = () => page.getByTestId('tile-menu');
const rollUp = (siteId: string) => page.locator(`[data-testid="site-item"][data-site-id="${siteId}"]`).locator('xpath=..').getByTestId('site-rollup');
const fill = (text: string, values: Record<string, string | number>) => text.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));

/** A press anywhere else closes the menu (the app's title, where a press does nothing else). */
async function closeMenu(): Promise<void> {
  await page.mouse.click(20, 20);
  await menu().waitFor({ state: 'detached' });
}

async function created<T>(result: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.message);
  return settled.value;
}

beforeAll(async () => {
  // The demo site: a township (青山镇) whose nine cameras all sit in its villages, none directly in it.
  wall = await startConsole([]);
  const sites = await created(wall.call('sites.list'));
  townId = sites.find((s) => s.level === 'township')!.id;
  loneVillageId = (await created(wall.call('sites.save', { name: '独村', level: 'village', parentId: townId }))).id;
  await created(wall.call('cameras.add', { name: '独村路口', mainUrl: 'rtsp://192.0.2.9/live', siteId: loneVillageId }));
  ({ browser, page } = await openWallPage(wall.url));
  await rollUp(loneVillageId).waitFor();
});

afterAll(() => shutDown(browser, wall));

describe('the tile menu', () => {
  it('does not offer the main stream to a tile already showing it', async () => {
    await page.getByTestId('grid-4').click();
    await expect.poll(() => tile(0).getAttribute('data-camera-id')).not.toBeNull();
    // A demo camera has no sub stream: every tile plays its main stream and says so.
    await expect.poll(() => tile(0).getAttribute('data-profile'), { timeout: 20_000 }).toBe('main');
    await tile(0).click({ button: 'right' });
    await menu().waitFor();
    expect(await menu().innerText()).not.toContain(zhCN.tile.pinMain);
    expect(await menu().getByTestId('menu-main').count()).toBe(0);
  });

  it('says what the decode budget does in plain words', async () => {
    const text = await menu().innerText();
    expect(text).toContain(zhCN.budget.auto);
    expect(text).toContain(zhCN.budget.maxFullRate);
    for (const jargon of ['吃力', '省流', '全帧率']) expect(text, jargon).not.toContain(jargon);
    await closeMenu();
  });
});

describe('counting cameras', () => {
  it('gives a township the same count in settings as in the tree', async () => {
    const total = (await created(wall.call('cameras.list'))).length;
    await expect.poll(() => rollUp(townId).innerText()).toBe(fill(zhCN.tree.count, { count: total }));
    await page.getByTestId('settings-button').click();
    const row = page.locator(`[data-testid="settings-site"][data-site-id="${townId}"]`).getByTestId('settings-site-count').first();
    expect(await row.innerText()).toBe(fill(zhCN.tree.count, { count: total }));
    await page.getByTestId('settings-close').click();
  });

  it('says "1 camera" in English, and the budget and the records check in plain English', async () => {
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => rollUp(loneVillageId).innerText()).toBe(fill(en.tree.count_one, { count: 1 }));
    await expect.poll(() => rollUp(townId).innerText()).toMatch(/^\d+ cameras$/);
    await tile(0).click({ button: 'right' });
    const text = await menu().innerText();
    expect(text).toContain(en.budget.auto);
    expect(text).not.toMatch(/struggles/);
    await closeMenu();
    await page.getByTestId('audit-button').click();
    const verify = page.getByTestId('audit-verify');
    expect(await verify.innerText()).toBe(en.audit.verify);
    await verify.click();
    const verdict = page.getByTestId('audit-verdict');
    await expect.poll(() => verdict.getAttribute('data-ok'), { timeout: 20_000 }).toBe('true');
    expect(await verdict.innerText()).not.toMatch(/\b1 records\b|are whole/);
    expect(await verdict.innerText()).toMatch(/\d+ records? checked/);
  });
});
