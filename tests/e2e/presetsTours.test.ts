/**
 * End to end: presets and tours are easy to manage. A township's settings file from before tours
 * could carry a shortcut (two presets and a tour saved between them) loads as it is; the tour is
 * listed only under tours and takes no Alt number; the list says which preset is on the wall; the
 * admin renames, edits (giving it Alt+3) and deletes the tour; an export file is named by its presets.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { freshConsole, SCHEMA_VERSION, StoredDataSchema, type StoredCamera } from '../../main/domain/model.js';
import { SETTINGS_FILE } from '../../main/store/confStore.js';
import { namedLayout } from '../../preload/layouts.js';
import { startConsole, type Console, openWallPage, shutDown } from './harness.js';

const IMG_DIR = join(import.meta.dirname, '../../docs/img');
const WAIT = { timeout: 20_000 };

let wall: Console;
let browser: Browser;
let page: Page;

/** Cameras that never answer (127.0.0.1:9): presets and tours do not need pictures. */
function township(): z.input<typeof StoredDataSchema> {
  const camera = (id: string, name: string): StoredCamera => ({
    id, name, siteId: 'east', kind: 'rtsp', mainUrl: `rtsp://127.0.0.1:9/${id}`, subUrl: null, username: null, passwordSealed: null, ownerKind: 'public', tags: [], location: null,
  });
  const four = { layout: namedLayout('4')!, tiles: ['square', 'bridge', null, null] };
  return {
    schemaVersion: SCHEMA_VERSION,
    sites: [
      { id: 'town', name: '青山镇', level: 'township', parentId: null, defaultPresetId: null },
      { id: 'east', name: '东村', level: 'village', parentId: 'town', defaultPresetId: null },
    ],
    cameras: [camera('square', '东村广场'), camera('bridge', '东村桥头')],
    wall: { layout: namedLayout('6')!, tiles: [null, null, null, null, null, null] },
    // Stored as before this change: no shortcut field; the tour saved between the two presets.
    presets: [
      { id: 'p-day', name: '白班', siteId: 'town', wall: four, tour: null },
      { id: 't-all', name: '全镇轮巡', siteId: 'town', wall: four, tour: { kind: 'presets', steps: [{ presetId: 'p-day', dwellSeconds: 10 }, { presetId: 'p-night', dwellSeconds: 10 }] } },
      { id: 'p-night', name: '夜班', siteId: 'town', wall: { layout: namedLayout('1')!, tiles: ['bridge'] }, tour: null },
    ],
    settings: { ffmpegPath: null, evidenceDir: null },
    console: freshConsole('town'),
  };
}

const layout = () => page.getByTestId('wall').getAttribute('data-layout');
const presetItem = (id: string) => page.locator(`[data-testid="preset-item"][data-preset-id="${id}"]`);
const tourItem = () => page.getByTestId('tour-item');

async function stored() {
  const listed = await wall.call('presets.list');
  if (!listed.ok) throw new Error(listed.message);
  return listed.value;
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vw-e2e-presets-'));
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify(StoredDataSchema.parse(township()), null, 2));
  wall = await startConsole(['--no-demo'], dataDir);
  ({ browser, page } = await openWallPage(wall.url));
  await page.getByTestId('tab-presets').click();
});

afterAll(() => shutDown(browser, wall));

describe('presets', () => {
  it('lists a tour only under tours; Alt+2 brings up the second preset, not the tour', async () => {
    await expect.poll(() => page.getByTestId('preset-item').count(), WAIT).toBe(2);
    expect(await page.getByTestId('preset-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-preset-id')))).toEqual(['p-day', 'p-night']);
    expect(await presetItem('p-night').locator('.preset-key').innerText()).toBe('Alt+2');
    await page.getByTestId('wall').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+2');
    await expect.poll(layout, WAIT).toBe('1');
    expect(await page.getByTestId('tour-bar').count()).toBe(0);
  });

  it('says which preset is on the wall', async () => {
    await expect.poll(() => presetItem('p-night').getAttribute('data-on-wall'), WAIT).toBe('true');
    expect(await presetItem('p-night').getByTestId('preset-on-wall').innerText()).toBe('在墙上');
    expect(await presetItem('p-day').getAttribute('data-on-wall')).toBe('false');
    await presetItem('p-day').getByTestId('preset-load').click();
    await expect.poll(() => presetItem('p-day').getAttribute('data-on-wall'), WAIT).toBe('true');
    expect(await presetItem('p-night').getAttribute('data-on-wall')).toBe('false');
  });
});

describe('tours', () => {
  it('renames a tour', async () => {
    await page.getByTestId('tab-tour').click();
    await expect.poll(() => tourItem().count(), WAIT).toBe(1);
    await tourItem().getByTestId('tour-rename').click();
    await tourItem().getByTestId('tour-rename-input').fill('夜间全镇轮巡');
    await tourItem().getByTestId('tour-rename-save').click();
    await expect.poll(() => tourItem().getByTestId('tour-item-name').innerText(), WAIT).toBe('夜间全镇轮巡');
    expect((await stored()).find((p) => p.id === 't-all')?.name).toBe('夜间全镇轮巡');
  });

  it('edits a tour in place, and Alt+3 given to it starts it', async () => {
    await tourItem().getByTestId('tour-edit').click();
    const form = page.getByTestId('tour-form');
    expect(await form.getAttribute('data-editing')).toBe('t-all');
    expect(await form.getByTestId('tour-name').inputValue()).toBe('夜间全镇轮巡');
    expect(await form.locator('[data-testid="tour-pick"]:checked').count()).toBe(2);
    await form.getByTestId('tour-dwell').fill('15');
    await form.getByTestId('tour-shortcut').selectOption('3');
    await form.getByTestId('tour-save').click();
    await expect.poll(() => tourItem().locator('.preset-meta').innerText(), WAIT).toBe('2 步 · 每步 15 秒');
    expect(await tourItem().count()).toBe(1); // saved over, not added
    expect(await tourItem().locator('.preset-key').innerText()).toBe('Alt+3');
    await page.screenshot({ path: join(IMG_DIR, 'tour-edit.png') });

    await page.getByTestId('wall').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.getByTestId('tour-bar').count(), WAIT).toBe(1);
    expect(await page.getByTestId('tour-bar').innerText()).toContain('夜间全镇轮巡');
    await page.getByTestId('tour-bar-stop').click();
  });

  it('deletes a tour after a confirmation, and its presets stay', async () => {
    await tourItem().getByTestId('tour-remove').click();
    await page.getByTestId('tour-remove-confirm').click();
    await expect.poll(() => tourItem().count(), WAIT).toBe(0);
    expect((await stored()).map((p) => p.id)).toEqual(['p-day', 'p-night']);
  });
});

describe('preset files', () => {
  it('names the export file by the presets in it', async () => {
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-tab-presetFiles').click();
    const choices = page.getByTestId('preset-export-choice');
    await expect.poll(() => choices.count(), WAIT).toBe(2);
    await choices.nth(0).check();
    await choices.nth(1).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('preset-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^白班、夜班_\d{4}-\d{2}-\d{2}\.presets\.json$/);
  });
});
