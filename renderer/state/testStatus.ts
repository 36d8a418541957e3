import type { StreamStatus } from '../../preload/api';

/** A stream status for tests: a main stream starting, with the fields given. */
export function testStatus(cameraId: string, over: Partial<StreamStatus> = {}): StreamStatus {
  return {
    cameraId,
    profile: 'main',
    state: 'starting',
    detail: null,
    since: 1,
    lastFrameAt: null,
    bitrateKbps: null,
    fps: null,
    width: null,
    height: null,
    codec: null,
    cameraCodec: null,
    transcoding: false,
    viewers: 1,
    attempt: 0,
    retryAt: null,
    ...over,
  };
}
