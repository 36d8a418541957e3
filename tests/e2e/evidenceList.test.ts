/**
 * End to end: the evidence list leads somewhere. A console bound to 东村 (Asia/Shanghai time)
 * takes a snapshot of a public camera, one of a household camera (with a reason) and a clip, on
 * real RTSP cameras; a file of another village's camera lies in the same folder. Locked, the
 * officer on duty sees this console's evidence that the rules let it see, views the snapshot,
 * plays the clip, finds the file on disk; unlocked, the admin copies files out to a "USB drive"
 * folder, with a reason for the household camera, each copy hashed again and recorded.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredDataSchema } from '../../main/domain/model.js';
import { SETTINGS_FILE } from '../../main/store/confStore.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { eastVillageSeed, householdOf, villageCamera } from '../fixtures/townshipSeed.js';
import { startConsole, type Console, openWallPage, shutDown } from './harness.js';

// The console names files in its own time: a township PC in China is at +0800.
process.env.TZ = 'Asia/Shanghai';

const IMG_DIR = join(import.meta.dirname, '../../docs/img');
const LIVE = { timeout: 25_000 };
const PIN = '2468';
const NAME = /^东村路口_\d{8}-\d{6}\+0800(_\d+)?\.(jpg|mp4)$/;

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
let evidenceDir: string;
const files: { snapshot?: string; household?: string; clip?: string; foreign?: string } = {};

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const dialog = () => page.getByTestId('evidence-dialog');
const row = (file: string) => dialog().locator(`[data-testid="evidence-row"][data-file="${file}"]`);

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.message);
  return settled.value;
}

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'crossing' }, { name: 'gate' }, { name: 'bridge' }]);
  const dataDir = mkdtempSync(join(tmpdir(), 'vw-e2e-evidence-list-'));
  const url = (id: string) => fixture.url(id);
  const cameras = [
    villageCamera('crossing', url('crossing'), { name: '东村路口' }),
    villageCamera('gate', url('gate'), { name: '李家大门', ...householdOf('李大姐', Date.now() + 3_600_000) }),
    villageCamera('bridge', url('bridge'), { name: '西村桥头', siteId: 'west' }),
  ];
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify(StoredDataSchema.parse(eastVillageSeed(cameras, ['crossing', 'gate', null, null])), null, 2));
  evidenceDir = join(dataDir, 'evidence');
  wall = await startConsole(['--no-demo'], dataDir);
  ({ browser, page } = await openWallPage(wall.url));
  await page.locator('[data-testid="tile"][data-index="0"][data-state="live"]').waitFor(LIVE);
  await page.locator('[data-testid="tile"][data-index="1"][data-state="live"]').waitFor(LIVE);
});

afterAll(() => shutDown(browser, wall, fixture));

describe('evidence files named for people', () => {
  it("names a snapshot by the camera's name and the local time with its offset, and keeps the id in the manifest", async () => {
    await page.locator('[data-testid="tile"][data-index="0"]').click({ button: 'right' });
    await page.getByTestId('tile-menu').getByTestId('menu-snapshot').click();
    const saved = page.getByTestId('evidence-notice-file');
    await expect.poll(() => saved.count(), LIVE).toBe(1);
    files.snapshot = await saved.innerText();
    expect(files.snapshot).toMatch(NAME);
    expect(files.snapshot.endsWith('.jpg')).toBe(true);
    const manifest = JSON.parse(readFileSync(join(evidenceDir, files.snapshot.replace(/\.jpg$/, '.json')), 'utf8')) as { cameraId: string; file: string };
    expect(manifest).toMatchObject({ cameraId: 'crossing', file: files.snapshot });
  });
});

describe('the evidence list leads somewhere', () => {
  beforeAll(async () => {
    files.household = (await ok(wall.call('evidence.snapshot', { cameraId: 'gate', reason: '邻里纠纷调查' }))).file;
    const clip = await ok(wall.call('evidence.clipStart', { cameraId: 'crossing' }));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    files.clip = (await ok(wall.call('evidence.clipStop', { clipId: clip.clipId }))).file;
    // Another village's snapshot in the same folder (say, the folder was shared): this console may not show it.
    files.foreign = '西村桥头_20261203-054048+0800.jpg';
    copyFileSync(join(evidenceDir, files.snapshot!), join(evidenceDir, files.foreign));
    const manifest = JSON.parse(readFileSync(join(evidenceDir, files.snapshot!.replace(/\.jpg$/, '.json')), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(evidenceDir, '西村桥头_20261203-054048+0800.json'), JSON.stringify({ ...manifest, file: files.foreign, cameraId: 'bridge', cameraName: '西村桥头' }));
    // The PIN ends set-up: the page is now a locked officer on duty.
    await ok(wall.call('access.setPin', { pin: PIN }));
    await ok(wall.call('access.lock')); // the harness's own connection set it, and locks again
    await page.locator('[data-testid="role-badge"][data-role="operator"]').waitFor(LIVE);
  });

  it("shows a locked officer the evidence this console took that the rules let it see, and not another village's", async () => {
    await page.getByTestId('evidence-button').click();
    const rows = dialog().getByTestId('evidence-row');
    await expect.poll(() => rows.count(), LIVE).toBe(3);
    const listed = await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-file')));
    expect(new Set(listed)).toEqual(new Set([files.snapshot, files.household, files.clip]));
    expect(files.clip).toMatch(NAME);
    expect(files.household).toMatch(/^李家大门_\d{8}-\d{6}\+0800(_\d+)?\.jpg$/);
  });

  it('shows a snapshot in the console, with thumbnails in the list, served over the loopback server', async () => {
    const thumb = row(files.snapshot!).getByTestId('evidence-thumb');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), LIVE).toBeGreaterThan(0);
    await row(files.snapshot!).getByTestId('evidence-view').click();
    const image = dialog().getByTestId('evidence-preview-image');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), LIVE).toBeGreaterThan(0);
    const src = await image.getAttribute('src');
    expect(src).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/evidence-file\/[\w-]+$/);
    // Without a ticket the server gives nothing.
    expect(await page.evaluate((url) => fetch(url).then((r) => r.status), src!.replace(/[\w-]+$/, 'x'.repeat(24)))).toBe(404);
  });

  it('plays a clip in the console and says how long it is', async () => {
    expect(await row(files.clip!).getByTestId('evidence-length').innerText()).toMatch(/^0:0[3-9]$/);
    expect(await row(files.snapshot!).getByTestId('evidence-length').innerText()).toBe('');
    await row(files.clip!).getByTestId('evidence-view').click();
    const video = dialog().getByTestId('evidence-preview-video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => (v.readyState >= 1 ? v.duration : 0)), LIVE).toBeGreaterThan(2);
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), LIVE).toBeGreaterThan(0.5);
    mkdirSync(IMG_DIR, { recursive: true });
    await page.screenshot({ path: join(IMG_DIR, 'evidence-preview.png') });
  });

  it('says where a file is when the console runs in a browser, with its path to copy', async () => {
    await row(files.clip!).getByTestId('evidence-reveal').click();
    const path = row(files.clip!).getByTestId('evidence-path');
    await expect.poll(() => path.count()).toBe(1);
    expect(await path.innerText()).toContain('浏览器里的控制台不能打开本机文件夹');
    expect(await path.getByTestId('evidence-path-text').innerText()).toBe(join(evidenceDir, files.clip!));
    expect(await path.getByTestId('evidence-path-copy').innerText()).toBe('复制路径');
  });

  it('copies out only for the admin: with a reason for the household camera, each copy checked and recorded', async () => {
    expect(await dialog().getByTestId('evidence-copy-form').count()).toBe(0);
    expect(await dialog().getByTestId('admin-hint').innerText()).toContain('复制到 U 盘或文件夹');
    // Main refuses a locked officer whatever the page shows.
    const usb = mkdtempSync(join(tmpdir(), 'vw-usb-'));
    expect(await wall.call('evidence.copyOut', { files: [files.snapshot!], folder: usb })).toMatchObject({ ok: false, code: 'forbidden' });

    await page.getByTestId('evidence-dialog-close').click();
    await page.getByTestId('unlock-button').click();
    await page.getByTestId('unlock-dialog').getByTestId('unlock-pin').fill(PIN);
    await page.getByTestId('unlock-dialog').getByTestId('unlock-submit').click();
    await page.locator('[data-testid="role-badge"][data-role="admin"]').waitFor(LIVE);
    await page.getByTestId('evidence-button').click();
    await expect.poll(() => dialog().getByTestId('evidence-row').count(), LIVE).toBe(3);

    await row(files.snapshot!).getByTestId('evidence-choose').check();
    await row(files.household!).getByTestId('evidence-choose').check();
    const form = dialog().getByTestId('evidence-copy-form');
    const target = join(usb, '证据');
    await form.getByTestId('evidence-copy-folder').fill(target);
    expect(await form.getByTestId('evidence-copy-go').isDisabled()).toBe(true); // the household snapshot needs a reason
    await form.getByTestId('evidence-copy-reason').fill('派出所调取');
    await form.getByTestId('evidence-copy-go').click();
    const done = form.getByTestId('evidence-copy-done');
    await expect.poll(() => done.count(), LIVE).toBe(1);
    expect(await done.innerText()).toBe(`已复制到 ${target}：2 个文件，校验值逐个核对无误。`);
    for (const file of [files.snapshot!, files.household!]) {
      expect(sha256(join(target, file))).toBe(sha256(join(evidenceDir, file)));
      expect(existsSync(join(target, file.replace(/\.jpg$/, '.json')))).toBe(true);
    }
    await page.screenshot({ path: join(IMG_DIR, 'evidence-copy-out.png') });

    await ok(wall.call('access.unlock', { pin: PIN }));
    const records = await ok(wall.call('audit.query', { action: 'export' }));
    expect(records.map((r) => [r.cameraId, r.reason]).sort()).toEqual([
      ['crossing', '派出所调取'],
      ['gate', '派出所调取'],
    ]);
    // A household file without a reason is refused by main, and nothing is copied.
    const again = join(usb, 'again');
    expect(await wall.call('evidence.copyOut', { files: [files.household!], folder: again })).toMatchObject({ ok: false, code: 'forbidden', message: 'access:reason_required' });
    expect(existsSync(join(again, files.household!))).toBe(false);
  });
});
