/**
 * One tile's recorded video on WebCodecs. It follows a clock (the wall's, or its own when freed):
 * on each tick it makes sure it holds the picture for the clock's position, and shows it.
 *
 * - Seek: fetch from the keyframe at or before T, decode forward, show the newest picture at or
 *   before T (the ones before it are closed as they come out of the decoder).
 * - Forward play keeps a few pictures decoded ahead and reads the answer only as fast as they are
 *   shown (the fetch's own back-pressure); a step back while paused decodes the GOP again and keeps it.
 * - Fast (≥ 8×) and reverse fetch keyframes only and decode at most KEYFRAMES_PER_SECOND of them per
 *   second of wall time, whatever the speed; reverse fetches windows further and further back and
 *   shows each window's pictures newest first.
 * - H.265 footage (an H.265 camera is recorded as it arrives) is decoded here where this page's
 *   decoder takes its init (codec string and hvcC); where it does not, or refuses it at configure,
 *   the player asks the recorder for the same range converted to H.264 from then on.
 * Every VideoFrame is closed once passed, every fetch aborted when no longer wanted, and `destroy()`
 * closes the decoder and the track.
 */
import type { TrackGenerator } from '../../lib/webCodecs';
import { frameTrackInto } from '../../lib/webCodecs';
import { MediaFormatError } from '../../../preload/media/avc';
import { decoderFailure, hevcDecoderRefusal, webCodecsDecodesRecording } from '../../lib/hevc';
import { keyframeTooClose } from '../../../preload/keyframeSpacing';
import { keyframesOnly, positionAt, type ClockState } from './clock';
import { Fmp4Demuxer, type Sample, type TrackConfig } from './fmp4Demuxer';
import { FrameShelf } from './frameShelf';
import { fetchRecorded, recordedUrl } from './recordedFetch';
import { newRun, reverseWindow, type Run } from './recordedRun';

/**
 * A recording in a codec this page cannot decode (H.265 where neither this page's decoder nor the
 * recorder can convert it, e.g. MediaMTX's): the footage is fine, the page says so in words.
 */
export class UnsupportedCodecError extends MediaFormatError {
  constructor(readonly codec: string) {
    super(`recorded in ${codec}, which this player cannot decode`);
  }
}

/** Pictures decoded ahead of the clock while playing forward. */
const AHEAD = 6;
/** Chunks given to the decoder and not yet out (H.264 may hold up to 16 for reordering). */
const IN_FLIGHT = 16;
/** Demuxed samples waiting for the decoder before the answer is read further. */
const QUEUED_SAMPLES = 90;
/** Pictures kept behind the one on screen while paused, for stepping back without a new fetch. */
const KEEP_BEHIND = 30;
/** At ≥ 8× and in reverse, at most this many keyframes are decoded per second of wall time. */
export const KEYFRAMES_PER_SECOND = 8;

/** Keyframes only: the recorded time between two keyframes decoded at `speed`. */
export const keyframeSpacingAt = (speed: number) => (Math.max(1, speed) * 1000) / KEYFRAMES_PER_SECOND;

/** A forward answer covers this much recorded time; the next one continues where it ended. */
const FORWARD_SECONDS = 600;
/** A continuation that found nothing newer (the live edge) asks again after this. */
const LIVE_EDGE_WAIT_MS = 1000;
/** A failed fetch or decode is tried again after this. */
const RETRY_MS = 2000;

export interface RecordedPlayerEvents {
  /** The recorded time of the picture now on screen. */
  onPicture(ms: number): void;
  /** Nothing is recorded at the clock's position (nextMs: where it resumes), or null: pictures again. */
  onGap(gap: { nextMs: number | null } | null): void;
  /** The recorder refuses this camera's footage (a PlaybackGetCode): no more is asked. */
  /** `detail`: the technical words behind it (another recorder's failure), for one click away. */
  onRefused(code: string, detail?: string): void;
  /** A fetch or the decoder failed; it is tried again. */
  /** `codec`: the recording is in a codec this player cannot decode (H.265). */
  onError(detail: string | null, codec?: string): void;
  /** This page cannot decode the recording's codec: from now on the recorder converts it to H.264 for it. */
  onConverted(): void;
}

export class RecordedPlayer {
  private decoder: VideoDecoder | null = null;
  private config: TrackConfig | null = null;
  private track: { generator: TrackGenerator; writer: WritableStreamDefaultWriter<VideoFrame> } | null = null;
  private readonly shelf = new FrameShelf<VideoFrame>();
  private run: Run | null = null;
  private inFlight = 0;
  private shownMs: number | null = null;
  private retryAt = 0;
  /** A run started and has shown nothing yet: its first picture waits until it is the one at the clock. */
  private seeking = false;
  private refused = false;
  private destroyed = false;
  /** This page cannot decode the recording's H.265: every answer is asked as H.264 (`convert=h264`). */
  private askH264 = false;
  /** Pictures out of the decoder since it was last configured: a refusal comes before the first. */
  private picturesSinceConfigure = 0;

  constructor(
    private readonly video: HTMLVideoElement,
    private url: string,
    private readonly events: RecordedPlayerEvents,
  ) {
    // The <video> takes its stream now, while the first answer is fetched and decoded: set up at
    // the first picture instead, its media pipeline started only then and the picture came later.
    this.track = frameTrackInto(video);
  }

  /** A new session for the same tile (reopened): what was fetched from the old one is dropped. */
  setUrl(url: string): void {
    if (url === this.url) return;
    this.url = url;
    this.endRun();
  }

  /** The recorded time on screen now, if a picture is. */
  get shown(): number | null {
    return this.shownMs;
  }

  /**
   * The picture at the clock is on screen, or none will come (nothing recorded there, refused,
   * waiting to try again): the wall's clock waits for this after a seek.
   */
  get ready(): boolean {
    const run = this.run;
    return this.refused || run === null || run.gapUntil !== undefined || (!this.seeking && this.shownMs !== null);
  }

  /** The next decoded picture after the one on screen, for a step forward. */
  nextPicture(): number | null {
    return this.shownMs === null ? null : this.shelf.after(this.shownMs);
  }

  /** Called on every animation frame with the clock this tile follows. */
  tick(clock: ClockState, now: number): void {
    if (this.destroyed || this.refused) return;
    const pos = positionAt(clock, now);
    const keyframes = keyframesOnly(clock);
    const direction = clock.paused ? 1 : clock.direction;
    if (!this.covers(pos, keyframes, direction, clock.speed)) {
      if (now < this.retryAt) return;
      this.startRun(pos, keyframes, direction, clock.speed);
    }
    this.continueRun(pos, clock.speed, now);
    this.feed(pos, clock.speed);
    this.present(pos, direction, clock.paused);
  }

  private covers(pos: number, keyframes: boolean, direction: 1 | -1, speed: number): boolean {
    const run = this.run;
    if (!run || run.keyframes !== keyframes || run.direction !== direction) return false;
    // Slower than the run was asked for (16× to 8×): its answer holds too few keyframes now.
    if (keyframes && run.spacing > keyframeSpacingAt(speed)) return false;
    if (run.gapUntil !== undefined) return run.gapUntil === null || pos < run.gapUntil;
    // Reverse: within the windows read so far, or the one about to be read.
    if (direction < 0) return pos <= run.to + 1000 && pos >= run.from - reverseWindow(speed);
    // Forward: not before the earliest picture held (or, before any, the time sought).
    if (pos < (this.shelf.firstMs ?? run.from)) return false;
    // Far beyond what has been read (a click ahead, or a decoder that cannot keep up): seek there.
    const reach = Math.max(run.lastRead ?? run.from, this.shelf.lastMs ?? run.from);
    return pos <= reach + (keyframes ? 4000 : 3000);
  }

  private startRun(pos: number, keyframes: boolean, direction: 1 | -1, speed: number): void {
    this.endRun();
    this.seeking = true;
    const run = newRun(pos, keyframes, direction, keyframeSpacingAt(speed));
    this.run = run;
    if (direction > 0) void this.read(run, pos, FORWARD_SECONDS, null);
    else this.readWindowBefore(run, pos, speed);
  }

  /** Forward: the answer ended before the recording did, so the next one starts where it left off. */
  private continueRun(pos: number, speed: number, now: number): void {
    const run = this.run;
    if (!run || !run.ended || run.samples.length > 0 || run.gapUntil !== undefined) return;
    if (run.direction > 0) {
      if (run.lastRead === null || now < run.continueAfter) return;
      run.ended = false;
      void this.read(run, run.lastRead + 1, FORWARD_SECONDS, run.lastRead);
      return;
    }
    // Reverse: the next window back once the clock is well into this one.
    if (pos - run.from < reverseWindow(speed) / 2) this.readWindowBefore(run, run.from, speed);
  }

  private readWindowBefore(run: Run, end: number, speed: number): void {
    const window = reverseWindow(speed);
    run.from = end - window;
    run.ended = false;
    run.flushed = false;
    void this.read(run, run.from, window / 1000, null);
  }

  /** Reads one answer into the run's sample queue, no faster than the decoder takes them. */
  private async read(run: Run, start: number, seconds: number, skipUpTo: number | null): Promise<void> {
    try {
      const answer = await fetchRecorded(recordedUrl(this.url, start, seconds, run.keyframes, run.spacing, this.askH264), run.abort.signal);
      if (this.run !== run) return;
      if (answer.kind === 'gap') {
        if (run.direction > 0) {
          run.gapUntil = answer.nextMs;
          this.events.onGap({ nextMs: answer.nextMs });
        }
        run.ended = true;
        return;
      }
      if (answer.kind === 'refused') {
        this.refused = true;
        this.endRun();
        return this.events.onRefused(answer.code, answer.detail);
      }
      this.events.onGap(null);
      const demuxer = new Fmp4Demuxer(answer.startMs);
      const reader = answer.body.getReader();
      run.abort.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
      const readBefore = run.lastRead;
      for (;;) {
        while (run.samples.length >= QUEUED_SAMPLES && this.run === run) await new Promise<void>((resolve) => (run.wake = resolve));
        if (this.run !== run) return;
        const { done, value } = await reader.read();
        if (this.run !== run) return;
        if (done) break;
        for (const item of demuxer.push(value)) {
          if (item.kind === 'config') {
            if (!(await this.decodes(item, run))) return;
            this.configure(item);
          } else if (skipUpTo === null || item.dts > skipUpTo) {
            run.samples.push(item);
            if (run.direction > 0) run.lastRead = item.dts;
          }
        }
      }
      if (skipUpTo !== null && run.lastRead === readBefore) run.continueAfter = performance.now() + LIVE_EDGE_WAIT_MS;
      run.ended = true;
    } catch (error) {
      if (this.run !== run || run.abort.signal.aborted) return;
      this.fail(String(error), error instanceof UnsupportedCodecError ? error.codec : undefined);
    }
  }

  /**
   * Whether this page decodes the answer's codec. H.265 it cannot (asked once per run: a decoder
   * may take one profile and not another) ends the run, and the next asks for H.264. H.265 asked
   * as H.264 comes from a recorder that cannot convert (MediaMTX): said in words.
   */
  private async decodes(config: TrackConfig, run: Run): Promise<boolean> {
    if (config.family === 'h264') return true;
    if (this.askH264) throw new UnsupportedCodecError('H.265');
    const decodable = await webCodecsDecodesRecording(config.codec, config.description);
    if (this.run !== run) return false;
    if (!decodable) this.switchToH264();
    return decodable;
  }

  private switchToH264(): void {
    if (!this.askH264) this.events.onConverted();
    this.askH264 = true;
    this.video.dataset.converted = 'h264';
    this.endRun();
    // A decoder that failed is closed: the H.264 answer's init configures a new one.
    if (this.decoder?.state === 'closed') this.decoder = null;
    this.retryAt = 0; // asked again on the next tick
  }

  private readonly onDecoderError = (error: DOMException) => {
    if (this.destroyed) return;
    const codec = this.config?.codec ?? null;
    if (this.config?.family === 'h265' && decoderFailure(error.name, codec, this.picturesSinceConfigure) === 'unsupported') {
      // It said yes to this H.265 and then refused it (a driver that claims more than it decodes):
      // H.264 from the recorder, and the live wall of this page no longer passes H.265 through either.
      hevcDecoderRefusal.set(`${codec}: ${error.name}: ${error.message}`);
      return this.switchToH264();
    }
    this.fail(`decoder: ${error.message}`);
  };

  private configure(config: TrackConfig): void {
    if (this.destroyed) return;
    const same = this.config?.codec === config.codec && sameBytes(this.config.description, config.description);
    if (same && this.decoder?.state === 'configured') return;
    this.decoder ??= new VideoDecoder({ output: this.onFrame, error: this.onDecoderError });
    if (this.decoder.state === 'configured') this.decoder.reset();
    this.inFlight = 0;
    this.picturesSinceConfigure = 0;
    this.config = config;
    // optimizeForLatency: a picture leaves the decoder as soon as it is decoded, so the first
    // one after a seek is shown without waiting for more input.
    this.decoder.configure({ codec: config.codec, description: config.description, optimizeForLatency: true });
    if (this.run) this.run.needsKey = true;
  }

  private feed(pos: number, speed: number): void {
    const run = this.run;
    const decoder = this.decoder;
    if (!run || !decoder || decoder.state !== 'configured') return;
    const spacing = run.keyframes ? keyframeSpacingAt(speed) : 0;
    const ahead = run.direction > 0 ? AHEAD : Number.POSITIVE_INFINITY;
    while (run.samples.length > 0 && this.inFlight < IN_FLIGHT && this.shelf.ahead(pos, run.direction) < ahead) {
      const sample = run.samples.shift()!;
      if (run.needsKey && !sample.key) continue;
      if (run.keyframes && this.skipKeyframe(run, sample, pos, spacing)) continue;
      run.needsKey = false;
      if (sample.key) run.lastKeyFed = sample.dts;
      this.inFlight += 1;
      decoder.decode(new EncodedVideoChunk({ type: sample.key ? 'key' : 'delta', timestamp: Math.round(sample.pts * 1000), duration: Math.round(sample.duration * 1000), data: sample.data }));
    }
    // All of a reverse window, or the recording's last pictures before a gap, are fed: let out
    // what the decoder still holds (a flush makes the next chunk a keyframe, so never mid-stream).
    if (run.ended && run.samples.length === 0 && this.inFlight > 0 && !run.flushed && (run.direction < 0 || run.gapUntil !== undefined)) {
      run.flushed = true;
      void decoder.flush().catch(() => undefined);
    }
    if (run.samples.length < QUEUED_SAMPLES / 2 && run.wake) {
      const wake = run.wake;
      run.wake = null;
      wake();
    }
  }

  /** Keyframes only: skip one too close to the last decoded, or already overtaken by the clock. */
  private skipKeyframe(run: Run, sample: Sample, pos: number, spacing: number): boolean {
    if (!sample.key) return true;
    if (run.lastKeyFed !== null && keyframeTooClose(run.lastKeyFed, sample.dts, spacing)) return true;
    const next = run.samples[0];
    return run.direction > 0 && next !== undefined && next.dts <= pos;
  }

  private readonly onFrame = (frame: VideoFrame) => {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.picturesSinceConfigure += 1;
    if (this.destroyed || !this.run) return frame.close();
    this.shelf.add(frame.timestamp / 1000, frame);
  };

  private present(pos: number, direction: 1 | -1, paused: boolean): void {
    const picked = this.shelf.pick(pos);
    // After a seek, the picture at the clock is the newest at or before it once a later one (or
    // the end of what was asked) shows none newer is coming: the GOP's earlier pictures are not shown.
    if (picked && picked.ms !== this.shownMs && (!this.seeking || this.settled(pos))) {
      this.seeking = false;
      const writer = this.track?.writer;
      // The <video> has not taken the previous picture yet: try again on the next tick.
      if (!writer || (writer.desiredSize !== null && writer.desiredSize <= 0)) return;
      const copy = picked.frame.clone();
      writer.write(copy).catch(() => copy.close());
      this.shownMs = picked.ms;
      this.video.dataset.recordedMs = String(Math.round(picked.ms));
      this.events.onPicture(picked.ms);
    }
    this.shelf.trim(pos, direction, paused ? KEEP_BEHIND : 0);
  }

  private settled(pos: number): boolean {
    const run = this.run;
    if (this.shelf.after(pos) !== null) return true;
    return run !== null && run.ended && run.samples.length === 0 && this.inFlight === 0;
  }

  private fail(detail: string, codec?: string): void {
    if (this.destroyed) return;
    this.events.onError(detail, codec);
    this.retryAt = performance.now() + RETRY_MS;
    this.endRun();
    if (this.decoder?.state === 'closed') this.decoder = null;
  }

  private endRun(): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    run.abort.abort();
    run.wake?.();
    run.samples.length = 0;
    if (this.decoder?.state === 'configured') this.decoder.reset();
    // reset() leaves the decoder unconfigured: the next answer's moov configures it again.
    this.config = null;
    this.inFlight = 0;
    this.shelf.clear();
    this.shownMs = null;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.endRun();
    this.destroyed = true;
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
    void this.track?.writer.close().catch(() => undefined);
    this.track?.generator.stop();
    this.track = null;
    this.video.srcObject = null;
    delete this.video.dataset.recordedMs;
    delete this.video.dataset.converted;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
