import { describe, expect, it } from 'vitest';
import type { OutputMode } from './ffmpegArgs.js';
import { chooseOutput, containerOf } from './sessionRun.js';

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
});

describe('containerOf', () => {
  it('is MPEG-TS only for H.265 copied as is', () => {
    expect(FFMPEG.map(containerOf)).toEqual(['flv', 'mpegts', 'flv']);
  });
});
