/**
 * The Session's decisions, driven by a producer the test controls: when a start takes too long,
 * when a failing camera is called offline, what a stream that is not the expected container does,
 * when open players must be ended, and who holds a transcode slot. Time is vitest's fake clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutputMode } from '../producer/ffmpegArgs.js';
import type { VideoInfo } from '../producer/ffmpegLog.js';
import { flvStream } from '../container/flvTestData.js';
import type { Logger } from '../../lib/logger.js';
import { ProducerBase, type Producer, type ProducerFailure } from '../producer/producer.js';
import { Session, type SessionOptions, type Viewer } from './session.js';
import { TranscodeBudget } from '../producer/transcodeBudget.js';

/** A producer whose runs the test starts, feeds and ends by hand. */
class ScriptedProducer extends ProducerBase implements Producer {
  readonly outputs: readonly OutputMode[] = ['flv-copy', 'ts-copy', 'flv-transcode'];
  readonly pid = null;
  readonly runs: OutputMode[] = [];
  readonly stopNotes: (string | undefined)[] = [];
  info: VideoInfo | null = null;

  start(output: OutputMode): void {
    if (this.running) return;
    this.beginRun();
    this.runs.push(output);
  }

  stop(note?: string): void {
    if (!this.running) return;
    this.stopNotes.push(note);
    queueMicrotask(() => this.endRun({ failure: null, detail: note ? `(${note})` : 'stopped' }));
  }

  videoInfo(): VideoInfo | null {
    return this.info;
  }

  send(bytes: Buffer): void {
    this.emit('data', bytes);
  }

  /** The camera's video as it arrived, written beside a conversion. */
  sendOriginal(bytes: Buffer): void {
    this.emit('original', bytes);
  }

  /** The run ends by itself: the camera hung up, or said why. */
  end(failure: ProducerFailure | null = null, detail = 'connection closed'): void {
    this.endRun({ failure, detail });
  }
}

class TestViewer implements Viewer {
  readonly chunks: Buffer[] = [];
  ended = false;
  backlog = 0;
  send(chunk: Buffer): void {
    this.chunks.push(chunk);
  }
  end(): void {
    this.ended = true;
  }
}

const info = (inputCodec: string, codec = inputCodec): VideoInfo => ({ codec, inputCodec, width: 640, height: 360, fps: 15 });

// ------------------------------------------------------------------ a tiny MPEG-TS stream

const PMT_PID = 0x1000;
const VIDEO_PID = 0x100;

function tsPacket(pid: number, payloadStart: boolean, body: number[], randomAccess = false): Buffer {
  const packet = Buffer.alloc(188, 0xff);
  packet[0] = 0x47;
  packet[1] = (payloadStart ? 0x40 : 0) | ((pid >> 8) & 0x1f);
  packet[2] = pid & 0xff;
  // An adaptation field of one byte carrying the random access indicator marks a keyframe.
  const header = randomAccess ? [0x30, 1, 0x40] : [0x10];
  Buffer.from([...header, ...body]).copy(packet, 3);
  return packet;
}

/** PAT, PMT (one H.265 stream), then `frames` video frames, a keyframe first. */
function hevcTs(frames = 3): Buffer {
  const pat = [0, 0x00, 0xb0, 13, 0, 1, 0xc1, 0, 0, 0, 1, 0xe0 | (PMT_PID >> 8), PMT_PID & 0xff, 0, 0, 0, 0];
  const pmt = [0, 0x02, 0xb0, 18, 0, 1, 0xc1, 0, 0, 0xe0 | (VIDEO_PID >> 8), VIDEO_PID & 0xff, 0xf0, 0, 0x24, 0xe0 | (VIDEO_PID >> 8), VIDEO_PID & 0xff, 0xf0, 0, 0, 0, 0, 0];
  return Buffer.concat([
    tsPacket(0, true, pat),
    tsPacket(PMT_PID, true, pmt),
    ...Array.from({ length: frames }, (_, i) => tsPacket(VIDEO_PID, true, [0, 0, 1, 0xe0], i === 0)),
  ]);
}

// ------------------------------------------------------------------ setup

let sessions: Session[] = [];

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  await Promise.all(sessions.map((session) => session.close()));
  sessions = [];
  vi.useRealTimers();
});

function scripted(options: Partial<SessionOptions> = {}) {
  const producer = new ScriptedProducer();
  const warnings: string[] = [];
  const log: Logger = { info: () => {}, warn: (message) => void warnings.push(message), error: () => {} };
  const session = new Session({
    cameraId: 'cam-1',
    profile: 'main',
    source: { kind: 'rtsp', url: 'rtsp://192.0.2.1/ch1', credentials: {} },
    ffmpegPath: 'ffmpeg',
    log,
    random: () => 0,
    createProducer: () => producer,
    ...options,
  });
  sessions.push(session);
  return { session, producer, warnings };
}

/** Lets a stop's exit (a microtask) and any timers due by then run. */
const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

/** Lets `ms` pass with the camera sending H.265 pictures every second, as a live one does. */
async function liveFor(producer: ScriptedProducer, ms: number): Promise<void> {
  for (let passed = 0; passed < ms; passed += 1000) {
    producer.send(hevcTs());
    await settle(1000);
  }
}

// ------------------------------------------------------------------ the tests

describe('a Session starting a camera', () => {
  it('gives up on a start that brings no picture within its timeout, says so, and tries again', async () => {
    const { session, producer } = scripted({ startTimeoutMs: 3000 });
    session.start();
    await settle(2999);
    expect(producer.stopNotes).toEqual([]);
    await settle(1);
    expect(producer.stopNotes).toEqual(['no picture within 3 s']);
    expect(session.status()).toMatchObject({ state: 'reconnecting', detail: '(no picture within 3 s)', attempt: 1 });
    await settle(session.status().retryAt! - Date.now());
    expect(producer.runs).toHaveLength(2);
  });

  it('does not time out a start that went live', async () => {
    const { session, producer } = scripted({ startTimeoutMs: 3000, stallMs: 60_000 });
    session.start();
    producer.send(flvStream('h264'));
    await settle(5000);
    expect(producer.stopNotes).toEqual([]);
    expect(session.status().state).toBe('live');
  });

  it('calls a live camera that stops sending stalled within half a second of stallMs, and pushes its figures once a second meanwhile', async () => {
    const { session, producer } = scripted({ stallMs: 4000 });
    session.start();
    producer.send(flvStream('h264'));
    await settle(0);
    expect(session.status().state).toBe('live');
    const lastFrameAt = Date.now();
    let pushes = 0;
    session.on('status', () => void pushes++);
    await settle(4000);
    expect(session.status().state).toBe('live');
    // Two seconds of a quiet, live camera: two pushes of its figures, not one a watchdog tick.
    expect(pushes).toBeLessThanOrEqual(4);
    await settle(500);
    expect(session.status().state).toBe('stalled');
    expect(session.status().since - lastFrameAt).toBeLessThanOrEqual(4500);
  });

  it('says offline once a camera that never came up has failed its first attempts, and keeps trying', async () => {
    const { session, producer } = scripted();
    const states: string[] = [];
    session.on('status', (status) => states.at(-1) !== status.state && states.push(status.state));
    session.start();
    for (let run = 1; run <= 5; run++) {
      expect(producer.runs).toHaveLength(run);
      producer.end();
      await settle(session.status().retryAt! - Date.now());
    }
    expect(states).toEqual(['starting', 'reconnecting', 'offline']);
    expect(session.status()).toMatchObject({ state: 'offline', attempt: 5 });
    expect(producer.runs).toHaveLength(6);
  });

  it('says reconnecting, not offline, when a camera that was live drops again and again', async () => {
    const { session, producer } = scripted();
    session.start();
    for (let run = 1; run <= 5; run++) {
      producer.send(flvStream('h264'));
      producer.end();
      expect(session.status().state).toBe('reconnecting');
      await settle(session.status().retryAt! - Date.now());
    }
  });
});

describe('a Session fed a stream that is not the expected container', () => {
  it('stops the run, says why, and sends the viewers nothing of it', async () => {
    const { session, producer, warnings } = scripted();
    const viewer = new TestViewer();
    session.attach(viewer);
    session.start();
    producer.send(Buffer.from('<html>502 Bad Gateway</html>'.padEnd(400, ' ')));
    await settle();
    expect(warnings).toEqual(['stream is not the expected container']);
    expect(producer.stopNotes).toHaveLength(1);
    expect(session.status()).toMatchObject({ state: 'reconnecting', detail: '(the stream is not FLV)' });
    expect(viewer.chunks).toEqual([]);
    // The next run reads with a fresh splitter: good FLV plays.
    await settle(session.status().retryAt! - Date.now());
    producer.send(flvStream('h264'));
    expect(session.status().state).toBe('live');
    expect(viewer.chunks.length).toBeGreaterThan(0);
  });
});

describe('a Session ends its open players when they cannot follow', () => {
  it('ends FLV players when the camera comes back in H.265 and the output becomes MPEG-TS', async () => {
    const { session, producer } = scripted({ acceptsHevc: true });
    const player = new TestViewer();
    const outputs: string[] = [];
    session.on('output', (container) => outputs.push(container));
    session.attach(player);
    session.start();
    producer.send(flvStream('h264'));
    expect(player.chunks.length).toBeGreaterThan(0);
    // The camera was reconfigured to H.265 while it rebooted.
    producer.info = info('hevc');
    producer.end();
    expect(player.ended).toBe(false); // an FLV timeline is stitched across restarts
    await settle(session.status().retryAt! - Date.now());
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy']);
    producer.send(hevcTs());
    expect(player.ended).toBe(true);
    expect(session.hasViewer(player)).toBe(false);
    expect(outputs).toEqual(['flv', 'mpegts']);
    // A player made for MPEG-TS now starts at once from the cached GOP.
    const next = new TestViewer();
    session.attach(next);
    expect(next.chunks.length).toBeGreaterThan(0);
  });

  it('ends MPEG-TS players when a live TS run ends, and keeps FLV players through a restart', async () => {
    const flv = scripted();
    const flvPlayer = new TestViewer();
    flv.session.attach(flvPlayer);
    flv.session.start();
    flv.producer.send(flvStream('h264'));
    flv.producer.end();

    const ts = scripted({ acceptsHevc: true });
    ts.producer.info = info('hevc');
    ts.session.start();
    ts.producer.end(); // the first run learns the codec
    await settle();
    expect(ts.producer.runs).toEqual(['flv-copy', 'ts-copy']);
    const tsPlayer = new TestViewer();
    ts.session.attach(tsPlayer);
    ts.producer.send(hevcTs());
    expect(tsPlayer.chunks.length).toBeGreaterThan(0);
    ts.producer.end();

    expect(tsPlayer.ended).toBe(true);
    expect(ts.session.hasViewer(tsPlayer)).toBe(false);
    expect(flvPlayer.ended).toBe(false);
    expect(flv.session.hasViewer(flvPlayer)).toBe(true);
  });

  it('ends every viewer when it closes, once', async () => {
    const { session, producer } = scripted();
    const viewers = [new TestViewer(), new TestViewer()];
    let ends = 0;
    for (const viewer of viewers) {
      viewer.end = () => void ends++;
      session.attach(viewer);
    }
    session.start();
    producer.send(flvStream('h264'));
    await session.close();
    await session.close();
    expect(ends).toBe(2);
    expect(session.viewerCount).toBe(0);
    expect(producer.running).toBe(false);
    expect(() => session.attach(new TestViewer())).toThrow('closed');
  });
});

describe('a Session transcoding H.265 for a viewer that cannot decode it', () => {
  /** A session whose first run finds an H.265 camera: the second run transcodes. */
  async function transcoding(budget: TranscodeBudget) {
    const scriptedSession = scripted({ transcodeBudget: budget, acceptsHevc: false });
    scriptedSession.producer.info = info('hevc');
    scriptedSession.session.start();
    scriptedSession.producer.end();
    await settle();
    return scriptedSession;
  }

  it('holds a slot while it transcodes and gives it back when it closes', async () => {
    const budget = new TranscodeBudget(1);
    const { session, producer } = await transcoding(budget);
    expect(producer.runs).toEqual(['flv-copy', 'flv-transcode']);
    expect(budget.inUse).toBe(1);
    expect(session.status().transcoding).toBe(true);
    await session.close();
    expect(budget.inUse).toBe(0);
    await session.close();
    expect(budget.inUse).toBe(0);
  });

  it('gives the slot back when the camera turns to H.264 and no longer needs converting', async () => {
    const budget = new TranscodeBudget(1);
    const { session, producer } = await transcoding(budget);
    producer.info = info('h264');
    producer.end();
    await settle();
    expect(producer.runs).toEqual(['flv-copy', 'flv-transcode', 'flv-copy']);
    expect(budget.inUse).toBe(0);
    expect(session.status().transcoding).toBe(false);
  });

  it('gives the slot back while its camera is away, so another camera can be converted meanwhile', async () => {
    const budget = new TranscodeBudget(1);
    const away = await transcoding(budget);
    away.producer.end(); // the village lost power: retries with backoff, for hours maybe
    expect(away.session.status().state).toBe('reconnecting');
    expect(budget.inUse).toBe(0);
    const other = await transcoding(budget);
    expect(other.producer.runs).toEqual(['flv-copy', 'flv-transcode']);
    expect(other.session.status().transcoding).toBe(true);
  });

  it('waits for a slot when all are taken, and transcodes once one is given back', async () => {
    const budget = new TranscodeBudget(1);
    const first = await transcoding(budget);
    const second = await transcoding(budget);
    expect(second.producer.runs).toEqual(['flv-copy']);
    expect(second.session.status()).toMatchObject({ state: 'unsupported_codec', detail: expect.stringContaining('transcode budget') });
    await first.session.close();
    await settle(second.session.status().retryAt! - Date.now());
    expect(second.producer.runs).toEqual(['flv-copy', 'flv-transcode']);
    expect(budget.inUse).toBe(1);
  });
});

describe('a Session that recorders watch: the camera as it arrives, never converted for them', () => {
  /** An H.265 camera's session for tiles that cannot decode it, its first run having found the codec. */
  async function hevcSession(recorder: Viewer, options: Partial<SessionOptions> = {}) {
    const scriptedSession = scripted({ acceptsHevc: false, conversionGraceMs: 5000, ...options });
    scriptedSession.producer.info = info('hevc');
    scriptedSession.session.attachOriginal(recorder);
    scriptedSession.session.start();
    scriptedSession.producer.end();
    await settle();
    return scriptedSession;
  }

  it('copies an H.265 camera only a recorder watches, and sends the recorder its MPEG-TS', async () => {
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder);
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy']);
    producer.send(hevcTs());
    expect(session.status()).toMatchObject({ state: 'live', transcoding: false, viewers: 1 });
    expect(Buffer.concat(recorder.chunks).equals(hevcTs())).toBe(true);
  });

  it('converts from the moment a tile is on its way, on a new run of the same producer, and stops once only the recorder is left', async () => {
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder);
    producer.send(hevcTs());
    session.expectViewer(); // a tile's prepare
    expect(session.outputSettled).toBe(false);
    expect(session.container).toBe('flv'); // what the tile's player is made for
    await settle();
    expect(producer.stopNotes).toEqual(['the viewers need another output']);
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy', 'flv-transcode']);
    const tile = new TestViewer();
    session.attach(tile);
    producer.send(flvStream('h264'));
    expect(tile.ended).toBe(false);
    expect(tile.chunks.length).toBeGreaterThan(0);
    expect(recorder.ended).toBe(false);
    expect(session.status().transcoding).toBe(true);

    session.detach(tile);
    const before = producer.runs.length;
    await settle(4999);
    // The tile's grace: it may come back (a layout switch). (A run with no frames is retried meanwhile, still converting.)
    expect(producer.runs.slice(before)).not.toContain('ts-copy');
    await settle(20_000); // and the prepared tile's 15 s to open its socket
    expect(producer.runs.at(-1)).toBe('ts-copy');
    expect(session.status().transcoding).toBe(false);
  });

  it('tells the recorder each time its run has another output (a tile came, the tile left), and not at a reconnect', async () => {
    const recorder = new (class extends TestViewer {
      switches = 0;
      outputSwitched(): void {
        this.switches++;
      }
    })();
    const { session, producer } = await hevcSession(recorder);
    // flv-copy → ts-copy: the first run found H.265 (the recorder had nothing of it yet).
    const learned = recorder.switches;
    producer.send(hevcTs());
    producer.end(); // the camera hung up: the next run copies as this one did
    await settle(2000); // a camera live a moment ago is called again within 1.5 s
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy', 'ts-copy']);
    expect(recorder.switches).toBe(learned);
    producer.send(hevcTs());
    session.expectViewer();
    await settle();
    expect(producer.runs.at(-1)).toBe('flv-transcode');
    expect(recorder.switches).toBe(learned + 1);
    const tile = new TestViewer();
    session.attach(tile);
    producer.send(flvStream('h264'));
    session.detach(tile);
    await settle(60_000); // the prepared tile's 15 s and the grace period (a run without frames is retried meanwhile)
    expect(producer.runs.at(-1)).toBe('ts-copy');
    expect(recorder.switches).toBe(learned + 2);
    expect(recorder.ended).toBe(false);
  });

  it('gives the recorder the H.265 a conversion writes beside the tiles\' H.264, and the tiles none of it', async () => {
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder);
    producer.send(hevcTs());
    const tile = new TestViewer();
    session.expectViewer();
    await settle();
    session.attach(tile);
    recorder.chunks.length = 0;
    producer.send(flvStream('h264'));
    producer.sendOriginal(hevcTs());
    expect(Buffer.concat(recorder.chunks).equals(hevcTs())).toBe(true);
    expect(Buffer.concat(tile.chunks).subarray(0, 3).toString()).toBe('FLV');
    expect(tile.chunks.some((chunk) => chunk[0] === 0x47 && chunk.length === 188)).toBe(false);
  });

  it('refuses a tile it has no conversion slot for in the tile\'s own words, keeps the recorder\'s run untouched, and converts once a slot frees', async () => {
    const budget = new TranscodeBudget(1);
    budget.acquire(); // another camera's tile holds the one slot
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder, { transcodeBudget: budget });
    producer.send(hevcTs());
    session.expectViewer(); // a tile's prepare
    await settle();
    expect(producer.stopNotes).toEqual([]); // no reconnect: the recorder's run goes on
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy']);
    expect(session.container).toBe('flv'); // the tile's player is made for the conversion it will get
    expect(session.status()).toMatchObject({ state: 'live', transcoding: false, refused: { state: 'unsupported_codec', detail: expect.stringContaining('transcode budget') } });
    const tile = new TestViewer();
    session.attach(tile);
    recorder.chunks.length = 0;
    producer.send(hevcTs());
    expect(tile.chunks).toEqual([]); // nothing it cannot decode
    expect(Buffer.concat(recorder.chunks).equals(hevcTs())).toBe(true);

    await liveFor(producer, 60_000); // tried again and again while the slot stays taken: never a reconnect
    expect(producer.stopNotes).toEqual([]);
    expect(session.status().refused?.retryAt).toBeGreaterThan(Date.now());
    expect(recorder.ended).toBe(false);

    budget.release();
    await settle(session.status().refused!.retryAt! - Date.now());
    await settle(100); // the switch: one reconnect of the same producer (begun inside a timer, so a tick later)
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy', 'flv-transcode']);
    expect(session.status()).toMatchObject({ transcoding: true });
    expect(session.status().refused).toBeUndefined();
    expect(budget.inUse).toBe(1);
  });

  it('retries a refused tile\'s camera that fails before it goes live with backoff, not at once', async () => {
    const budget = new TranscodeBudget(0);
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder, { transcodeBudget: budget });
    const tile = new TestViewer();
    session.attach(tile);
    producer.send(hevcTs());
    producer.end(); // the camera hung up: the next run is the recorder's copy again, the tile still refused
    await settle(2000);
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy', 'ts-copy']);
    expect(tile.ended).toBe(false); // it was sent nothing of that run: it simply waits on
    producer.end(); // and fails before a frame
    await settle(10);
    expect(producer.runs).toHaveLength(3);
    expect(session.status()).toMatchObject({ state: 'reconnecting', refused: { state: 'unsupported_codec' } });
  });

  it('lets a refused tile go without touching the recorder', async () => {
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder, { transcodeBudget: new TranscodeBudget(0) });
    producer.send(hevcTs());
    const tile = new TestViewer();
    session.attach(tile);
    await settle();
    expect(session.status().refused).toBeDefined();
    session.detach(tile);
    await liveFor(producer, 10_000); // the tile's grace: it may come back
    expect(session.status().refused).toBeUndefined();
    expect(producer.stopNotes).toEqual([]);
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy']);
  });

  it('gives a still the refused tile\'s camera as the recorder has it, at once, the keyframe alone, with no reconnect and no slot', async () => {
    const budget = new TranscodeBudget(1);
    budget.acquire(); // another camera's tile holds the one slot
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder, { transcodeBudget: budget });
    const tile = new TestViewer();
    session.expectViewer();
    session.attach(tile);
    producer.send(hevcTs(3));
    await settle();
    expect(session.status().refused).toBeDefined();
    const stream = hevcTs(3);
    const picture = session.recordersPicture(true);
    // PAT, PMT and the keyframe's packet: the two frames after it are not needed for a still.
    expect(picture).toEqual({ ok: true, container: 'mpegts', units: [stream.subarray(0, 188), stream.subarray(188, 376), stream.subarray(376, 564)] });
    expect(session.recordersPicture(false)).toMatchObject({ ok: true, units: { length: 5 } });
    expect(tile.chunks).toEqual([]);
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy']);
    expect(producer.stopNotes).toEqual([]);
    expect(budget.inUse).toBe(1);
  });

  it('says at once why a refused tile\'s camera has no still when the recorder\'s run has no keyframe yet', async () => {
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder, { transcodeBudget: new TranscodeBudget(0) });
    producer.send(hevcTs());
    session.attach(new TestViewer());
    await settle();
    producer.end(); // the camera hung up; the next run (the recorder's copy again) has sent nothing yet
    await settle(2000);
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy', 'ts-copy']);
    expect(session.recordersPicture(true)).toEqual({ ok: false, why: expect.stringContaining('transcode budget') });
  });

  it('gives a still of a camera only a recorder watches from its copy, without converting it for a tile that is not there', async () => {
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder);
    producer.send(hevcTs());
    expect(session.recordersPicture(true)).toMatchObject({ ok: true, container: 'mpegts' });
    await liveFor(producer, 10_000);
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy']);
    expect(session.status().transcoding).toBe(false);
  });

  it('leaves a still to the tiles\' side when the tiles are served', async () => {
    const recorder = new TestViewer();
    const { session, producer } = await hevcSession(recorder);
    producer.send(hevcTs());
    session.expectViewer(); // a tile on its way: the camera is converted for it
    await settle();
    expect(producer.runs).toEqual(['flv-copy', 'ts-copy', 'flv-transcode']);
    expect(session.recordersPicture(true)).toBeNull();
    const passedThrough = scripted({ acceptsHevc: true, cameraCodec: 'hevc' });
    passedThrough.session.start();
    passedThrough.producer.send(hevcTs());
    expect(passedThrough.producer.runs).toEqual(['ts-copy']);
    expect(passedThrough.session.recordersPicture(true)).toBeNull(); // its tiles get the H.265 themselves
  });

  it('converts as before when nobody watches yet, or a tile only', async () => {
    const { session, producer } = scripted({ acceptsHevc: false });
    producer.info = info('hevc');
    session.start();
    producer.end();
    await settle();
    expect(producer.runs).toEqual(['flv-copy', 'flv-transcode']);
  });
});
