import { describe, expect, it } from 'vitest';
import type { OutputMode } from '../producer/ffmpegArgs.js';
import { chooseOutput, containerOf, originalContainerOf, watchRun } from './sessionRun.js';

const FFMPEG: OutputMode[] = ['flv-copy', 'ts-copy', 'flv-transcode'];
const RELAY_PULL: OutputMode[] = ['flv-copy'];

describe('chooseOutput', () => {
  // camera codec (null: not known yet), viewer decodes H.265, what the producer can give → output
  const table: [string, string | null, boolean, OutputMode[], OutputMode][] = [
    ['copies while the codec is not known yet', null, false, FFMPEG, 'flv-copy'],
    ['copies H.264 into FLV', 'h264', false, FFMPEG, 'flv-copy'],
    ['copies H.264 into FLV for a viewer that could take H.265 too', 'h264', true, FFMPEG, 'flv-copy'],
    ['copies H.265 into MPEG-TS for a viewer that decodes it', 'hevc', true, FFMPEG, 'ts-copy'],
    ['converts H.265 for a viewer that cannot decode it', 'hevc', false, FFMPEG, 'flv-transcode'],
    ['converts any other codec', 'mjpeg', true, FFMPEG, 'flv-transcode'],
    ['a relay pull delivers FLV whatever the codec', 'hevc', true, RELAY_PULL, 'flv-copy'],
    ['a relay pull does not convert', 'hevc', false, RELAY_PULL, 'flv-copy'],
  ];

  it.each(table)('%s', (_name, codec, acceptsHevc, outputs, output) => {
    expect(chooseOutput(codec, acceptsHevc, outputs)).toBe(output);
  });

  // Only recorders watch: the camera's video as it arrives, never a conversion for nobody.
  const recordersOnly: [string, string | null, OutputMode][] = [
    ['copies H.265 into MPEG-TS when only recorders watch', 'hevc', 'ts-copy'],
    ['copies H.264 into FLV when only recorders watch', 'h264', 'flv-copy'],
    ['copies while the codec is not known yet', null, 'flv-copy'],
    ['still converts a codec MPEG-TS copy is not made for', 'mjpeg', 'flv-transcode'],
  ];
  it.each(recordersOnly)('%s', (_name, codec, output) => {
    expect(chooseOutput(codec, false, FFMPEG, false)).toBe(output);
  });
});

describe('originalContainerOf', () => {
  it('is FLV only for H.264 copied as is: a transcode writes the camera\'s H.265 as MPEG-TS beside it', () => {
    expect(FFMPEG.map(originalContainerOf)).toEqual(['flv', 'mpegts', 'mpegts']);
  });
});

describe('containerOf', () => {
  it('is MPEG-TS only for H.265 copied as is', () => {
    expect(FFMPEG.map(containerOf)).toEqual(['flv', 'mpegts', 'flv']);
  });
});

describe('watchRun', () => {
  // live this run, ms since the last frame, the session says live, ms in that state → verdict (stallMs 4000)
  const table: [string, boolean, number | null, boolean, number, 'stalled' | 'report' | 'quiet'][] = [
    ['waits quietly for a first frame', false, null, false, 10_000, 'quiet'],
    ['an old frame of an earlier run does not stall a run that is not live yet', false, 60_000, false, 60_000, 'quiet'],
    ['a live run with a frame 4 s ago is not stalled yet', true, 4000, true, 10_000, 'report'],
    ['a live run with no frame for over 4 s is stalled', true, 4001, true, 10_000, 'stalled'],
    ['a stall outranks the figures', true, 30_000, true, 30_000, 'stalled'],
    ['pushes no figures in the first 2 s of live', true, 40, true, 1999, 'quiet'],
    ['pushes figures at every tick once live for 2 s', true, 40, true, 2000, 'report'],
    ['pushes no figures while the state is not live', true, 40, false, 10_000, 'quiet'],
  ];

  it.each(table)('%s', (_name, live, msSinceLastFrame, saysLive, msInState, verdict) => {
    expect(watchRun({ live, msSinceLastFrame, stallMs: 4000, saysLive, msInState })).toBe(verdict);
  });
});
