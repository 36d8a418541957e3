/**
 * Time to first frame: cold (a camera with no session: ffmpeg start, RTSP, first keyframe from
 * the fixture's GOP cache, player), warm (a second tile of a camera already playing: the session's
 * GOP cache), and a full 16-tile preset switch to 16 other cameras until every tile presents.
 *
 * Times run from the operator's action (the click on the preset, or the page load when the
 * console has no presets) and, apart, from the tile's mount, to the first frame's display time.
 * Every cold trial uses a camera added just for it, and the machine is left without sessions
 * between trials.
 */
import { it } from 'vitest';
import { addAlias, loopName, openBed } from './lib/bed.js';
import { waitForFirstFrames, type TileRecord } from './lib/pageProbe.js';
import { Report } from './lib/report.js';
import { settings } from './lib/settings.js';
import { startupTable, type SwitchRun, type Trial } from './lib/startupTable.js';
import { openSwitcher } from './lib/switcher.js';
import { waitSessionsGone } from './lib/wallView.js';

const LOOPS = 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const since = (records: TileRecord[], t: number) => records.map((r) => (r.firstAt ?? NaN) - t);

it('time to first frame, cold and warm, and a 16-tile preset switch', async () => {
  const { runs, startTrials, settleSeconds, firstFrameTimeoutSeconds } = settings;
  const timeout = firstFrameTimeoutSeconds * 1000;
  const report = new Report('startup', { runs, startTrials, settleSeconds });
  const bed = await openBed({ loops: LOOPS, aliases: ['b'] });
  const cold: Trial[] = [];
  const warm: Trial[] = [];
  const switches: SwitchRun[] = [];
  let method = 'none';
  try {
    const wall = await openSwitcher(bed);
    method = wall.method;
    try {
      const all = () => [...bed.ids.values()];
      for (let k = 0; k < runs * startTrials; k++) {
        const camera = await addAlias(bed, `cold${k}`, loopName(k % LOOPS));
        let at = await wall.to('1', [camera]);
        const c = await waitForFirstFrames(wall.page, [camera], at, timeout);
        cold.push({ fromAction: since(c.records, at)[0] ?? NaN, fromMount: c.records.map((r) => r.firstAt! - r.mountAt)[0] ?? NaN, ok: c.complete });
        await sleep(1000);
        at = await wall.to('4', [camera, camera]);
        const w = await waitForFirstFrames(wall.page, [null, camera], at, timeout);
        warm.push({ fromAction: since(w.records, at)[0] ?? NaN, fromMount: w.records.map((r) => r.firstAt! - r.mountAt)[0] ?? NaN, ok: w.complete });
        await wall.to('1', [null]);
        await waitSessionsGone(bed, all());
      }
      const sets = ['', '-b'].map((suffix) => Array.from({ length: LOOPS }, (_, i) => bed.id(`${loopName(i)}${suffix}`)));
      for (let run = 0; run < runs; run++) {
        const [from, to] = run % 2 === 0 ? [sets[0]!, sets[1]!] : [sets[1]!, sets[0]!];
        let at = await wall.to('16', from);
        const shown = await waitForFirstFrames(wall.page, from, at, timeout);
        const settled = Date.now() + settleSeconds * 1000;
        await waitSessionsGone(bed, to);
        await sleep(Math.max(settled - Date.now(), 0));
        at = await wall.to('16', to);
        const s = await waitForFirstFrames(wall.page, to, at, timeout);
        const fromAction = since(s.records, at);
        switches.push({ before: shown.complete, complete: s.complete, tiles: s.records.length, fromAction, fromMount: s.records.map((r) => r.firstAt! - r.mountAt) });
        console.log(`startup: switch ${run + 1}: ${s.records.length}/16 tiles, all in ${Math.max(...fromAction).toFixed(0)} ms`);
      }
      await wall.to('1', [null]);
    } finally {
      await wall.close();
    }
  } finally {
    await bed.close();
  }
  report.add(startupTable(cold, warm, switches, method));
  report.finish({ method, cold, warm, switches });
});
