/**
 * The fan-out on its own: FLV units built by hand, viewers that record what they are sent.
 */
import { describe, expect, it } from 'vitest';
import { TAG_SCRIPT, TAG_VIDEO } from '../container/flv.js';
import { FLV_HEADER, flvTag } from '../container/flvTestData.js';
import type { MediaUnit } from '../container/mediaUnit.js';
import { GopCache } from './gopCache.js';
import { ViewerSet, type Viewer } from './viewerSet.js';

const header = (): MediaUnit => ({ bytes: FLV_HEADER, slot: 'flv-header', frame: false, frameStart: false, keyframe: false, timestamp: null });
const config = (): MediaUnit => ({ bytes: flvTag(TAG_VIDEO, 0, [0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f]), slot: 'flv-video-config', frame: false, frameStart: false, keyframe: false, timestamp: null });
const frame = (timestamp: number, key: boolean): MediaUnit => ({
  bytes: flvTag(TAG_VIDEO, timestamp, [key ? 0x17 : 0x27, 1, 0, 0, 0, 0, 0, 0, 1, key ? 0x65 : 0x41]),
  slot: null,
  frame: true,
  frameStart: true,
  keyframe: key,
  timestamp,
});

/** A viewer that keeps the kind of every tag it is sent ('key', 'inter', 'clock', 'header', 'config'). */
class RecordingViewer implements Viewer {
  readonly got: string[] = [];
  backlog = 0;
  ended = false;
  send(chunk: Buffer): void {
    if (chunk[0] === 0x46) return void this.got.push('header');
    if (chunk[0] === TAG_SCRIPT) return void this.got.push('clock');
    const body = chunk[11]!;
    this.got.push(chunk[12] === 0 ? 'config' : body === 0x17 ? 'key' : 'inter');
  }
  end(): void {
    this.ended = true;
  }
}

function wall(): { set: ViewerSet; cache: GopCache; forward(unit: MediaUnit): void } {
  const set = new ViewerSet();
  const cache = new GopCache();
  return {
    set,
    cache,
    forward(unit) {
      cache.add(unit);
      set.forward(unit, cache);
    },
  };
}

describe('ViewerSet', () => {
  it('starts a late viewer at once with the headers and the GOP so far, the host clock before the keyframe', () => {
    const w = wall();
    for (const unit of [header(), config(), frame(0, true), frame(66, false), frame(133, false)]) w.forward(unit);
    const late = new RecordingViewer();
    w.set.add(late, w.cache);
    expect(late.got).toEqual(['header', 'config', 'clock', 'key', 'inter', 'inter']);
    w.forward(frame(200, false));
    expect(late.got.at(-1)).toBe('inter');
  });

  it('lets a viewer that joined before any picture start at the first keyframe', () => {
    const w = wall();
    const early = new RecordingViewer();
    w.set.add(early, w.cache);
    w.forward(header());
    w.forward(config());
    w.forward(frame(0, false)); // not decodable on its own: nobody gets it
    expect(early.got).toEqual([]);
    w.forward(frame(66, true));
    expect(early.got).toEqual(['header', 'config', 'clock', 'key']);
  });

  it('skips a slow viewer to the next keyframe without holding up the others', () => {
    const w = wall();
    const [slow, quick] = [new RecordingViewer(), new RecordingViewer()];
    for (const unit of [header(), config(), frame(0, true)]) w.forward(unit);
    w.set.add(slow, w.cache);
    w.set.add(quick, w.cache);
    slow.backlog = 3 * 1024 * 1024;
    w.forward(frame(66, false));
    slow.backlog = 0; // it caught up, but a picture is missing: it must wait for a keyframe
    w.forward(frame(133, false));
    w.forward(frame(1000, true));
    expect(slow.got.filter((k) => k === 'inter' || k === 'key')).toEqual(['key', 'key']);
    expect(quick.got.filter((k) => k === 'inter' || k === 'key')).toEqual(['key', 'inter', 'inter', 'key']);
  });

  it('sends a keyframes-only viewer headers and keyframes, each with its pacing copy', () => {
    const w = wall();
    for (const unit of [header(), config()]) w.forward(unit);
    const sparse = new RecordingViewer();
    w.set.add(sparse, w.cache, 'keyframes');
    for (const unit of [frame(0, true), frame(66, false), frame(133, false), frame(1000, true)]) w.forward(unit);
    expect(sparse.got).toEqual(['header', 'config', 'clock', 'key', 'key', 'clock', 'key', 'key']);
  });

  it('resumes on a keyframe after a change of mode, never mid-GOP', () => {
    const w = wall();
    for (const unit of [header(), config(), frame(0, true)]) w.forward(unit);
    const tile = new RecordingViewer();
    w.set.add(tile, w.cache, 'keyframes');
    expect(w.set.setMode(tile, 'full')).toBe(true);
    w.forward(frame(66, false));
    w.forward(frame(133, false));
    expect(tile.got.filter((k) => k === 'inter')).toEqual([]);
    w.forward(frame(1000, true));
    w.forward(frame(1066, false));
    expect(tile.got.slice(-3)).toEqual(['clock', 'key', 'inter']);
  });

  it('sends an MPEG-TS keyframes-only viewer the clock before each keyframe and says when it is whole', () => {
    const w = wall();
    const packet = (start: boolean, key: boolean, tag: number): MediaUnit => ({ bytes: Buffer.from([0x47, tag]), slot: null, frame: true, frameStart: start, keyframe: key && start, timestamp: null });
    const got: string[] = [];
    const hostSays = (chunk: Buffer, name: string) => chunk.length === 188 && chunk.toString('latin1', 4, 4 + name.length) === name;
    const viewer: Viewer = {
      backlog: 0,
      end: () => undefined,
      send: (chunk) => void got.push(hostSays(chunk, 'vwSent') ? 'clock' : hostSays(chunk, 'vwEnd') ? 'end' : `p${chunk[1]}`),
    };
    const table = (slot: 'ts-pat' | 'ts-pmt', tag: number): MediaUnit => ({ bytes: Buffer.from([0x47, tag]), slot, frame: false, frameStart: false, keyframe: false, timestamp: null });
    for (const unit of [table('ts-pat', 0), table('ts-pmt', 9), packet(true, true, 1)]) w.forward(unit);
    w.set.add(viewer, w.cache, 'keyframes');
    for (const unit of [packet(false, false, 2), packet(true, false, 3), packet(false, false, 4), packet(true, true, 5), packet(false, false, 6), packet(true, false, 7)]) w.forward(unit);
    expect(got).toEqual(['p0', 'p9', 'clock', 'p1', 'p2', 'end', 'clock', 'p5', 'p6', 'end']);
  });

  it('ends the viewers it is told to, once, and forgets them', () => {
    const w = wall();
    const [a, b] = [new RecordingViewer(), new RecordingViewer()];
    for (const unit of [header(), config(), frame(0, true)]) w.forward(unit);
    w.set.add(a, w.cache);
    w.set.add(b, w.cache);
    w.set.endAll();
    expect([a.ended, b.ended, w.set.size]).toEqual([true, true, 0]);
    expect(w.set.setMode(a, 'full')).toBe(false);
  });
});
