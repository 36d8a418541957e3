/**
 * Looks at the head of an FLV stream from a media server and decides whether the wall can play
 * it as it is: FLV at all, and H.264 video. Reads the metadata for size and rate. Pure; it sees
 * only the first tags (a server always sends header, metadata and sequence header first).
 */
import type { VideoInfo } from '../producer/ffmpegLog.js';
import { ContainerFormatError, FlvSplitter, TAG_SCRIPT, TAG_VIDEO } from './flv.js';
import { readFlvMetadata, type FlvMetadata } from './flvMetadata.js';

export type FlvVerdict =
  | { kind: 'undecided' }
  | { kind: 'playable'; info: VideoInfo }
  | { kind: 'refused'; detail: string };

const CODEC_AVC = 7;
const CODEC_HEVC = 12;
const ENHANCED_FLAG = 0x80;

export class FlvInspector {
  private readonly splitter = new FlvSplitter();
  private metadata: FlvMetadata | null = null;
  private verdict: FlvVerdict = { kind: 'undecided' };
  /** A keyframe has arrived: pictures really flow (what "Test connection" waits for). */
  keyframeSeen = false;
  /** The FLV header arrived: the server answered with FLV, even if no video came yet. */
  headerSeen = false;

  push(chunk: Buffer): FlvVerdict {
    let units;
    try {
      units = this.splitter.push(chunk);
    } catch (error) {
      if (!(error instanceof ContainerFormatError)) throw error;
      return (this.verdict = { kind: 'refused', detail: `the relay did not answer with FLV (${describeStart(chunk)})` });
    }
    for (const unit of units) {
      if (unit.slot === 'flv-header') this.headerSeen = true;
      const type = unit.bytes[0]! & 0x1f;
      if (type === TAG_SCRIPT && this.metadata === null) this.metadata = readFlvMetadata(unit.bytes);
      if (type !== TAG_VIDEO) continue;
      if (this.verdict.kind === 'undecided') this.verdict = this.judgeVideo(unit.bytes[11]!, unit.bytes);
      if (unit.keyframe && this.verdict.kind === 'playable') this.keyframeSeen = true;
    }
    return this.verdict;
  }

  private judgeVideo(first: number, tag: Buffer): FlvVerdict {
    if (first & ENHANCED_FLAG) {
      const fourCc = tag.toString('latin1', 12, 16);
      return { kind: 'refused', detail: `the relay sends enhanced FLV (${fourCc}, e.g. H.265): not played over relay-flv yet; use relay-rtsp for this camera` };
    }
    const codec = first & 0x0f;
    if (codec === CODEC_HEVC) return { kind: 'refused', detail: 'the relay sends H.265 in FLV (codec id 12): not played over relay-flv yet; use relay-rtsp for this camera' };
    if (codec !== CODEC_AVC) return { kind: 'refused', detail: `the relay sends FLV video codec id ${codec}, not H.264` };
    const meta = this.metadata ?? {};
    return {
      kind: 'playable',
      info: {
        codec: 'h264',
        inputCodec: 'h264',
        width: positive(meta.width),
        height: positive(meta.height),
        fps: positive(meta.framerate),
      },
    };
  }
}

function positive(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value * 100) / 100 : null;
}

/** The first bytes, printable: an HTML error page or a JSON answer is recognisable from them. */
function describeStart(chunk: Buffer): string {
  const text = chunk.toString('latin1', 0, Math.min(chunk.length, 24)).replace(/[^\x20-\x7e]/g, '.');
  return `starts with "${text}"`;
}
