/** What a Session is made with, and what it tells its listeners. */
import type { Profile, StreamStatus } from '../../../preload/api.js';
import type { Logger } from '../../lib/logger.js';
import type { Container } from '../container/mediaUnit.js';
import type { Producer } from '../producer/producer.js';
import type { SessionSource } from '../source/sessionSource.js';
import type { TranscodeBudget } from '../producer/transcodeBudget.js';

export interface SessionOptions {
  cameraId: string;
  profile: Profile;
  source: SessionSource;
  /** null when no ffmpeg could be found: an ffmpeg-read source reports `ffmpeg_missing`. */
  ffmpegPath: string | null;
  log: Logger;
  /** Whether this session's viewers decode H.265 themselves. */
  acceptsHevc?: boolean;
  /** The camera's codec as another session of it learned it: the first run writes the right output at once. */
  cameraCodec?: string;
  transcodeBudget?: TranscodeBudget;
  /** Seconds of video kept for clips that start before the click; 0 keeps none. */
  preRollSeconds?: number;
  /** No frame for this long while live means stalled. */
  stallMs?: number;
  /** No first frame for this long after a start means the attempt failed. */
  startTimeoutMs?: number;
  random?: () => number;
  /** How long a conversion goes on once only recorders watch (tiles come and go; each switch is a reconnect). */
  conversionGraceMs?: number;
  /** Makes the producer; by default ffmpeg, or a relay pull for an `flv-pull` source. Tests inject their own. */
  createProducer?: () => Producer;
}

export interface SessionEvents {
  status: StreamStatus;
  /** The first unit of a run arrived: the output container is now certain. */
  output: Container;
}

export const SESSION_DEFAULTS = { stallMs: 4000, startTimeoutMs: 15_000, random: Math.random, acceptsHevc: false, preRollSeconds: 10, conversionGraceMs: 5000 };

export type ResolvedSessionOptions = Required<Omit<SessionOptions, 'ffmpegPath' | 'transcodeBudget' | 'createProducer' | 'cameraCodec'>> &
  Pick<SessionOptions, 'ffmpegPath' | 'transcodeBudget' | 'cameraCodec'>;

/**
 * The picture now, for a still or a snapshot: the cached GOP (headers, keyframe, frames since) in
 * its container, for ffmpeg to decode; or why there is none, in the words of the session's state.
 */
export type CurrentPicture = { ok: true; units: Buffer[]; container: Container } | { ok: false; why: string };
