/**
 * End to end: reasons in words, where the officer looks (issue 20). A tile, the tree and 测试连接
 * say the same classified reason for a camera that cannot play (ffmpeg's own words one click
 * away); the add form tests an address before saving it; a maximized tile with no picture says
 * why and since when, large; a field the clerk got wrong is named in words, in both languages.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../renderer/i18n/en.json';
import zhCN from '../../renderer/i18n/zh-CN.json';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { startConsole, type Console, openWallPage, shutDown } from './harness.js';

let fixture: RtspFixture;
let wall: Console;
let browser: Browser;
let page: Page;
let villageId: string;
let unreachableId: string;
let lockedId: string;
let goodId: string;

const tile = (index: number) => page.locator(`[data-testid="tile"][data-index="${index}"]`);
const treeItem = (cameraId: string) => page.locator(`[data-testid="camera-item"][data-camera-id="${cameraId}"]`);
const fill = (text: string, values: Record<string, string>) => text.replace(/{{(\w+)}}/g, (_, name: string) => values[name] ?? '');

async function created<T>(result: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.message);
  return settled.value;
}

async function assign(index: number, cameraId: string): Promise<void> {
  await tile(index).click();
  await treeItem(cameraId).click();
  await expect.poll(() => tile(index).getAttribute('data-camera-id')).toBe(cameraId);
}

async function closeSettings(): Promise<void> {
  await page.getByTestId('settings-close').click();
  await page.getByTestId('sites-manager').waitFor({ state: 'detached' });
}

/** The text of a form's error line, without what its 详情 would open. */
const errorSentence = (form: Locator) => form.getByTestId('failure-sentence').innerText();

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'cam1' }, { name: 'locked', auth: { user: 'admin', password: 'right-pass', method: 'digest' } }]);
  wall = await startConsole(['--no-demo']);
  villageId = (await created(wall.call('sites.save', { name: '东村', level: 'village', parentId: null }))).id;
  unreachableId = (await created(wall.call('cameras.add', { name: '坏地址', mainUrl: 'rtsp://127.0.0.1:1/nothing-here', siteId: villageId }))).id;
  lockedId = (await created(wall.call('cameras.add', { name: '密码不对', mainUrl: fixture.url('locked'), username: 'admin', password: 'wrong-pass', siteId: villageId }))).id;
  goodId = (await created(wall.call('cameras.add', { name: '村口', mainUrl: fixture.url('cam1'), siteId: villageId }))).id;
  ({ browser, page } = await openWallPage(wall.url));
  await treeItem(goodId).waitFor();
  await page.getByTestId('grid-4').click();
});

afterAll(() => shutDown(browser, wall, fixture));

describe('a camera that cannot play says why, in the words of 测试连接', () => {
  it.each([
    ['an address nobody answers at', () => unreachableId, 0, 'unreachable', /Connection refused/],
    ['a wrong password', () => lockedId, 1, 'unauthorized', /401 Unauthorized/],
  ] as const)('%s: the tile and the tree name it, ffmpeg’s words one click away', async (_, cameraId, index, reason, raw) => {
    await assign(index, cameraId());
    const name = zhCN.reason.name[reason];
    await expect.poll(() => tile(index).getByTestId('tile-state').innerText(), { timeout: 20_000 }).toBe(name);
    const notice = tile(index).getByTestId('tile-reason');
    expect(await notice.getAttribute('data-reason')).toBe(reason);
    expect(await notice.innerText()).toContain(zhCN.reason.hint[reason]);
    expect(await treeItem(cameraId()).locator('.camera-state').innerText()).toBe(name);
    // The raw text is not on the tile until asked for.
    expect(await tile(index).innerText()).not.toMatch(raw);
    await tile(index).hover();
    await tile(index).getByTestId('tile-details').click();
    expect(await tile(index).getByTestId('tile-detail').innerText()).toMatch(raw);
  });

  it('is what 测试连接 in the edit form says of the same camera', async () => {
    await page.getByTestId('settings-button').click();
    await page.locator(`[data-testid="settings-camera"][data-camera-id="${unreachableId}"] button`).click();
    const editor = page.getByTestId('camera-editor');
    await editor.getByTestId('camera-probe').click();
    const result = editor.getByTestId('probe-result');
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('unreachable');
    const sentence = fill(zhCN.reason.withHint, { reason: zhCN.reason.name.unreachable, hint: zhCN.reason.hint.unreachable });
    expect(await result.innerText()).toContain(sentence);
    await closeSettings();
  });
});

describe('the add form', () => {
  let form: Locator;

  beforeAll(async () => {
    await page.getByTestId('add-camera').click();
    form = page.getByTestId('camera-form');
    await form.waitFor();
  });

  it('tests an address before it is saved, and saves nothing', async () => {
    const before = (await created(wall.call('cameras.list'))).length;
    await form.locator('input[name="name"]').fill('新摄像机');
    await form.locator('input[name="mainUrl"]').fill(fixture.url('no-such-path'));
    await form.getByTestId('camera-probe').click();
    const result = form.getByTestId('probe-result');
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('not_found');
    expect(await result.innerText()).toContain(fill(zhCN.reason.withHint, { reason: zhCN.reason.name.not_found, hint: zhCN.reason.hint.not_found }));
    await form.locator('input[name="mainUrl"]').fill(fixture.url('cam1'));
    await form.getByTestId('camera-probe').click();
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('ok');
    expect((await created(wall.call('cameras.list'))).length).toBe(before);
  });

  it.each([
    ['left empty', '', 'empty'],
    ['of another kind', 'http://192.168.1.64/live', 'scheme'],
  ] as const)('names a main address %s in words, not the developer’s', async (_, mainUrl, problem) => {
    await form.locator('input[name="mainUrl"]').fill(mainUrl);
    await form.getByTestId('camera-form-submit').click();
    const expected = fill(zhCN.problem[problem], { field: zhCN.form.mainUrl });
    await expect.poll(() => errorSentence(form)).toBe(expected);
    expect(await form.getByTestId('camera-form-error').innerText()).not.toMatch(/mainUrl|Too small|expected/);
  });

  afterAll(async () => {
    await form.getByRole('button', { name: zhCN.common.cancel }).click();
  });
});

describe('a media server template left empty', () => {
  /** Saves the village's media server with no template; the sentence the relay form shows. */
  async function refusedTemplate(): Promise<{ sentence: string; line: string }> {
    await page.getByTestId('settings-button').click();
    await page.locator(`[data-testid="settings-site"][data-site-id="${villageId}"] [data-testid="site-edit"]`).click();
    const relay = page.getByTestId('relay-editor');
    await relay.locator('select[name="relayKind"]').selectOption('relay-flv');
    await relay.getByTestId('relay-save').click();
    await relay.getByTestId('failure-sentence').waitFor();
    const refused = { sentence: await errorSentence(relay), line: await relay.locator('.form-error').innerText() };
    await closeSettings();
    return refused;
  }

  it('is named in words in Chinese and in English', async () => {
    const zh = await refusedTemplate();
    expect(zh.sentence).toBe(fill(zhCN.problem.empty, { field: zhCN.settings.field.template }));
    expect(zh.line).not.toMatch(/relay\.template|Too small/);
    await page.getByTestId('lang-toggle').click();
    try {
      const english = await refusedTemplate();
      expect(english.sentence).toBe(fill(en.problem.empty, { field: en.settings.field.template }));
      expect(english.line).not.toMatch(/relay\.template|Too small/);
    } finally {
      await page.getByTestId('lang-toggle').click();
    }
  });
});

describe('a maximized tile with no picture', () => {
  it('says why and since when, large enough to read from the desk', async () => {
    await assign(2, goodId);
    await expect.poll(() => tile(2).getAttribute('data-state'), { timeout: 25_000 }).toBe('live');
    await fixture.stop('cam1');
    // The camera is gone: its path now answers 404, a reason the tile names.
    await expect.poll(() => tile(2).getAttribute('data-state'), { timeout: 40_000 }).toBe('not_found');
    await tile(2).dblclick();
    await expect.poll(() => tile(2).getAttribute('data-maximized')).toBe('true');
    const reason = tile(2).getByTestId('tile-reason');
    expect(await reason.innerText()).toContain(zhCN.reason.name.not_found);
    const lastPicture = tile(2).getByTestId('tile-last-picture');
    expect(await lastPicture.isVisible(), 'the last picture’s clock is shown').toBe(true);
    expect(await lastPicture.innerText()).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    const px = (locator: Locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await px(reason), 'the reason is large').toBeGreaterThanOrEqual(18);
    expect(await px(lastPicture), 'the time is large').toBeGreaterThanOrEqual(13.5);
    await page.screenshot({ path: '/tmp/reasons-maximized.png' });
  });
});
