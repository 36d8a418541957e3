/**
 * The pull producer: each run is one HTTP(S)-FLV or WS(S)-FLV connection to a media server,
 * opened by main (so a relay token never reaches the renderer), with no local ffmpeg. The relay
 * already speaks FLV: its bytes go to the session's splitter exactly like ffmpeg's output would.
 * Only H.264 is played this way; H.265 (codec id 12, or enhanced FLV) is refused as
 * `unsupported_codec` for now.
 */
import { redact } from '../../domain/cameraUrl.js';
import type { OutputMode } from './ffmpegArgs.js';
import type { VideoInfo } from './ffmpegLog.js';
import { openFlvPull, type PullConnection, type PullEnd } from './flvPull.js';
import { FlvInspector } from '../container/flvInspector.js';
import type { Fields, Logger } from '../../lib/logger.js';
import { ProducerBase, type Producer } from './producer.js';
import { sourceSecrets, type SessionSource } from '../source/sessionSource.js';

export interface FlvPullProducerOptions {
  source: SessionSource;
  log: Logger;
  /** Added to every log line (camera, profile). */
  logFields: Fields;
}

/** Bytes held while waiting for the first video tag; a server sends it within the first few KB. */
const MAX_UNDECIDED_BYTES = 1024 * 1024;
/** FLV header flags: video only. Audio tags are dropped by the splitter, and a player told to expect audio waits for it. */
const FLAGS_VIDEO_ONLY = 0x01;
const FLAGS_OFFSET = 4;

export class FlvPullProducer extends ProducerBase implements Producer {
  readonly outputs: readonly OutputMode[] = ['flv-copy'];
  readonly pid = null;
  private connection: PullConnection | null = null;
  private inspector = new FlvInspector();
  private held: Buffer[] = [];
  private heldBytes = 0;
  private decided = false;
  private refusal: PullEnd | null = null;
  private note: string | null = null;
  private info: VideoInfo | null = null;

  constructor(private readonly options: FlvPullProducerOptions) {
    super();
  }

  start(_output: OutputMode): void {
    if (this.running) return;
    this.beginRun();
    this.inspector = new FlvInspector();
    this.held = [];
    this.heldBytes = 0;
    this.decided = false;
    this.refusal = this.note = null;
    const { source, log, logFields } = this.options;
    const connection: PullConnection = openFlvPull(source.url, source.credentials, {
      onData: (chunk) => this.onData(connection, chunk),
      onEnd: (end) => this.onEnd(connection, end),
    });
    this.connection = connection;
    log.info('relay pull started', { ...logFields, url: redact(source.url, sourceSecrets(source)) });
  }

  stop(note?: string): void {
    if (note) this.note = note;
    this.connection?.close();
  }

  videoInfo(): VideoInfo | null {
    return this.info;
  }

  private onData(connection: PullConnection, chunk: Buffer): void {
    if (connection !== this.connection) return;
    if (this.decided) {
      this.emit('data', chunk);
      return;
    }
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    const verdict = this.inspector.push(chunk);
    if (verdict.kind === 'refused') return this.refuse(verdict.detail);
    if (verdict.kind === 'undecided') {
      if (this.heldBytes > MAX_UNDECIDED_BYTES) this.refuse('the relay sent no video in its first megabyte');
      return;
    }
    this.decided = true;
    this.info = verdict.info;
    const head = Buffer.concat(this.held);
    this.held = [];
    head[FLAGS_OFFSET] = FLAGS_VIDEO_ONLY;
    this.emit('data', head);
  }

  private refuse(detail: string): void {
    this.refusal = { failure: 'unsupported_codec', detail };
    this.connection?.close();
  }

  private onEnd(connection: PullConnection, end: PullEnd): void {
    if (connection !== this.connection) return;
    this.connection = null;
    const result = this.refusal ?? end;
    this.options.log.info('relay pull ended', { ...this.options.logFields, failure: result.failure });
    this.endRun({ failure: result.failure, detail: this.note ? `${result.detail}\n(${this.note})` : result.detail });
  }
}
