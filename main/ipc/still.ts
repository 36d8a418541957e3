/**
 * A still of a camera as JPEG: the picture its running session has now, decoded by ffmpeg. Access
 * is checked by the caller (`stream.still`); this is the picture's part alone, so it can be tried
 * on a real engine.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Profile } from '../../preload/api.js';
import type { Container } from '../engine/container/mediaUnit.js';
import type { StreamEngine } from '../engine/session/streamEngine.js';
import { writeSnapshot } from '../evidence/snapshot.js';
import { ApiError } from './router.js';

const STILL_KEEP_WARM_MS = 15_000;

/** The camera's picture now as JPEG bytes; `unavailable` (`evidence:camera_not_live`, with why) when it has none. */
export async function stillJpeg(engine: StreamEngine, ffmpegPath: string | null, cameraId: string, profile: Profile): Promise<Buffer> {
  // Kept warm past the tile's next refresh (every 5 s), so stills do not restart the camera; the
  // keyframe alone is decoded.
  // Without ffmpeg no picture can be decoded (nor a session run): say so before waiting for one.
  if (!ffmpegPath) throw new ApiError('unavailable', 'evidence:camera_not_live', 'ffmpeg not found');
  const picture = await engine.currentPicture(engine.pictureRequest(cameraId, profile), { keepWarmMs: STILL_KEEP_WARM_MS, keyframeOnly: true });
  if (!picture.ok) throw new ApiError('unavailable', 'evidence:camera_not_live', picture.why);
  return decodeToJpeg(ffmpegPath, picture.units, picture.container);
}

/** The cached GOP decoded by ffmpeg into a temporary file, read back. */
async function decodeToJpeg(ffmpegPath: string, units: Buffer[], container: Container): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'vw-still-'));
  try {
    const path = join(dir, 'still.jpg');
    await writeSnapshot(ffmpegPath, units, container, path);
    return await readFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
