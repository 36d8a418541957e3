/**
 * Glass-to-glass latency and cost by wall size (1, 4, 9, 16 tiles).
 *
 * Tile 0 shows the live clock camera; the other tiles show looping pre-encoded fixture cameras.
 * Each wall is shown in a fresh browser context, allowed to settle, then measured for a fixed
 * window while /proc is sampled. Two plain clients read the clock camera over the same window for
 * the floor; they are started afresh for each window, because under load an ffmpeg client
 * sometimes settles one frame later for the rest of its life, and one such client must not
 * shift every window of a bench.
 * Runs go 1, 4, 9, 16, 1, 4, …, so slow drifts of the machine spread over every size.
 * Each wall is measured with each of the console's players (BENCH_PLAYERS) and, in the same run,
 * with the plain peer pages a township could run instead (bench/lib/peer.ts; BENCH_PEER picks them):
 * mpegts.js with liveSync, and issue 16's minimal WebCodecs page into a <video> and onto a canvas.
 */
import { it } from 'vitest';
import { loopName, openBed } from './lib/bed.js';
import { waitForFirstFrames } from './lib/pageProbe.js';
import { Report } from './lib/report.js';
import { costTables, latencyTable, PLAYER_LABEL, sideBySideTable, type Measurement } from './lib/scaleTables.js';
import { settings } from './lib/settings.js';
import { startPeer, type Peer } from './lib/peer.js';
import { WallView, waitSessionsGone } from './lib/wallView.js';
import { measureWindow, NO_FLOORS, startFloors, stopFloors, type Floors } from './lib/window.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('glass-to-glass latency and cost by wall size', async () => {
  const { runs, tiles: sizes, players, peers, settleSeconds, measureSeconds, screenSeconds, firstFrameTimeoutSeconds } = settings;
  const report = new Report('scale', { runs, sizes, players, peers, settleSeconds, measureSeconds, screenSeconds });
  const bed = await openBed({ loops: Math.max(...sizes) - 1, clock: true });
  let floors: Floors = NO_FLOORS;
  let peer: Peer | null = null;
  const view = new WallView(bed, [bed.id('clock')]);
  const measurements: Measurement[] = [];
  const subjects: Measurement['player'][] = [...players, ...peers];
  try {
    for (let run = 1; run <= runs; run++) {
      for (const subject of subjects)
      for (const size of sizes) {
        const names = ['clock', ...Array.from({ length: size - 1 }, (_, i) => loopName(i))];
        const tiles = names.map((name) => bed.id(name));
        let shown;
        if (subject !== 'webcodecs' && subject !== 'mpegts') {
          // The console lets its cameras go first, so only the peer pulls them.
          await waitSessionsGone(bed, tiles);
          peer = await startPeer(names.map((name, i) => ({ cameraId: tiles[i]!, url: name === 'clock' ? bed.clock!.url : bed.fixture.url(name) })), subject);
          shown = await view.showPage(peer.url);
        } else {
          const rule = await bed.console.call('budget.setRule', { auto: true, maxFullRate: null, player: subject });
          if (!rule.ok) throw new Error(`budget.setRule: ${rule.message}`);
          shown = await view.show(String(size), tiles, { freshPage: true });
        }
        const first = await waitForFirstFrames(shown.page, tiles, shown.actionAt, firstFrameTimeoutSeconds * 1000);
        floors = startFloors(bed.clock!.url);
        await sleep(Math.max(settleSeconds, 3) * 1000);
        const running = peer;
        const window = await measureWindow(shown.page, bed, floors, measureSeconds, running ? () => running.pids() : undefined, screenSeconds);
        floors = await stopFloors(floors);
        measurements.push({ run, size, player: subject, tilesLive: first.records.length, ...window });
        console.log(`scale: run ${run}, ${subject}, ${size} tiles: ${first.records.length}/${size} live, ${window.glass.length} glass samples, ${window.floor.length} floor / ${window.remux.length} remux floor samples, ${window.screen.length} on the compositor's output`);
        await view.close();
        await peer?.close();
        peer = null;
      }
    }
  } finally {
    await view.close().catch(() => undefined);
    await peer?.close();
    await stopFloors(floors);
    await bed.close();
  }
  report.add(sideBySideTable(measurements, sizes, subjects));
  for (const subject of subjects) {
    const mine = measurements.filter((m) => m.player === subject);
    report.add(latencyTable(mine, sizes, PLAYER_LABEL[subject]));
    for (const table of costTables(mine, sizes, PLAYER_LABEL[subject])) report.add(table);
  }
  report.finish(measurements.map(({ glass, buffer, floor, transport, remux, screen, ...rest }) => ({ ...rest, glassSamples: glass, bufferSamples: buffer, floorSamples: floor, transportSamples: transport, remuxSamples: remux, screenSamples: screen })));
});
