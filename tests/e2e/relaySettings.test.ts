/**
 * End to end: a township clerk sets the township's media server and a village camera's source in
 * the settings dialog, in a real Chromium. A bad template is explained in a sentence, the village
 * shows it inherits the township's relay, and the play token never comes back to the page.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zhCN from '../../renderer/i18n/zh-CN.json';
import { startConsole, type Console, openWallPage, shutDown } from './harness.js';

const TOKEN = 'play-secret-7f3a9c';
const GOOD_TEMPLATE = 'ws://{host}/live/{stream}.flv?sign={token}';

let wall: Console;
let browser: Browser;
let page: Page;
let townId: string;
let villageId: string;
let cameraId: string;

async function created<T>(result: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.message);
  return settled.value;
}

const siteNamed = async (id: string) => (await created(wall.call('sites.list'))).find((s) => s.id === id)!;
const cameraNamed = async (id: string) => (await created(wall.call('cameras.list'))).find((c) => c.id === id)!;
const relayEditor = (): Locator => page.getByTestId('relay-editor');

async function editSite(id: string) {
  await page.locator(`[data-testid="settings-site"][data-site-id="${id}"] [data-testid="site-edit"]`).first().click();
  await relayEditor().waitFor();
}

beforeAll(async () => {
  wall = await startConsole(['--no-demo']);
  townId = (await created(wall.call('sites.save', { name: '中继镇', level: 'township', parentId: null }))).id;
  villageId = (await created(wall.call('sites.save', { name: '东村', level: 'village', parentId: townId }))).id;
  cameraId = (await created(wall.call('cameras.add', { name: '村口', mainUrl: 'rtsp://192.0.2.7/live', siteId: villageId }))).id;
  ({ browser, page } = await openWallPage(wall.url));
  await page.getByTestId('settings-button').click();
  await page.getByTestId('sites-manager').waitFor();
});

afterAll(() => shutDown(browser, wall));

describe("a township's media server, set in the settings dialog", () => {
  it('explains a template that does not fit the kind in a sentence, and saves nothing', async () => {
    await editSite(townId);
    await relayEditor().locator('select[name="relayKind"]').selectOption('relay-flv');
    await relayEditor().locator('input[name="relayTemplate"]').fill('rtsp://{host}/live/{stream}');
    await relayEditor().locator('input[name="relayHost"]').fill('10.8.0.2:8080');
    await relayEditor().locator('input[name="relayToken"]').fill(TOKEN);
    await relayEditor().getByTestId('relay-save').click();
    const sentence = relayEditor().getByTestId('failure-sentence');
    await expect.poll(() => sentence.innerText()).toBe(zhCN.relay.problem.scheme);
    expect(await relayEditor().locator('.form-error').innerText()).not.toContain('template:');
    expect((await siteNamed(townId)).relay ?? null).toBeNull();
  });

  it('saves kind, template, host and token; the token is stored but never shown', async () => {
    await relayEditor().locator('input[name="relayTemplate"]').fill(GOOD_TEMPLATE);
    await relayEditor().getByTestId('relay-save').click();
    await relayEditor().locator('.form-ok').waitFor();
    expect((await siteNamed(townId)).relay).toEqual({ kind: 'relay-flv', template: GOOD_TEMPLATE, host: '10.8.0.2:8080', tokenSet: true });
    const token = relayEditor().locator('input[name="relayToken"]');
    expect(await token.inputValue()).toBe('');
    expect(await token.getAttribute('placeholder')).toBe(zhCN.relay.tokenKeep);
    expect(await page.content()).not.toContain(TOKEN);
  });

  it('keeps the token for the same server, does not send it to another one, and clears it when asked', async () => {
    // Saved again with the token field empty and the same server: the stored token stays.
    await relayEditor().locator('input[name="relayTemplate"]').fill(`${GOOD_TEMPLATE}&again=1`);
    await relayEditor().getByTestId('relay-save').click();
    await expect.poll(async () => (await siteNamed(townId)).relay?.template).toBe(`${GOOD_TEMPLATE}&again=1`);
    expect((await siteNamed(townId)).relay?.tokenSet).toBe(true);
    // Another server with the field empty: the saved token is not sent there, and the clerk is told.
    await relayEditor().locator('input[name="relayHost"]').fill('10.8.0.3:8080');
    await relayEditor().getByTestId('relay-save').click();
    await expect.poll(() => relayEditor().getByTestId('failure-sentence').innerText()).toContain('另一台设备');
    expect((await siteNamed(townId)).relay).toMatchObject({ host: '10.8.0.2:8080', tokenSet: true });
    // Cleared: the new server is saved without a token.
    await relayEditor().locator('input[name="clearRelayToken"]').check();
    await relayEditor().getByTestId('relay-save').click();
    await expect.poll(async () => (await siteNamed(townId)).relay?.tokenSet).toBe(false);
    expect((await siteNamed(townId)).relay?.host).toBe('10.8.0.3:8080');
  });

  it('shows a village without its own media server that it uses the township’s', async () => {
    await editSite(villageId);
    expect(await relayEditor().getByTestId('relay-inherited').innerText()).toContain('中继镇');
    expect(await relayEditor().locator('select[name="relayKind"]').inputValue()).toBe('');
  });
});

describe("a camera's source, set in the camera editor", () => {
  it('switches the village camera to the township’s relay with its own stream name', async () => {
    await page.locator(`[data-testid="settings-camera"][data-camera-id="${cameraId}"] button`).first().click();
    const editor = page.getByTestId('camera-editor');
    await editor.locator('select[name="source"]').selectOption('relay-rtsp');
    // Only an FLV relay is set above this camera: the editor says an RTSP one would not play.
    await editor.getByTestId('relay-unserved').waitFor();
    await editor.locator('select[name="source"]').selectOption('relay-flv');
    expect(await editor.getByTestId('relay-unserved').count()).toBe(0);
    await editor.locator('input[name="relayStream"]').fill('dongcun-gate');
    await editor.getByTestId('camera-editor-submit').click();
    await expect.poll(async () => (await cameraNamed(cameraId)).source).toBe('relay-flv');
    expect((await cameraNamed(cameraId)).relayStream).toBe('dongcun-gate');
  });

  it('goes back to the camera id when the stream name is emptied, and to direct', async () => {
    await page.locator(`[data-testid="settings-camera"][data-camera-id="${cameraId}"] button`).first().click();
    const editor = page.getByTestId('camera-editor');
    expect(await editor.locator('input[name="relayStream"]').inputValue()).toBe('dongcun-gate');
    await editor.locator('input[name="relayStream"]').fill('');
    await editor.getByTestId('camera-editor-submit').click();
    await expect.poll(async () => (await cameraNamed(cameraId)).relayStream ?? null).toBeNull();
    await page.locator(`[data-testid="settings-camera"][data-camera-id="${cameraId}"] button`).first().click();
    await page.getByTestId('camera-editor').locator('select[name="source"]').selectOption('direct');
    await page.getByTestId('camera-editor-submit').click();
    await expect.poll(async () => (await cameraNamed(cameraId)).source).toBe('direct');
  });
});
