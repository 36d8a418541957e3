/**
 * End to end: a village's console as its duty officer and its admin see it. The settings file is
 * written before the console starts (a township, two villages, public and household cameras, the
 * console bound to 东村); real RTSP cameras from the GStreamer fixture; real playback in Chromium.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredDataSchema } from '../../main/domain/model.js';
import { SETTINGS_FILE } from '../../main/store/confStore.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { eastVillageSeed, householdOf, villageCamera } from '../fixtures/townshipSeed.js';
import { startConsole, type Console, openWallPage, shutDown, tileAdvance } from './harness.js';

const IMG_DIR = join(import.meta.dirname, '../../docs/img');
const LIVE = { timeout: 25_000 };
const HOUR = 3_600_000;
/** How long the household camera `gate` may still be watched once its tile is live. */
const CONSENT_LEFT_MS = 4000;

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);
const roleBadge = () => page.getByTestId('role-badge');

const advance = (index: number, ms?: number) => tileAdvance(page, index, ms);

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'square' }, { name: 'gate' }, { name: 'yard' }, { name: 'bridge' }]);
  const dataDir = mkdtempSync(join(tmpdir(), 'vw-e2e-access-'));
  const url = (id: string) => fixture.url(id);
  const data = StoredDataSchema.parse(
    eastVillageSeed(
      [
        villageCamera('square', url('square'), { name: '东村广场' }),
        villageCamera('gate', url('gate'), { name: '李家大门', ...householdOf('李大姐', Date.now() + HOUR) }),
        villageCamera('yard', url('yard'), { name: '张家院子', ...householdOf('张大爷', Date.now() + HOUR) }),
        villageCamera('bridge', url('bridge'), { name: '西村桥头', siteId: 'west' }),
      ],
      ['square', 'gate', 'yard', null],
    ),
  );
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify(data, null, 2));
  wall = await startConsole(['--no-demo'], dataDir);
  ({ browser, page } = await openWallPage(wall.url));
});

afterAll(() => shutDown(browser, wall, fixture));

describe('a console bound to one village', () => {
  it("shows its own village only, not the township's other villages", async () => {
    await expect.poll(() => page.getByTestId('camera-item').count()).toBe(3);
    const sites = await page.getByTestId('site-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-site-id')));
    expect(sites).toEqual(['east']);
    expect(await page.getByText('西村').count()).toBe(0);
    expect(await page.getByTestId('scope-name').innerText()).toBe('东村');
    expect(await roleBadge().getAttribute('data-role')).toBe('setup');
    // Household cameras carry their 户 badge in the tree.
    expect(await page.locator('[data-testid="camera-item"][data-camera-id="yard"] [data-testid="household-badge"]').innerText()).toBe('户');
  });

  it('takes a household camera off its tile, saying why, when the consent runs out; a public camera plays on', async () => {
    for (const index of [0, 1]) await expect.poll(() => tile(index).getAttribute('data-state'), LIVE).toBe('live');
    // The consent runs out while the tile plays: counted from now, not from before the console
    // started, so a slow start can neither use it up nor leave the test waiting out the rest.
    const renewed = await wall.call('cameras.setConsent', {
      cameraId: 'gate', ownerKind: 'household', owner: { name: '李大姐', contact: '13800000000' },
      consent: { levels: ['village'], until: Date.now() + CONSENT_LEFT_MS, revoked: false },
    });
    expect(renewed).toMatchObject({ ok: true });
    const gate = tile(1);
    expect(await gate.getAttribute('data-state')).toBe('live');
    await expect.poll(() => gate.getAttribute('data-state'), { timeout: CONSENT_LEFT_MS + 20_000 }).toBe('withheld');
    expect(await gate.getAttribute('data-camera-id')).toBe('gate');
    expect(await gate.getByTestId('tile-withheld').innerText()).toBe('户主授权已到期');
    expect(await gate.getByTestId('tile-withheld').getAttribute('data-refusal')).toBe('consent_expired');
    // No picture of it stays on screen. The console is in set-up (its user is admin), so the tree
    // still lists it, greyed with the reason and not for the wall, for the consent to be renewed.
    expect(await gate.locator('video[data-testid="tile-video"]').evaluate((v) => getComputedStyle(v).visibility)).toBe('hidden');
    const gateItem = page.locator('[data-testid="camera-item"][data-camera-id="gate"]');
    await expect.poll(() => gateItem.getAttribute('data-withheld')).toBe('consent_expired');
    expect(await gateItem.getAttribute('draggable')).toBe('false');
    expect(await gateItem.getByTestId('camera-withheld').innerText()).toBe('户主授权已到期');
    expect(await tile(0).getAttribute('data-state')).toBe('live');
    expect(await advance(0)).toBeGreaterThan(0.5);

    mkdirSync(IMG_DIR, { recursive: true });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(IMG_DIR, 'tile-consent-expired.png') });
  });

  it('lists who watched which camera in the records, and says the records are whole', async () => {
    await page.getByTestId('audit-button').click();
    const dialog = page.getByTestId('audit-dialog');
    await dialog.getByTestId('audit-table').waitFor();
    const viewed = () => dialog.locator('[data-testid="audit-row"][data-action="view_start"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-camera-id')));
    await expect.poll(async () => new Set(await viewed())).toEqual(new Set(['square', 'gate', 'yard']));
    expect(await dialog.locator('[data-testid="audit-row"][data-camera-id="gate"][data-action="view_stop"]').count()).toBeGreaterThan(0);

    await dialog.getByTestId('audit-filter-camera').selectOption('square');
    await dialog.getByTestId('audit-filter-action').selectOption('view_start');
    await expect.poll(async () => new Set(await viewed())).toEqual(new Set(['square']));
    expect(await dialog.locator('[data-testid="audit-row"]:not([data-action="view_start"])').count()).toBe(0);
    await dialog.getByTestId('audit-filter-action').selectOption('');
    await dialog.getByTestId('audit-filter-camera').selectOption('');

    await dialog.getByTestId('audit-verify').click();
    const verdict = dialog.getByTestId('audit-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    expect(await verdict.innerText()).toMatch(/^记录完整：共 \d+ 条/);
    await page.screenshot({ path: join(IMG_DIR, 'audit.png') });
  });

  it("prints a household's report of who watched its camera", async () => {
    const dialog = page.getByTestId('audit-dialog');
    await dialog.getByTestId('audit-tab-report').click();
    await dialog.getByTestId('report-camera').selectOption('yard');
    const sheet = dialog.getByTestId('report-sheet');
    await expect.poll(() => sheet.locator('[data-testid="report-row"][data-action="view_start"]').count()).toBeGreaterThan(0);
    expect(await sheet.innerText()).toContain('谁看过我家的摄像头');
    expect(await sheet.innerText()).toContain('张大爷');
    // On paper, only the report: the console itself is not printed.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#root').isVisible()).toBe(false);
    expect(await page.locator('.print-report').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await dialog.getByTestId('audit-dialog-close').click();
  });

  it('asks why before taking a snapshot of a household camera, and keeps the reason in the records', async () => {
    await tile(2).click({ button: 'right' });
    await page.getByTestId('tile-menu').getByTestId('menu-snapshot').click();
    const prompt = page.getByTestId('reason-dialog');
    expect(await prompt.innerText()).toContain('请填写调取理由');
    await prompt.getByTestId('reason-input').fill('邻里纠纷调查');
    await prompt.getByTestId('reason-submit').click();
    const saved = page.getByTestId('evidence-notice').filter({ hasText: '已抓图（张家院子）' });
    await expect.poll(() => saved.count(), LIVE).toBe(1);
    const records = await wall.call('audit.query', { cameraId: 'yard', action: 'snapshot' });
    expect(records.ok && records.value.map((r) => r.reason)).toEqual(['邻里纠纷调查']);
  });

  it("lets the admin record a household owner's consent, shown in the tree", async () => {
    await page.getByTestId('settings-button').click();
    await page.locator('[data-testid="settings-camera"][data-camera-id="square"] button').click();
    const editor = page.getByTestId('consent-editor');
    await editor.getByTestId('consent-kind-household').check();
    await editor.getByTestId('consent-owner').fill('王大妈');
    await editor.getByTestId('consent-contact').fill('13900000000');
    await editor.getByTestId('consent-level-village').check();
    await editor.getByTestId('consent-until').fill('2099-12-31T18:00');
    await editor.getByTestId('consent-save').click();
    await editor.getByText('已保存。').waitFor();
    await page.getByTestId('settings-close').click();
    const item = page.locator('li.camera').filter({ has: page.locator('[data-testid="camera-item"][data-camera-id="square"]') });
    await expect.poll(() => item.getByTestId('consent-note').count()).toBe(1);
    expect(await item.getByTestId('household-badge').innerText()).toBe('户');
    expect(await item.getByTestId('consent-note').innerText()).toBe('授权至 12月31日');
  });
});

describe('the admin PIN', () => {
  it('ends set-up; locked, the admin tools go away; a wrong PIN is refused; the right one unlocks', async () => {
    await page.getByTestId('set-pin-button').click();
    const setPin = page.getByTestId('set-pin-dialog');
    await setPin.getByTestId('set-pin-first').fill('2468');
    await setPin.getByTestId('set-pin-second').fill('2469');
    await setPin.getByTestId('set-pin-submit').click();
    expect(await setPin.getByTestId('set-pin-problem').innerText()).toBe('两次输入的密码不一致。');
    await setPin.getByTestId('set-pin-second').fill('2468');
    await setPin.getByTestId('set-pin-submit').click();
    await expect.poll(() => roleBadge().getAttribute('data-role')).toBe('admin');
    expect(await roleBadge().innerText()).toMatch(/^管理员 · 剩 [45] 分钟$/);

    await page.getByTestId('lock-button').click();
    await expect.poll(() => roleBadge().getAttribute('data-role')).toBe('operator');
    expect(await roleBadge().innerText()).toBe('值班员');
    for (const tool of ['settings-button', 'audit-button']) expect(await page.getByTestId(tool).isDisabled(), tool).toBe(true);
    // The evidence this console took stays open to the officer on duty (main filters it by the rules).
    expect(await page.getByTestId('evidence-button').isDisabled()).toBe(false);
    expect(await page.getByTestId('add-camera').count()).toBe(0);
    expect(await page.getByTestId('camera-remove').count()).toBe(0);
    expect(await page.getByTestId('settings-button').getAttribute('title')).toBe('“设置”需要管理员解锁');
    // Main refuses every other connection too (the harness's own is an operator now).
    expect(await wall.call('audit.query', {})).toMatchObject({ ok: false, code: 'forbidden', message: 'access:admin_only' });

    await page.getByTestId('unlock-button').click();
    const unlock = page.getByTestId('unlock-dialog');
    await unlock.getByTestId('unlock-pin').fill('1111');
    await unlock.getByTestId('unlock-submit').click();
    expect(await unlock.getByTestId('unlock-problem').innerText()).toBe('密码不正确');
    expect(await roleBadge().getAttribute('data-role')).toBe('operator');
    await unlock.getByTestId('unlock-pin').fill('2468');
    await unlock.getByTestId('unlock-submit').click();
    await expect.poll(() => roleBadge().getAttribute('data-role')).toBe('admin');
    expect(await page.getByTestId('unlock-dialog').count()).toBe(0);
    expect(await page.getByTestId('settings-button').isDisabled()).toBe(false);
    expect(await page.getByTestId('add-camera').count()).toBe(1);
  });
});
