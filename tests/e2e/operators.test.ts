/**
 * End to end (issue 20, "people, not machines, in the records"): the admin adds a named officer
 * with a badge and a personal PIN; the officer unlocks the console in their own name; what they
 * watch and save is recorded with their unit and name; the household report names them masked
 * (or in full, as the bureau chooses); the records' CSV is in the officer's local time and words.
 * Real RTSP cameras from the GStreamer fixture, the real console, real Chromium in Asia/Shanghai
 * (the machine running the test is on UTC, so +08:00 can only come from the officer's side).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { freshConsole, SCHEMA_VERSION, StoredDataSchema, type StoredCamera } from '../../main/domain/model.js';
import { auditFiles, fileRecords } from '../../main/access/auditFiles.js';
import { SETTINGS_FILE } from '../../main/store/confStore.js';
import { namedLayout } from '../../preload/layouts.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { launchBrowser, shutDown, startConsole, type Console } from './harness.js';

const IMG_DIR = join(import.meta.dirname, '../../docs/img');
const LIVE = { timeout: 25_000 };
/** For what main answers: a PIN's scrypt on a loaded 2-core machine can take seconds, not the poll's default 1 s. */
const SOON = { timeout: 20_000 };
const HOUR = 3_600_000;
const ZHANG = { name: '张三丰', badge: 'A1024', unit: '青山派出所', pin: '1357' };
const CONSOLE_PIN = '2468';

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;

/** 东村 with a public square and a household's yard, both on this console's wall. */
function village(url: (name: string) => string): z.input<typeof StoredDataSchema> {
  const camera = (id: string, name: string, extra: Partial<StoredCamera> = {}): StoredCamera => ({
    id, name, siteId: 'east', kind: 'rtsp', mainUrl: url(id), subUrl: null, username: null, passwordSealed: null, ownerKind: 'public', tags: [], location: null, ...extra,
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    sites: [
      { id: 'town', name: '青山镇', level: 'township', parentId: null, defaultPresetId: null },
      { id: 'east', name: '东村', level: 'village', parentId: 'town', defaultPresetId: null },
    ],
    cameras: [
      camera('square', '东村广场'),
      camera('yard', '张家院子', { ownerKind: 'household', owner: { name: '张大爷', contact: '13800000000' }, consent: { levels: ['village'], until: Date.now() + 24 * HOUR, revoked: false } }),
    ],
    wall: { layout: namedLayout('4')!, tiles: ['square', 'yard', null, null] },
    presets: [],
    settings: { ffmpegPath: null, evidenceDir: null },
    console: freshConsole('east'),
  };
}

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);
const roleBadge = () => page.getByTestId('role-badge');
const personName = () => page.getByTestId('person-name');

async function unlock(person: { choose?: string; badge?: string }, pin: string): Promise<void> {
  await page.getByTestId('unlock-button').click();
  const dialog = page.getByTestId('unlock-dialog');
  if (person.choose !== undefined) await dialog.getByTestId('unlock-person').selectOption({ label: person.choose });
  if (person.badge !== undefined) await dialog.getByTestId('unlock-badge').fill(person.badge);
  await dialog.getByTestId('unlock-pin').fill(pin);
  if (person.choose === '张三丰') await page.screenshot({ path: join(IMG_DIR, 'operator-unlock.png') });
  await dialog.getByTestId('unlock-submit').click();
}

/** A screenshot at 1920×1080 in Chinese and in English (looked at for issue 20), leaving the page as it was. */
async function shootBothLanguages(name: string): Promise<void> {
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const lang of ['zh', 'en']) {
    await page.screenshot({ path: join(IMG_DIR, `${name}-1920-${lang}.png`) });
    await page.evaluate(() => (document.querySelector('[data-testid="lang-toggle"]') as HTMLButtonElement).click());
  }
  await page.setViewportSize({ width: 1600, height: 900 });
}

async function openPeople(): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-tab-people').click();
  await page.getByTestId('operators-panel').waitFor();
}

/** The records as the table shows them: action, camera and who, newest first. */
async function recordRows(): Promise<{ action: string; camera: string; who: string }[]> {
  const rows = page.getByTestId('audit-dialog').getByTestId('audit-row');
  return rows.evaluateAll((items) =>
    items.map((row) => ({ action: row.getAttribute('data-action') ?? '', camera: row.getAttribute('data-camera-id') ?? '', who: row.querySelector('[data-testid="audit-who"]')?.textContent ?? '' })),
  );
}

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'square' }, { name: 'yard' }]);
  const dataDir = mkdtempSync(join(tmpdir(), 'vw-e2e-operators-'));
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify(StoredDataSchema.parse(village((name) => fixture.url(name))), null, 2));
  wall = await startConsole(['--no-demo'], dataDir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 }, timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  await page.goto(wall.url);
});

afterAll(() => shutDown(browser, wall, fixture));

describe('named operators', () => {
  it('the admin adds an officer with name, badge, unit and PIN; a badge already taken is refused in words', async () => {
    await openPeople();
    const panel = page.getByTestId('operators-panel');
    await panel.getByTestId('operator-add').click();
    const form = panel.getByTestId('operator-form');
    // The unit starts as the console's own.
    expect(await form.getByTestId('operator-unit').inputValue()).toBe('东村');
    await form.getByTestId('operator-name').fill(ZHANG.name);
    await form.getByTestId('operator-badge').fill(ZHANG.badge);
    await form.getByTestId('operator-unit').fill(ZHANG.unit);
    await form.getByTestId('operator-pin').fill(ZHANG.pin);
    await form.getByTestId('operator-pin-again').fill(ZHANG.pin);
    await form.getByTestId('operator-save').click();
    await expect.poll(() => panel.getByTestId('operator-row').count(), SOON).toBe(1);
    expect(await panel.getByTestId('operator-row').innerText()).toContain('张三丰');

    await panel.getByTestId('operator-add').click();
    await form.getByTestId('operator-name').fill('李四');
    await form.getByTestId('operator-badge').fill('a1024');
    await form.getByTestId('operator-pin').fill('9753');
    await form.getByTestId('operator-pin-again').fill('9753');
    await form.getByTestId('operator-save').click();
    await expect.poll(() => form.getByTestId('failure-sentence').count(), SOON).toBe(1);
    expect(await form.getByTestId('failure-sentence').innerText()).toBe('这个警号/工号已有人使用');
    await form.getByRole('button', { name: '取消' }).click();
    expect(await panel.getByTestId('operator-row').count()).toBe(1);
    // Main keeps only a hash of the PIN: the operator list never carries it.
    const listed = await wall.call('operators.list');
    expect(JSON.stringify(listed)).not.toContain(ZHANG.pin);
    expect(readFileSync(join(wall.dataDir, SETTINGS_FILE), 'utf8')).not.toContain(`"${ZHANG.pin}"`);
    await page.getByTestId('settings-close').click();

    // The console's own PIN ends set-up; locked, the console is an operator's, with no one named.
    await page.getByTestId('set-pin-button').click();
    await page.getByTestId('set-pin-first').fill(CONSOLE_PIN);
    await page.getByTestId('set-pin-second').fill(CONSOLE_PIN);
    await page.getByTestId('set-pin-submit').click();
    await expect.poll(() => roleBadge().getAttribute('data-role'), SOON).toBe('admin');
    await page.getByTestId('lock-button').click();
    await expect.poll(() => roleBadge().getAttribute('data-role'), SOON).toBe('operator');
    expect(await personName().count()).toBe(0);
  });

  it('an officer unlocks in their own name; what they watch and save names them; locking ends their session', async () => {
    for (const index of [0, 1]) await expect.poll(() => tile(index).getAttribute('data-state'), LIVE).toBe('live');
    await unlock({ choose: '张三丰' }, '0000');
    expect(await page.getByTestId('unlock-problem').innerText()).toBe('密码不正确');
    await page.getByTestId('unlock-pin').fill(ZHANG.pin);
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => personName().count(), SOON).toBe(1);
    expect(await personName().innerText()).toBe('张三丰');
    expect(await roleBadge().innerText()).toBe('张三丰');
    // Not an admin: the admin tools stay closed to them.
    expect(await roleBadge().getAttribute('data-role')).toBe('operator');
    expect(await page.getByTestId('settings-button').isDisabled()).toBe(true);
    await page.mouse.move(0, 0);
    mkdirSync(IMG_DIR, { recursive: true });
    await page.screenshot({ path: join(IMG_DIR, 'operator-signed-in.png') });
    // The name in the top bar, on a village's small screen, in both languages: looked at for issue 20.
    await page.setViewportSize({ width: 1280, height: 720 });
    for (const lang of ['zh', 'en']) {
      await page.screenshot({ path: join(IMG_DIR, `operator-signed-in-1280-${lang}.png`) });
      await page.getByTestId('lang-toggle').click();
    }
    await page.setViewportSize({ width: 1600, height: 900 });

    await tile(0).click({ button: 'right' });
    await page.getByTestId('tile-menu').getByTestId('menu-snapshot').click();
    await expect.poll(() => page.getByTestId('evidence-notice').filter({ hasText: '已抓图（东村广场）' }).count(), LIVE).toBe(1);

    await page.getByTestId('lock-button').click();
    await expect.poll(() => personName().count(), SOON).toBe(0);
    expect(await roleBadge().getAttribute('data-role')).toBe('operator');

    // The console's PIN is the fallback: an admin named by no one.
    await unlock({ choose: '（用控制台管理员密码）' }, CONSOLE_PIN);
    await expect.poll(() => roleBadge().getAttribute('data-role'), SOON).toBe('admin');
    expect(await personName().count()).toBe(0);

    await page.getByTestId('audit-button').click();
    await page.getByTestId('audit-dialog').getByTestId('audit-table').waitFor();
    const rows = await recordRows();
    const byZhang = '青山派出所 · 张三丰';
    expect(rows.find((r) => r.action === 'snapshot')?.who).toBe(byZhang);
    // Each tile's view is handed over as the person sits down and gets up (newest first): started
    // as no one, stopped as no one and started as 张三丰 at the unlock, stopped as 张三丰 and started
    // as no one at the lock. The console's PIN names no one new, so it hands nothing over.
    for (const camera of ['square', 'yard']) {
      const whos = rows.filter((r) => r.camera === camera && r.action.startsWith('view_')).map((r) => `${r.action} ${r.who === byZhang ? 'zhang' : 'none'}`);
      expect(whos, camera).toEqual(['view_start none', 'view_stop zhang', 'view_start zhang', 'view_stop none', 'view_start none']);
    }
    // The console's PIN names no one: the record says the console's unit and the role, not a machine's id.
    expect(rows.find((r) => r.action === 'pin_ok')?.who).toBe('东村 · 管理员');
    await shootBothLanguages('audit-people');
  });

  it('the records CSV is in local time with its UTC offset, with words from the catalogue and the code beside them', async () => {
    const dialog = page.getByTestId('audit-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('audit-export').click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    const [header, ...lines] = text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(header).toBe('序号,时间,操作,摄像机,所属单位,人员,警号/工号,角色,控制台,理由,说明,操作代码');
    const snapshot = lines.map((line) => line.split(',')).find((cells) => cells.at(-1) === 'snapshot')!;
    const [seq, time, action, camera, , who, badge, role] = snapshot;
    expect({ action, camera, who, badge, role }).toEqual({ action: '抓图', camera: '东村广场', who: '青山派出所 · 张三丰', badge: 'A1024', role: '值班员' });
    expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00$/);
    // The same moment as main wrote it in the log, said in Shanghai's time.
    const dir = join(wall.dataDir, 'audit');
    const at = auditFiles(dir).flatMap((file) => fileRecords(join(dir, file))).find((r) => r.seq === Number(seq))!.at;
    const shanghai = new Date(at + 8 * HOUR).toISOString().replace('T', ' ').slice(0, 19);
    expect(time).toBe(`${shanghai} +08:00`);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d\d-\d\d\.csv$/);
  });

  it("the household report names the unit and the person, masked by default, in full when the bureau chooses", async () => {
    const dialog = page.getByTestId('audit-dialog');
    await dialog.getByTestId('audit-tab-report').click();
    await dialog.getByTestId('report-camera').selectOption('yard');
    const sheet = dialog.getByTestId('report-sheet');
    const whos = () => sheet.getByTestId('report-who').allInnerTexts();
    await expect.poll(async () => (await whos()).includes('青山派出所 · 张**'), SOON).toBe(true);
    expect((await whos()).some((who) => who.includes('张三丰'))).toBe(false);
    expect((await whos()).some((who) => who.includes('console-'))).toBe(false);
    expect(await sheet.innerText()).not.toContain('console-');
    await shootBothLanguages('household-report-masked');
    await dialog.getByTestId('audit-dialog-close').click();

    await openPeople();
    await page.getByTestId('report-names').selectOption('full');
    await expect.poll(() => JSON.parse(readFileSync(join(wall.dataDir, SETTINGS_FILE), 'utf8')).people?.reportNames, SOON).toBe('full');
    await page.getByTestId('settings-close').click();
    await page.getByTestId('audit-button').click();
    await page.getByTestId('audit-tab-report').click();
    await page.getByTestId('report-camera').selectOption('yard');
    await expect.poll(async () => (await page.getByTestId('report-who').allInnerTexts()).includes('青山派出所 · 张三丰'), SOON).toBe(true);
    await page.getByTestId('audit-dialog-close').click();
  });

  it("the admin resets an officer's PIN and disables them: the old PIN no longer unlocks, a disabled officer cannot", async () => {
    await openPeople();
    const panel = page.getByTestId('operators-panel');
    await panel.getByTestId('operator-edit').click();
    await panel.getByTestId('operator-pin').fill('8642');
    await panel.getByTestId('operator-pin-again').fill('8642');
    await panel.getByTestId('operator-save').click();
    await expect.poll(() => panel.getByTestId('operator-form').count(), SOON).toBe(0);
    await page.getByTestId('settings-close').click();
    await page.getByTestId('lock-button').click();
    await expect.poll(() => roleBadge().getAttribute('data-role'), SOON).toBe('operator');

    // By badge, typed: the old PIN is refused, the new one signs them in.
    await unlock({ badge: 'a1024' }, ZHANG.pin);
    expect(await page.getByTestId('unlock-problem').innerText()).toBe('密码不正确');
    await page.getByTestId('unlock-pin').fill('8642');
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => personName().count(), SOON).toBe(1);
    await page.getByTestId('lock-button').click();
    await expect.poll(() => personName().count(), SOON).toBe(0);

    await unlock({ choose: '（用控制台管理员密码）' }, CONSOLE_PIN);
    await expect.poll(() => roleBadge().getAttribute('data-role'), SOON).toBe('admin');
    await openPeople();
    await panel.getByTestId('operator-edit').click();
    await panel.getByTestId('operator-disabled').check();
    await panel.getByTestId('operator-save').click();
    await expect.poll(() => panel.locator('[data-testid="operator-row"][data-disabled="true"]').count(), SOON).toBe(1);
    await page.getByTestId('settings-close').click();
    await page.getByTestId('lock-button').click();
    await page.getByTestId('unlock-button').click();
    // No one left to choose: the console's PIN is all the unlock asks for.
    await expect.poll(() => page.getByTestId('unlock-person').count(), SOON).toBe(0);
    const refused = await wall.call('access.unlock', { pin: '8642', person: 'A1024' });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', message: 'pin:wrong' });
  });
});
