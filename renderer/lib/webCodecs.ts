/**
 * What both WebCodecs players (live and playback) need of Chromium beyond TypeScript's DOM types:
 * the breakout box that turns VideoFrames into a <video>'s picture, and whether this page has it.
 */

/** Chromium's breakout box: a video track fed with VideoFrames. */
export interface TrackGenerator extends MediaStreamTrack {
  readonly writable: WritableStream<VideoFrame>;
}
declare const MediaStreamTrackGenerator: { new (init: { kind: 'video' }): TrackGenerator } | undefined;

/** Whether this page can run a WebCodecs player (a secure context with both APIs). */
export function webCodecsAvailable(): boolean {
  return (
    typeof globalThis.isSecureContext === 'boolean' &&
    globalThis.isSecureContext &&
    typeof VideoDecoder === 'function' &&
    typeof EncodedVideoChunk === 'function' &&
    typeof MediaStreamTrackGenerator === 'function'
  );
}

/** A track generator shown in `video` (muted, playing), or null where Chromium has none. */
export function frameTrackInto(video: HTMLVideoElement): { generator: TrackGenerator; writer: WritableStreamDefaultWriter<VideoFrame> } | null {
  if (typeof MediaStreamTrackGenerator !== 'function') return null;
  const generator = new MediaStreamTrackGenerator({ kind: 'video' });
  video.srcObject = new MediaStream([generator]);
  void Promise.resolve(video.play()).catch(() => undefined);
  return { generator, writer: generator.writable.getWriter() };
}
