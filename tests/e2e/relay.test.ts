/**
 * A township switched to its media server: the camera is published once to a real
 * node-media-server (RTMP in), the site names the relay's WS-FLV URL template and play token,
 * and the wall plays it in Chromium with no ffmpeg of ours involved. The token never reaches
 * the page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { namedLayout } from '../../preload/layouts.js';
import { startMediaServer, type MediaServer } from '../fixtures/mediaServer.js';
import { launchBrowser, measurePlayback, startConsole, type Console, shutDown, tileAdvance } from './harness.js';

let relay: MediaServer;
let wall: Console;
let browser: Browser;

beforeAll(async () => {
  relay = await startMediaServer();
  await relay.publish('relaycam');
  wall = await startConsole(['--no-demo']);
  browser = await launchBrowser();
});
afterAll(() => shutDown(browser, wall, relay));

it('plays a camera through the site’s media server (relay-flv) in the browser, token kept in main', async () => {
  const town = await wall.call('sites.save', { name: '中继镇', level: 'township', parentId: null });
  if (!town.ok) throw new Error(town.message);
  const token = relay.sign('relaycam');
  const site = await wall.call('sites.setRelay', {
    siteId: town.value.id,
    relay: { kind: 'relay-flv', template: 'ws://{host}/live/{stream}.flv?sign={token}', host: relay.host, token },
  });
  expect(site).toMatchObject({ ok: true, value: { relay: { kind: 'relay-flv', tokenSet: true } } });
  const camera = await wall.call('cameras.add', { name: '中继摄像机', mainUrl: 'rtsp://192.0.2.1/not-used-through-relay', siteId: town.value.id });
  if (!camera.ok) throw new Error(camera.message);
  const switched = await wall.call('cameras.setSource', { cameraId: camera.value.id, source: 'relay-flv', relayStream: 'relaycam' });
  expect(switched).toMatchObject({ ok: true, value: { source: 'relay-flv' } });
  await wall.call('wall.set', { layout: namedLayout('1')!, tiles: [camera.value.id] });

  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(wall.url);
  const tile = page.locator('[data-testid="tile"][data-index="0"]');
  await expect.poll(() => tile.getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
  // Settled: the picture moves at half speed or better, as the measurement below asks.
  await expect.poll(() => tileAdvance(page, 0, 500), { timeout: 10_000 }).toBeGreaterThan(0.25);
  const [playback] = await measurePlayback(page, 2500);
  expect(playback!.advancedSeconds).toBeGreaterThan(1.2);
  expect(playback!.presentedFrames).toBeGreaterThan(10);
  expect(playback!.lumaSpread).toBeGreaterThan(10);
  // Neither the page nor the API ever carried the relay token.
  expect(await page.content()).not.toContain(token);
  const sites = await wall.call('sites.list');
  expect(JSON.stringify(sites)).not.toContain(token);
  expect(relay.clientConnections()).toBeGreaterThan(0);
  await page.close();
});
