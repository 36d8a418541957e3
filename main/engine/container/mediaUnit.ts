/**
 * What the engine forwards: whole units of the container ffmpeg writes (an FLV tag, or an MPEG-TS
 * packet), each marked with what a late or lagging viewer needs to know about it. The engine
 * never decodes video: it only cuts at unit boundaries.
 */

/** Units a decoder needs before any frame; the cache keeps the latest of each slot. */
export type HeaderSlot = 'flv-header' | 'flv-metadata' | 'flv-video-config' | 'ts-pat' | 'ts-pmt';

export interface MediaUnit {
  bytes: Buffer;
  /** Set for header units. */
  slot: HeaderSlot | null;
  /** Part of a video frame (for MPEG-TS: any packet of the video stream). */
  frame: boolean;
  /** The first unit of a video frame: what frame rate is counted from. */
  frameStart: boolean;
  /** Starts a keyframe: a viewer may join (or resume) here. */
  keyframe: boolean;
  /** FLV only: the tag's timestamp in ms, which the session may rewrite. */
  timestamp: number | null;
}

export type Container = 'flv' | 'mpegts';

export interface Demuxer {
  /** Feeds bytes; returns every unit they complete. Throws when the bytes are not this container. */
  push(chunk: Buffer): MediaUnit[];
}

/** The order header units are replayed in. */
export const SLOT_ORDER: HeaderSlot[] = ['flv-header', 'flv-metadata', 'flv-video-config', 'ts-pat', 'ts-pmt'];
