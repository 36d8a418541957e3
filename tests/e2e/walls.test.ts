/**
 * End to end: multi-window walls in headless mode. The demo console (nine `demo:` cameras) gets a
 * 4-tile preset assigned to wall 1; a second browser window at `?wall=1`, opened from the settings
 * dialog's link (no token in the address: the new window takes a copy of the opener tab's
 * sessionStorage), shows that preset live, while the main window's wall stays exactly as it was.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preset, WallState } from '../../preload/api.js';
import { namedLayout } from '../../preload/layouts.js';
import { launchBrowser, startConsole, type Console } from './harness.js';

let con: Console;
let browser: Browser;
let main: Page;
let wallOne: Page;
let preset: Preset;
let mainWallBefore: WallState;

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const tileCameras = (page: Page) => page.locator('[data-testid="tile"]').evaluateAll((tiles) => tiles.map((t) => (t as HTMLElement).dataset.cameraId ?? null));

beforeAll(async () => {
  con = await startConsole([]);
  const cameras = await ok(con.call('cameras.list'));
  const demo = cameras.filter((c) => c.kind === 'demo' && c.siteId !== null);
  if (demo.length !== 9) throw new Error(`expected the nine demo cameras, got ${demo.length}`);
  mainWallBefore = await ok(con.call('wall.get'));
  // Four cameras the main wall's first four tiles do not show in that order.
  const four = demo.slice(-4).map((c) => c.id).reverse();
  preset = await ok(con.call('presets.save', { name: '一号墙', siteId: 'town-qingshan', wall: { layout: namedLayout('4')!, tiles: four } }));
  const settings = await ok(con.call('unattended.get'));
  await ok(con.call('unattended.set', { ...settings, walls: [{ index: 1, displayId: null, presetId: preset.id, tour: false, fullscreen: true }] }));

  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  main = await context.newPage();
  await main.goto(con.url);
  await main.locator('[data-testid="tile"]').nth(mainWallBefore.tiles.length - 1).waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await con?.stop();
});

describe('wall windows in headless mode', () => {
  it('lists wall 1 in the settings with its preset and a token-free link', async () => {
    await main.getByTestId('settings-button').click();
    await main.getByTestId('settings-tab-walls').click();
    const row = main.locator('[data-testid="walls-row"][data-wall="1"]');
    await expect.poll(() => row.locator('[data-testid="walls-preset"]').inputValue()).toBe(preset.id);
    expect(await row.locator('[data-testid="walls-used"]').isChecked()).toBe(true);
    expect(await main.locator('[data-testid="walls-row"]').count()).toBe(8);
    const link = await row.locator('[data-testid="walls-link-url"]').innerText();
    expect(link).toBe(`${con.origin}/?wall=1`);
    expect(await row.locator('[data-testid="walls-link-open"]').getAttribute('href')).not.toContain('token');
  });

  it('opens wall 1 in another window, which plays the preset live while the main wall is unchanged', async () => {
    const mainTiles = await tileCameras(main);
    const popup = main.waitForEvent('popup');
    await main.locator('[data-testid="walls-row"][data-wall="1"] [data-testid="walls-link-open"]').click();
    wallOne = await popup;
    await wallOne.setViewportSize({ width: 1280, height: 720 });

    await expect.poll(() => wallOne.getByTestId('wall-window').getAttribute('data-target'), { timeout: 20_000 }).toBe('preset');
    expect(await wallOne.getByTestId('wall').getAttribute('data-layout')).toBe('4');
    expect(await tileCameras(wallOne)).toEqual(preset.wall.tiles);
    for (let i = 0; i < 4; i++) {
      await expect.poll(() => wallOne.locator(`[data-testid="tile"][data-index="${i}"]`).getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
    }
    // Only the wall: no side panel, no top bar; and the token never shows in the address.
    expect(await wallOne.locator('.side, .top-bar').count()).toBe(0);
    expect(await wallOne.getByTestId('wall-strip-preset').innerText()).toBe('一号墙');
    expect(wallOne.url()).toBe(`${con.origin}/?wall=1`);

    // Operating the wall window (a layout key) changes it alone.
    await wallOne.getByTestId('wall').click();
    await wallOne.keyboard.press('1');
    await expect.poll(() => wallOne.getByTestId('wall').getAttribute('data-layout')).toBe('1');

    expect(await ok(con.call('wall.get'))).toEqual(mainWallBefore);
    expect(await tileCameras(main)).toEqual(mainTiles);
  });

  it('follows its preset when an admin changes it', async () => {
    await ok(con.call('presets.save', { id: preset.id, name: preset.name, siteId: preset.siteId, wall: { layout: namedLayout('4')!, tiles: [preset.wall.tiles[1]!, null, null, null] } }));
    await expect.poll(() => tileCameras(wallOne), { timeout: 10_000 }).toEqual([preset.wall.tiles[1], null, null, null]);
    expect(await wallOne.getByTestId('wall').getAttribute('data-layout')).toBe('4');
    expect(await ok(con.call('wall.get'))).toEqual(mainWallBefore);
  });

  it('says which wall it is when no preset is assigned (opened with the printed token address)', async () => {
    const other = await browser.newPage();
    await other.goto(`${con.origin}/?wall=2&token=${con.token}`);
    await expect.poll(() => other.getByTestId('wall-window-message').innerText(), { timeout: 10_000 }).toContain('这是墙 2');
    expect(await other.getByTestId('wall-window-message').innerText()).toContain('设置 → 多屏与无人值守');
    expect(other.url()).toBe(`${con.origin}/?wall=2`);
    await other.close();
  });
});
