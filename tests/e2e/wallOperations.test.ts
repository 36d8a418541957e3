/**
 * End to end: how a duty officer works the wall. The headless console with the demo site's tree
 * (its generated cameras removed, to spare the CPU), real RTSP cameras from the GStreamer fixture
 * placed in 东村, and real playback in Debian's Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedLayout } from '../../preload/layouts.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { startConsole, type Console, openWallPage, shutDown, tileAdvance } from './harness.js';

const IMG_DIR = join(import.meta.dirname, '../../docs/img');
const LIVE = { timeout: 25_000 };

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);
const cameraItem = (name: string) => page.locator(`[data-testid="camera-item"][data-camera-id="${ids[name]}"]`);
const tileOf = (name: string) => page.locator(`[data-testid="tile"][data-camera-id="${ids[name]}"]`);

const advance = (index: number, ms?: number) => tileAdvance(page, index, ms);

async function expectPlaying(index: number): Promise<void> {
  await expect.poll(() => tile(index).getAttribute('data-state'), LIVE).toBe('live');
  await expect.poll(() => advance(index), LIVE).toBeGreaterThan(0.5);
}

/**
 * Ready for a documentation screenshot: every shown tile with a camera is live, but the stopped
 * camera's, which has got past "reconnecting" to its verdict; no tile is half-way through
 * switching streams, and no notice is half-way through fading out.
 */
async function settledForScreenshot(stoppedId: string): Promise<void> {
  const unsettled = () =>
    page.evaluate((stopped) => {
      const tiles = [...document.querySelectorAll<HTMLElement>('[data-testid="tile"][data-camera-id]')].filter((t) => !t.hidden);
      const settled = (t: HTMLElement) => (t.dataset.cameraId === stopped ? /^(down|fault)$/.test(t.dataset.tone ?? '') : t.dataset.state === 'live');
      return {
        pending: tiles.filter((t) => !settled(t)).map((t) => `${t.dataset.index}:${t.dataset.state}`),
        // A tile switching streams plays the new one on its standby video until its first frame.
        switching: [...document.querySelectorAll<HTMLVideoElement>('video[data-testid="tile-video-standby"]')].filter((v) => v.srcObject !== null || v.hasAttribute('src')).length,
        fading: document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity).length,
      };
    }, stoppedId);
  await expect.poll(unsettled, LIVE).toEqual({ pending: [], switching: 0, fading: 0 });
}

async function addCamera(key: string, name: string, mainUrl: string, subUrl?: string, siteId = 'village-dong'): Promise<void> {
  const result = await wall.call('cameras.add', { name, mainUrl, subUrl, siteId });
  if (!result.ok) throw new Error(`cameras.add failed: ${result.message}`);
  ids[key] = result.value.id;
}

beforeAll(async () => {
  fixture = await startRtspFixture([...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ name: `cam${n}` })), { name: 'hevc', codec: 'h265' as const }]);
  wall = await startConsole([]);
  const demo = await wall.call('cameras.list');
  if (!demo.ok) throw new Error(demo.message);
  for (const camera of demo.value) await wall.call('cameras.remove', { id: camera.id });
  await wall.call('wall.set', { layout: namedLayout('9')!, tiles: Array<null>(9).fill(null) });
  for (const n of [1, 2, 3, 4]) await addCamera(`cam${n}`, `东村测试${n}`, fixture.url(`cam${n}`));
  // Main stream cam5, sub stream cam4: small tiles play cam4's picture, big ones cam5's.
  await addCamera('dual', '东村主子码流', fixture.url('cam5'), fixture.url('cam4'));
  for (const n of [6, 7, 8]) await addCamera(`cam${n}`, `西村测试${n}`, fixture.url(`cam${n}`), undefined, 'village-xi');
  ({ browser, page } = await openWallPage(wall.url));
});

afterAll(() => shutDown(browser, wall, fixture));

describe('operating the wall', () => {
  it('plays a camera dragged from the tree onto a tile', async () => {
    await expect.poll(() => page.locator('[data-testid="camera-item"]').count()).toBe(8);
    await cameraItem('cam1').dragTo(tile(0));
    await expect.poll(() => tile(0).getAttribute('data-camera-id')).toBe(ids.cam1);
    await expectPlaying(0);
  });

  it('fills the free tiles from the drop tile with a whole village', async () => {
    await page.locator('[data-testid="site-item"][data-site-id="village-dong"]').dragTo(tile(3));
    // cam1 is on the wall already; the others go to tile 3 and the free tiles after it.
    await expect.poll(() => page.locator('[data-testid="tile"][data-camera-id]').count()).toBe(5);
    expect(await tile(3).getAttribute('data-camera-id')).toBe(ids.cam2);
    expect(await tile(6).getAttribute('data-camera-id')).toBe(ids.dual);
    for (const index of [3, 4, 5]) await expectPlaying(index);
  });

  it('swaps two tiles dragged onto each other, and both keep playing without reconnecting', async () => {
    const before = await page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="tile"][data-index="0"] video[data-testid="tile-video"]')!.currentTime);
    await tile(0).dragTo(tile(4));
    await expect.poll(() => tile(4).getAttribute('data-camera-id')).toBe(ids.cam1);
    expect(await tile(0).getAttribute('data-camera-id')).toBe(ids.cam3);
    // The moved tile kept its player: its video did not start again from zero.
    const after = await page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="tile"][data-index="4"] video[data-testid="tile-video"]')!.currentTime);
    expect(after).toBeGreaterThanOrEqual(before);
    await expectPlaying(0);
    await expectPlaying(4);
  });

  it('maximizes a tile on double-click with the main stream, stops the others, and restores on Esc', async () => {
    const dual = tileOf('dual');
    await expect.poll(() => dual.getAttribute('data-profile'), LIVE).toBe('sub');
    await expect.poll(() => dual.getAttribute('data-state'), LIVE).toBe('live');
    // Watch the picture while it switches to the main stream: it must never go black.
    await page.evaluate(() => {
      const w = window as unknown as { blankFrames: number; watching: boolean };
      w.blankFrames = 0;
      w.watching = true;
      const check = () => {
        const video = document.querySelector<HTMLVideoElement>(`[data-testid="tile"][data-maximized] video[data-testid="tile-video"]`);
        if (video && video.readyState < 2) w.blankFrames++;
        if (w.watching) requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await dual.dblclick();
    expect(await dual.getAttribute('data-maximized')).not.toBeNull();
    await expect.poll(() => dual.getAttribute('data-profile'), LIVE).toBe('main');
    await expect.poll(() => dual.getAttribute('data-state'), LIVE).toBe('live');
    const blank = await page.evaluate(() => {
      const w = window as unknown as { blankFrames: number; watching: boolean };
      w.watching = false;
      return w.blankFrames;
    });
    expect(blank, 'frames without a picture during the switch').toBe(0);
    expect(await tile(0).isVisible()).toBe(false);
    // Hidden tiles have no player running.
    await expect.poll(() => page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="tile"][data-index="0"] video')!.readyState)).toBe(0);

    await page.keyboard.press('Escape');
    await expect.poll(() => tile(0).isVisible()).toBe(true);
    expect(await dual.getAttribute('data-maximized')).toBeNull();
    await expectPlaying(0);
  });

  it('offers close, the other stream and "show in tree" on right-click', async () => {
    const menu = page.locator('[data-testid="tile-menu"]');
    // A small tile of a camera with a sub stream shows the sub stream: the main one is offered.
    const dual = tileOf('dual');
    await dual.click({ button: 'right' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    await menu.locator('[data-testid="menu-main"]').click();
    await expect.poll(() => dual.getAttribute('data-profile')).toBe('main');
    await dual.click({ button: 'right' });
    expect(await menu.locator('[data-testid="menu-main"]').innerText()).toBe('恢复自动码流');
    await menu.locator('[data-testid="menu-main"]').click();
    await expect.poll(() => dual.getAttribute('data-profile')).toBe('sub');
    // cam1 has no sub stream: its tile shows the main stream and is not offered it again.
    await tile(4).click({ button: 'right' });
    expect(await menu.locator('[data-testid="menu-main"]').count()).toBe(0);
    await menu.locator('[data-testid="menu-locate"]').click();
    await expect.poll(() => page.locator(`.camera[data-highlighted] [data-camera-id="${ids.cam1}"]`).count()).toBe(1);
    await tile(4).click({ button: 'right' });
    await menu.locator('[data-testid="menu-close"]').click();
    await expect.poll(() => tile(4).getAttribute('data-state')).toBe('empty');
  });

  it('plays an H.265 camera this browser cannot decode, saying it is transcoded', async () => {
    const added = await wall.call('cameras.add', { name: 'H265测试', mainUrl: fixture.url('hevc') });
    if (!added.ok) throw new Error(added.message);
    const item = page.locator(`[data-testid="camera-item"][data-camera-id="${added.value.id}"]`);
    await expect.poll(() => item.count()).toBe(1);
    await item.dragTo(tile(8));
    await expectPlaying(8);
    expect(await tile(8).locator('[data-testid="tile-transcoding"]').innerText()).toBe('转码中');
    await wall.call('cameras.remove', { id: added.value.id });
    await expect.poll(() => tile(8).getAttribute('data-state')).toBe('empty');
  });

  it('puts the wall alone on the full screen with F11, and back', async () => {
    const fullscreen = () => page.evaluate(() => document.fullscreenElement?.id ?? null);
    await tile(0).click();
    await page.keyboard.press('F11');
    await expect.poll(fullscreen).toBe('wall-area');
    await page.keyboard.press('F11');
    await expect.poll(fullscreen).toBeNull();
  });

  it('finds villages and cameras by pinyin initials', async () => {
    await page.locator('[data-testid="tree-search"]').fill('dccs3');
    await expect.poll(() => page.locator('[data-testid="camera-item"]').count()).toBe(1);
    expect(await cameraItem('cam3').count()).toBe(1);
    await page.locator('[data-testid="tree-search"]').fill('xc');
    await expect.poll(() => page.locator('[data-testid="site-item"][data-site-id="village-xi"]').count()).toBe(1);
    expect(await page.locator('[data-testid="site-item"][data-site-id="village-dong"]').count()).toBe(0);
    await page.locator('[data-testid="tree-search"]').fill('');
  });

  it('runs a tour of two presets, 3 s each, and stops it', async () => {
    await page.locator('[data-testid="wall"]').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('4');
    await expect.poll(() => page.locator('[data-testid="wall"]').getAttribute('data-layout')).toBe('4');
    await page.locator('[data-testid="tab-presets"]').click();
    await page.locator('[data-testid="preset-name"]').fill('四画面预案');
    await page.locator('[data-testid="preset-save"]').click();
    await expect.poll(() => page.locator('[data-testid="preset-item"]').count()).toBe(1);
    await page.keyboard.press('1');
    await expect.poll(() => page.locator('[data-testid="wall"]').getAttribute('data-layout')).toBe('1');
    await page.locator('[data-testid="preset-name"]').fill('单画面预案');
    await page.locator('[data-testid="preset-save"]').click();
    await expect.poll(() => page.locator('[data-testid="preset-item"]').count()).toBe(2);

    await page.locator('[data-testid="tab-tour"]').click();
    const picks = page.locator('[data-testid="tour-pick"]');
    await picks.nth(0).check();
    await picks.nth(1).check();
    await page.locator('[data-testid="tour-dwell"]').fill('3');
    await page.locator('[data-testid="tour-name"]').fill('测试轮巡');
    await page.locator('[data-testid="tour-save"]').click();
    await expect.poll(() => page.locator('[data-testid="tour-item"]').count()).toBe(1);
    await page.locator('[data-testid="tour-start"]').click();

    const layout = () => page.locator('[data-testid="wall"]').getAttribute('data-layout');
    await expect.poll(() => page.locator('[data-testid="tour-bar"]').isVisible()).toBe(true);
    await expect.poll(layout, { timeout: 10_000 }).toBe('4');
    await expect.poll(layout, { timeout: 10_000 }).toBe('1');
    await expect.poll(layout, { timeout: 10_000 }).toBe('4');
    expect(await page.locator('[data-testid="tour-time"]').innerText()).toMatch(/\d+ 秒后切换/);
    await page.locator('[data-testid="tour-bar-stop"]').click();
    await expect.poll(() => page.locator('[data-testid="tour-bar"]').count()).toBe(0);
  });

  it('removes a preset only once the removal is confirmed; cancelling keeps it', async () => {
    await page.locator('[data-testid="tab-presets"]').click();
    await page.locator('[data-testid="preset-name"]').fill('临时预案');
    await page.locator('[data-testid="preset-save"]').click();
    const item = page.locator('[data-testid="preset-item"]', { hasText: '临时预案' });
    await expect.poll(() => item.count()).toBe(1);
    await item.locator('[data-testid="preset-remove"]').click();
    const bar = item.getByRole('alertdialog', { name: '确认删除预案“临时预案”？' });
    await expect.poll(() => bar.count()).toBe(1);
    await bar.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => bar.count()).toBe(0);
    expect(await item.count()).toBe(1);
    await item.locator('[data-testid="preset-remove"]').click();
    await item.locator('[data-testid="preset-remove-confirm"]').click();
    await expect.poll(() => item.count()).toBe(0);
    const saved = await wall.call('presets.list');
    expect(saved.ok && saved.value.some((p) => p.name === '临时预案')).toBe(false);
  });

  it('runs a tour through the pages of the selected village', async () => {
    await page.keyboard.press('1');
    await page.locator('[data-testid="tab-tree"]').click();
    await page.locator('[data-testid="site-item"][data-site-id="village-xi"]').click();
    await page.locator('[data-testid="tab-tour"]').click();
    await page.locator('[data-testid="tour-kind-pages"]').check();
    expect(await page.locator('[data-testid="tour-site"]').innerText()).toContain('西村：3 台摄像机，当前布局 3 页');
    await page.locator('[data-testid="tour-dwell"]').fill('3');
    await page.locator('[data-testid="tour-name"]').fill('西村分页');
    await page.locator('[data-testid="tour-save"]').click();
    const start = page.locator('[data-testid="tour-item"]', { hasText: '西村分页' }).locator('[data-testid="tour-start"]');
    await start.click();
    for (const n of [6, 7, 8]) await expect.poll(() => tile(0).getAttribute('data-camera-id'), { timeout: 10_000 }).toBe(ids[`cam${n}`]);
    await expectPlaying(0);
    await page.locator('[data-testid="tour-bar-stop"]').click();
    await page.locator('[data-testid="tab-tree"]').click();
  });

  it('says in Chinese when a camera stops, on its tile and in the tree, and keeps the screenshots', async () => {
    await page.locator('[data-testid="grid-9"]').click();
    // The whole township: every camera not on the wall yet goes to a free tile.
    await page.locator('[data-testid="site-item"][data-site-id="town-qingshan"]').dragTo(tile(0));
    await expect.poll(() => page.locator('[data-testid="tile"][data-camera-id]').count()).toBe(8);
    await expect.poll(() => page.locator('[data-testid="tile"][data-state="live"]').count(), LIVE).toBe(8);
    await fixture.stop('cam2');
    const stopped = tileOf('cam2');
    await expect.poll(() => stopped.getAttribute('data-tone'), LIVE).toMatch(/warning|down/);
    expect(await stopped.locator('[data-testid="tile-state"]').innerText()).toMatch(/画面停止|重连中|离线|地址不存在/);
    await expect.poll(() => page.locator('[data-site-id="village-dong"] [data-testid="site-rollup"]').first().innerText(), LIVE).toMatch(/[1-9]\/5 离线/);

    mkdirSync(IMG_DIR, { recursive: true });
    await page.mouse.move(0, 0);
    await settledForScreenshot(ids.cam2!);
    await page.screenshot({ path: join(IMG_DIR, 'wall-9.png') });
    await page.locator('[data-testid="grid-16"]').click();
    await page.mouse.move(0, 0);
    await expect.poll(() => page.locator('[data-testid="wall"]').getAttribute('data-layout')).toBe('16');
    await settledForScreenshot(ids.cam2!);
    await page.screenshot({ path: join(IMG_DIR, 'wall-16.png') });
    await page.keyboard.press('6');
    await expect.poll(() => page.locator('[data-testid="wall"]').getAttribute('data-layout')).toBe('6');
    await settledForScreenshot(ids.cam2!);
    await page.screenshot({ path: join(IMG_DIR, 'wall-6.png') });
    await fixture.start('cam2');
  });

  it('switches to English, key map included', async () => {
    await page.locator('[data-testid="lang-toggle"]').click();
    await expect.poll(() => page.locator('[data-testid="tab-tree"]').innerText()).toBe('Cameras');
    await expect.poll(() => page.locator('[data-testid="tile"][data-state="live"] [data-testid="tile-state"]').first().innerText(), LIVE).toBe('Live');
    await page.locator('[data-testid="wall"]').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await expect.poll(() => page.locator('[data-testid="keymap"]').innerText()).toContain('Maximize / restore the selected tile');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="keymap"]').count()).toBe(0);
  });
});
