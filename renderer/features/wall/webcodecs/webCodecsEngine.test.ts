/**
 * What the decode budget reads of a WebCodecs tile: the decoder's own figures, shaped as the meter
 * reads a <video>. (Decoding itself runs in Chromium: tests/e2e/webcodecs.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { TileMeter, tileVerdict, WARM_UP_MS } from '../../budget/pressure';
import { decoderFailure } from '../../../lib/hevc';
import { WebCodecsEngine } from './webCodecsEngine';

function engine(): WebCodecsEngine {
  const video = { dataset: {} } as unknown as HTMLVideoElement;
  return new WebCodecsEngine(video, { onError: () => {}, onClosed: () => {}, onClock: () => {}, onUnsupported: () => {} });
}

/** Runs the meter over `seconds` of a tile whose engine does `perSecond` each second. */
function verdictAfter(perSecond: (figures: WebCodecsEngine['figures']) => void, seconds = 12) {
  const tile = engine();
  const meter = new TileMeter();
  let reading = null;
  for (let s = 0; s <= seconds; s++) {
    reading = meter.read(tile.probe, s * 1000);
    perSecond(tile.figures);
  }
  expect(seconds * 1000).toBeGreaterThan(WARM_UP_MS);
  return { reading, verdict: tileVerdict({ reading, sourceFps: 15, level: 0 }) };
}

describe("the WebCodecs tile's figures, as the decode budget reads them", () => {
  it('a tile that decodes every frame soon after it arrives is calm', () => {
    const { reading, verdict } = verdictAfter((f) => {
      f.decoded += 15;
      f.decodeMs = 12;
    });
    expect(reading).toMatchObject({ fps: 15, droppedFps: 0, latency: 0.012 });
    expect(verdict).toBe('calm');
  });

  it('a tile that falls behind and skips to keyframes is pressure', () => {
    const { reading, verdict } = verdictAfter((f) => {
      f.decoded += 6;
      f.discarded += 9;
      f.skips += 1;
      f.decodeMs = 480;
    });
    expect(reading!.fps).toBeCloseTo(6);
    expect(verdict).toBe('pressure');
  });

  it('a tile whose frames the page cannot take in time is pressure, though the decoder keeps up', () => {
    const { verdict } = verdictAfter((f) => {
      f.decoded += 15;
      f.replaced += 5;
      f.decodeMs = 20;
    });
    expect(verdict).toBe('pressure');
  });
});

describe("what a decoder's error means", () => {
  it('takes NotSupportedError, and an H.265 configuration failing before its first picture, as "not here": another way should play it', () => {
    expect(decoderFailure('NotSupportedError', 'avc1.64001F', 30)).toBe('unsupported');
    // Chromium 156 without an HEVC decoder, at configure (tests/e2e/webcodecsHevcRefused.test.ts).
    expect(decoderFailure('OperationError', 'hvc1.1.6.L63.90', 0)).toBe('unsupported');
    expect(decoderFailure('EncodingError', 'hev1.1.6.L93.B0', 0)).toBe('unsupported');
  });

  it('retries an H.265 decoder that failed after it had decoded, and any other codec’s failure', () => {
    expect(decoderFailure('EncodingError', 'hvc1.1.6.L93.B0', 12)).toBe('error');
    expect(decoderFailure('OperationError', 'avc1.64001F', 0)).toBe('error');
    expect(decoderFailure('EncodingError', null, 0)).toBe('error');
  });
});
