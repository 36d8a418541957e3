/**
 * The decode budget (issue 7) on a full wall: does the selected tile stay near its 4-tile latency
 * on a 16-tile wall, and does any tile run away from the live edge?
 *
 * Tile 0 is selected by clicking it; the other tiles show looping fixture cameras. The clock
 * camera is on tile 0, except in kf-16 where it sits on the last tile, at keyframes only, to
 * measure how old a keyframes-only picture is when it shows. Conditions, each in a fresh browser
 * context with the console's budget rule set in main (`budget.setRule`) before the page loads,
 * then settle, then one measurement window:
 * - ref-4: the 4-tile wall, automatic, no cap: the selected tile's reference latency;
 * - off-16: 16 tiles, budget off (no automatic stepping, no cap);
 * - auto-16: 16 tiles, automatic stepping by measured pressure, no cap (settles at least 45 s);
 * - cap-16: 16 tiles, automatic plus at most BENCH_BUDGET_CAP (default 4) full-rate tiles;
 * - kf-16: as cap-16 without automatic stepping, the clock on tile 15 (keyframes only);
 * - heavy-off-16 / heavy-auto-16: tiles 1–15 show 1280×720 at 25 fps main streams (no sub
 *   stream), enough to saturate a 2-core PC's software decoding: budget off, then automatic.
 * Over each window: glass-to-glass of the clock tile with the plain-ffmpeg floor alongside (as in
 * scale), every tile's lag to the live edge, state and level four times a second, frames presented.
 */
import type { Page } from 'playwright-core';
import { it } from 'vitest';
import { namedLayout } from '../preload/layouts.js';
import { heavyName, loopName, openBed } from './lib/bed.js';
import { summaryTable, tileTable, type Condition } from './lib/budgetTables.js';
import { loadLine } from './lib/machine.js';
import { installProbe, waitForFirstFrames } from './lib/pageProbe.js';
import { Report } from './lib/report.js';
import { settings } from './lib/settings.js';
import { startTileSampler, stopTileSampler, tileLevels } from './lib/tileSampler.js';
import { VIEWPORT } from './lib/wallView.js';
import { measureWindow, NO_FLOORS, startFloors, stopFloors, type Floors } from './lib/window.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Automatic stepping waits 4 s, then steps one tile every 3 s: give it time to settle. */
const AUTO_SETTLE_S = 45;

function capSetting(): number {
  const raw = process.env.BENCH_BUDGET_CAP;
  if (raw === undefined || raw === '') return 4;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`BENCH_BUDGET_CAP=${raw}: expected an integer ≥ 0`);
  return value;
}

it('decode budget: selected tile latency and every tile\'s lag on a 16-tile wall', async () => {
  const { settleSeconds, measureSeconds, firstFrameTimeoutSeconds } = settings;
  const cap = capSetting();
  type Step = { name: string; label: string; size: number; cap: number | null; auto: boolean; clockAt: number; heavy?: boolean };
  const plan: Step[] = [
    { name: 'ref-4', label: '4 tiles, automatic (reference)', size: 4, cap: null, auto: true, clockAt: 0 },
    { name: 'off-16', label: '16 tiles, budget off', size: 16, cap: null, auto: false, clockAt: 0 },
    { name: 'auto-16', label: '16 tiles, automatic', size: 16, cap: null, auto: true, clockAt: 0 },
    { name: 'cap-16', label: `16 tiles, automatic + cap ${cap}`, size: 16, cap, auto: true, clockAt: 0 },
    { name: 'kf-16', label: `16 tiles, cap ${cap}, clock on tile 15 (keyframes only)`, size: 16, cap, auto: false, clockAt: 15 },
    { name: 'heavy-off-16', label: '16 tiles, 15 at 720p25, budget off', size: 16, cap: null, auto: false, clockAt: 0, heavy: true },
    { name: 'heavy-auto-16', label: '16 tiles, 15 at 720p25, automatic', size: 16, cap: null, auto: true, clockAt: 0, heavy: true },
  ];
  const only = process.env.BENCH_BUDGET_CONDITIONS?.split(',').filter(Boolean);
  if (only) plan.splice(0, plan.length, ...plan.filter((p) => only.includes(p.name)));
  const report = new Report('budget', { settleSeconds, measureSeconds, cap, conditions: plan.map((p) => p.name) });
  const bed = await openBed({ loops: 15, clock: true, heavyLoops: plan.some((p) => p.heavy) ? 15 : 0 });
  let floors: Floors = NO_FLOORS;
  let context: Awaited<ReturnType<typeof bed.browser.newContext>> | null = null;
  const conditions: Condition[] = [];
  try {
    for (const step of plan) {
      const layout = namedLayout(String(step.size));
      if (!layout) throw new Error(`bench: no layout ${step.size}`);
      const tiles = Array.from({ length: step.size - 1 }, (_, i) => bed.id(step.heavy ? heavyName(i) : loopName(i)));
      tiles.splice(step.clockAt, 0, bed.id('clock'));
      const saved = await bed.console.call('wall.set', { layout, tiles });
      if (!saved.ok) throw new Error(`wall.set: ${saved.message}`);
      const rule = await bed.console.call('budget.setRule', { auto: step.auto, maxFullRate: step.cap });
      if (!rule.ok) throw new Error(`budget.setRule: ${rule.message}`);

      context = await bed.browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      await installProbe(page, [bed.id('clock')]);
      const actionAt = Date.now();
      await page.goto(bed.console.url, { waitUntil: 'domcontentloaded' });
      const first = await waitForFirstFrames(page, tiles, actionAt, firstFrameTimeoutSeconds * 1000);
      const selectedAtStart = await select(page, 0);

      floors = startFloors(bed.clock!.url);
      await sleep(Math.max(settleSeconds, step.auto && step.size === 16 ? AUTO_SETTLE_S : 3) * 1000);
      const load = loadLine(`during ${step.name}`);
      await startTileSampler(page);
      const t0 = Date.now();
      const window = await measureWindow(page, bed, floors, measureSeconds);
      const { samples, frames } = await stopTileSampler(page);
      const seconds = (Date.now() - t0) / 1000;
      const endLevels = await tileLevels(page);
      floors = await stopFloors(floors);

      // Why the budget last stepped each tile (data-budget-reason), to tell opening bursts from overload.
      const reasons = endLevels.filter((e) => e.reason !== null).map((e) => `tile ${e.index} (level ${e.level ?? '–'}): ${e.reason}`);
      const loadAndReasons = [load, ...reasons].join('\n  - ');
      conditions.push({ ...window, ...step, tilesLive: first.records.length, selectedAtStart, seconds, tileSamples: samples, frames, endLevels, load: loadAndReasons });
      console.log(
        `budget: ${step.name}: ${first.records.length}/${step.size} live, selected ${selectedAtStart}, ${window.glass.length} glass / ${window.floor.length} floor samples, ` +
          `levels at end ${endLevels.map((e) => e.level ?? '–').join('')}; ${loadAndReasons}`,
      );
      await context.close();
      context = null;
    }
  } finally {
    await context?.close().catch(() => undefined);
    await stopFloors(floors);
    await bed.close();
  }
  report.add(summaryTable(conditions));
  for (const c of conditions.filter((c) => c.size === 16)) report.add(tileTable(c));
  report.add(['### Load', '', ...conditions.map((c) => `- ${c.name}: ${c.load}; selected tile 0 after click: ${c.selectedAtStart}`), ''].join('\n'));
  report.finish(
    conditions.map(({ glass, buffer, floor, transport, remux, tileSamples, ...rest }) => ({ ...rest, glassSamples: glass, bufferSamples: buffer, floorSamples: floor, transportSamples: transport, remuxSamples: remux, tileSamples })),
  );
});

/** Selects a tile the way an operator does: a click on it. Returns whether it says selected. */
async function select(page: Page, index: number): Promise<boolean> {
  const tile = page.locator(`[data-testid="tile"][data-index="${index}"]`);
  // A machine loaded by other work can starve the page for tens of seconds while 16 tiles open:
  // the click waits longer than Playwright's 30 s rather than lose the whole run.
  await tile.click({ timeout: 120_000 });
  for (let i = 0; i < 20; i++) {
    if ((await tile.getAttribute('data-selected')) !== null) return true;
    await sleep(100);
  }
  return false;
}
