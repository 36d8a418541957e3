/**
 * The clip recorder on real ffmpeg, without a camera: fed a real H.264 FLV by hand, it keeps what
 * it got when ffmpeg falls behind, and says why when ffmpeg refuses what it is given.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../engine/producer/ffmpegLocator.js';
import { FlvSplitter, setFlvTimestamp } from '../engine/container/flv.js';
import { ClipRecorder } from './clipRecorder.js';
import { EvidenceError } from './evidenceErrors.js';

const FFMPEG = locateFfmpeg()?.path ?? 'ffmpeg';
const MB = 1024 * 1024;

/** One second of real H.264 in FLV (one GOP), split into its header tags and its frames. */
function oneSecondOfH264(): { headers: Buffer[]; frames: { bytes: Buffer; timestamp: number }[] } {
  const flv = execFileSync(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', '1',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-bf', '0', '-f', 'flv', 'pipe:1',
  ]);
  const units = new FlvSplitter().push(flv);
  return {
    headers: units.filter((unit) => unit.slot !== null).map((unit) => unit.bytes),
    frames: units.filter((unit) => unit.frame).map((unit) => ({ bytes: unit.bytes, timestamp: unit.timestamp! })),
  };
}

/** That second again and again, on one timeline, until at least `bytes` have been produced. */
function* stream(bytes: number): Generator<Buffer> {
  const { headers, frames } = oneSecondOfH264();
  yield* headers;
  let sent = 0;
  for (let second = 0; sent < bytes; second++) {
    for (const frame of frames) {
      const tag = Buffer.from(frame.bytes);
      setFlvTimestamp(tag, second * 1000 + frame.timestamp);
      sent += tag.length;
      yield tag;
    }
  }
}

const clipPath = () => join(mkdtempSync(join(tmpdir(), 'vw-clip-')), 'clip.mp4');

describe('ClipRecorder', () => {
  it('stops taking bytes when ffmpeg falls 32 MB behind, and keeps the clip it has, marked partial', async () => {
    const recorder = new ClipRecorder(FFMPEG, clipPath(), 'flv', new Date(), 600);
    let peak = 0;
    // All in one turn of the event loop: nothing reaches ffmpeg meanwhile, like a disk that stalls.
    for (const tag of stream(40 * MB)) {
      recorder.send(tag);
      peak = Math.max(peak, recorder.backlog);
    }
    expect(peak).toBeGreaterThan(32 * MB);
    expect(peak).toBeLessThan(33 * MB);
    const result = await recorder.done;
    expect(result).toMatchObject({ partial: true, partialReason: 'the disk could not keep up' });
    const seconds = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', result.path], { encoding: 'utf8' }));
    expect(seconds).toBeGreaterThan(10);
  }, 60_000);

  it('says ffmpeg failed, in ffmpeg\'s own words, when ffmpeg exits with an error', async () => {
    const recorder = new ClipRecorder(FFMPEG, clipPath(), 'flv', new Date(), 600);
    recorder.send(Buffer.from('this is not FLV at all, but an HTML error page'.repeat(100)));
    const failure = await recorder.stop().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EvidenceError);
    expect(failure).toMatchObject({ problem: 'ffmpeg_failed', message: expect.stringMatching(/pipe:0|Invalid data/) });
  });

  it('says the folder is missing when ffmpeg cannot create the file there', async () => {
    const recorder = new ClipRecorder(FFMPEG, join(mkdtempSync(join(tmpdir(), 'vw-clip-')), 'gone', 'clip.mp4'), 'flv', new Date(), 600);
    for (const tag of stream(200 * 1024)) recorder.send(tag);
    await expect(recorder.stop()).rejects.toMatchObject({ problem: 'no_folder' });
  });
});
