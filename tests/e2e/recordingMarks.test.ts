/**
 * End to end: the console's recorder visible on the wall (issue 17). Recording is switched on
 * after the page opened, so the marks can only come by the `recording.marks` push. A camera being
 * recorded is marked 录像 on its tile and in the tree; one that should record but cannot says why
 * in the words its tile uses; a camera that goes away while recorded turns its mark into that
 * reason, and back to 录像 when it returns.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { addCamera, assignTile, openWallPage, shutDown, startVillageConsole, type Console } from './harness.js';

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
let goodId: string;
let badId: string;
let idleId: string;

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);
const row = (cameraId: string) => page.locator(`[data-testid="camera-item"][data-camera-id="${cameraId}"]`);
const WAIT = { timeout: 30_000, interval: 250 };

/** The tile's mark and its state's words, read at one moment. */
function tileWords(index: number): Promise<{ mark: string | null; blocked: string | null; state: string | null }> {
  return tile(index).evaluate((el) => ({
    mark: el.querySelector('[data-testid="recording-mark"]')?.textContent ?? null,
    blocked: el.querySelector('[data-testid="recording-blocked"]')?.textContent ?? null,
    state: el.querySelector('[data-testid="tile-state"]')?.textContent ?? null,
  }));
}

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'cam1' }]);
  let siteId: string;
  ({ wall, siteId } = await startVillageConsole());
  goodId = await addCamera(wall, '村口', fixture.url('cam1'), siteId);
  badId = await addCamera(wall, '坏地址', 'rtsp://127.0.0.1:1/nothing-here', siteId);
  idleId = await addCamera(wall, '不录像', fixture.url('cam1'), siteId);
  ({ browser, page } = await openWallPage(wall.url));
  await row(idleId).waitFor();
  await page.getByTestId('grid-4').click();
  await assignTile(page, 0, goodId);
  await assignTile(page, 1, badId);
  const set = await wall.call('recording.set', {
    folder: null,
    cameras: [{ cameraId: goodId, profile: 'main', days: 7 }, { cameraId: badId, profile: 'main', days: 7 }],
    quotaGb: null,
    minFreeGb: 0,
  });
  if (!set.ok) throw new Error(set.message);
}, 60_000);

afterAll(() => shutDown(browser, wall, fixture));

describe('the recorder on the wall', () => {
  it('marks a camera being recorded on its tile and in the tree, and no other', async () => {
    await expect.poll(async () => (await tileWords(0)).mark, WAIT).toBe('录像');
    await expect.poll(() => row(goodId).getByTestId('recording-mark').textContent(), WAIT).toBe('录像');
    expect(await row(idleId).locator('[data-testid^="recording-"]').count(), 'a camera not set to record has no mark').toBe(0);
    const recorded = await wall.call('recording.get');
    expect(recorded.ok && recorded.value.marks.find((mark) => mark.cameraId === goodId)).toMatchObject({ recording: true, blocked: null });
  }, 60_000);

  it('says why a camera that should record cannot, in its tile’s words, on the tile and in the tree', async () => {
    await expect.poll(async () => (await tileWords(1)).blocked, WAIT).toMatch(/^未录像：/);
    await expect
      .poll(async () => {
        const words = await tileWords(1);
        return words.blocked === `未录像：${words.state}` ? words.blocked : `${words.blocked} ≠ 未录像：${words.state}`;
      }, WAIT)
      .toMatch(/^未录像：.+$/);
    expect(['直播', '连接中']).not.toContain((await tileWords(1)).state);
    const treeState = await row(badId).locator('.camera-state').textContent();
    expect(await row(badId).getByTestId('recording-blocked').textContent()).toBe(`未录像：${treeState}`);
    expect(await tile(1).getByTestId('recording-mark').count()).toBe(0);
  }, 60_000);

  it('turns the mark into the tile’s reason when the camera goes away, and back to 录像 when it returns', async () => {
    await fixture.stop('cam1');
    await expect
      .poll(async () => {
        const words = await tileWords(0);
        return words.mark === null && words.blocked === `未录像：${words.state}` ? 'said' : JSON.stringify(words);
      }, WAIT)
      .toBe('said');
    await fixture.start('cam1');
    await expect.poll(async () => (await tileWords(0)).mark, { timeout: 60_000, interval: 250 }).toBe('录像');
    expect((await tileWords(0)).blocked).toBeNull();
  }, 120_000);
});
