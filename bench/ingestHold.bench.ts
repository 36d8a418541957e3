/**
 * The ingest's one-frame hold (issue 16): ffmpeg's RTSP ingest holds each frame until the next
 * one starts (67 ms at 15 fps). Each candidate ingest writes the clock camera as FLV, which the
 * same GStreamer decoder reads (the remux floor's, `startRemuxFloor`); all run at once on one
 * camera, so they see the same frames. A candidate is only worth a change of the console's
 * ingest if its FLV decodes cleanly (decoded frames, no misreads) and is lower than ffmpeg's.
 */
import { it } from 'vitest';
import { startClockCamera } from './lib/clockCamera.js';
import { COPY_INGEST_ARGS, startGstFloor, startRemuxFloor, type FloorClient, type Ingest } from './lib/floor.js';
import { Report } from './lib/report.js';
import { settings } from './lib/settings.js';
import { distribution } from './lib/stats.js';
import { markdownTable } from './lib/table.js';

/** The console's ffmpeg arguments with `flags` before the input. */
const ffmpegWith = (flags: string[]) => (url: string): Ingest => {
  const args = COPY_INGEST_ARGS(url);
  const input = args.indexOf('-i');
  return { command: 'ffmpeg', args: [...args.slice(0, input), ...flags, ...args.slice(input)] };
};

const CANDIDATES: { name: string; ingest: (url: string) => Ingest }[] = [
  { name: 'ffmpeg -c copy (the console today)', ingest: ffmpegWith([]) },
  { name: 'ffmpeg, -fflags nobuffer -flags low_delay', ingest: ffmpegWith(['-fflags', 'nobuffer', '-flags', 'low_delay']) },
  { name: 'ffmpeg, -max_delay 0 -reorder_queue_size 0', ingest: ffmpegWith(['-max_delay', '0', '-reorder_queue_size', '0']) },
  { name: 'ffmpeg, -fflags +nobuffer+noparse+nofillin', ingest: ffmpegWith(['-fflags', '+nobuffer+noparse+nofillin']) },
  {
    // rtph264depay emits each access unit on its RTP marker bit: no wait for the next frame.
    name: 'GStreamer: rtspsrc ! rtph264depay ! h264parse ! flvmux',
    ingest: (url) => ({
      command: 'gst-launch-1.0',
      args: ['-q', 'rtspsrc', `location=${url}`, 'latency=0', 'protocols=tcp', '!', 'rtph264depay', '!', 'h264parse', '!', 'video/x-h264,stream-format=avc,alignment=au', '!', 'flvmux', 'streamable=true', '!', 'fdsink', 'fd=1'],
    }),
  },
];

it("the ingest's one-frame hold: candidate ingests against the same decoder", async () => {
  const seconds = settings.measureSeconds;
  const report = new Report('ingestHold', { measureSeconds: seconds });
  const clock = await startClockCamera(15);
  const clients: FloorClient[] = [];
  try {
    const transport = startGstFloor(clock.url);
    clients.push(transport, ...CANDIDATES.map((c) => startRemuxFloor(clock.url, c.ingest)));
    await new Promise((r) => setTimeout(r, 5000)); // every client past its first keyframe
    for (const client of clients) client.drain();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const rows = [['GStreamer RTSP client (transport, no FLV)', transport], ...CANDIDATES.map((c, i) => [c.name, clients[i + 1]!] as const)].map(([name, client]) => {
      const d = distribution((client as FloorClient).drain().map((s) => s.latencyMs));
      return [name as string, String(d.n), String((client as FloorClient).misreads()), Number.isFinite(d.p50) ? d.p50.toFixed(0) : '–', Number.isFinite(d.p95) ? d.p95.toFixed(0) : '–'];
    });
    report.add(
      markdownTable("The ingest's hold: each ingest's FLV decoded by GStreamer (ms, clock camera at 15 fps)", ['ingest', 'frames decoded', 'misreads', 'p50', 'p95'], rows, [
        `All at once on one clock camera, ${seconds} s. 0 frames decoded: its FLV does not decode.`,
        'Whether mpegts.js and the WebCodecs player decode a candidate\'s FLV cleanly is a separate check (issue 16: keep a change only if every player does).',
      ]),
    );
    report.finish({ rows });
  } finally {
    for (const client of clients) await client.stop();
    await clock.close();
  }
});
