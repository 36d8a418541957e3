/**
 * Runs in the WebCodecs peer page (bundled by bench/lib/peer.ts): issue 16's "minimal WebCodecs
 * page". Each tile's FLV over its own WebSocket → the console's FLV demuxer (only a tag parser:
 * the engine's skip rules, budget and figures are not here) → `VideoDecoder` with
 * `optimizeForLatency` → each decoded frame presented as soon as it leaves the decoder, with no
 * queue, no pacing and no check of its own.
 *
 * Two ways to present (`data-present` on #wall):
 * - `video`: the frame is written to a MediaStreamTrackGenerator shown in the tile's
 *   `video[data-testid="tile-video"]`, so the bench's probe (requestVideoFrameCallback) reads it
 *   exactly as it reads the console's WebCodecs tile;
 * - `canvas`: the frame is drawn on the tile's 2D canvas (`canvas[data-testid="tile-canvas"]`), as
 *   the issue's page did; the probe cannot read a canvas, so its figure is the compositor's output
 *   only, and its drawn frames are counted in the probe's tile records for the fps columns.
 */
import type { TileRecord } from './pageProbe';
import { FlvDemuxer } from '../../renderer/features/wall/webcodecs/flvDemuxer';
import { frameTrackInto } from '../../renderer/lib/webCodecs';

type Present = (frame: VideoFrame) => void;

function videoPresenter(tile: HTMLElement): Present {
  const video = tile.querySelector<HTMLVideoElement>('video[data-testid="tile-video"]')!;
  const track = frameTrackInto(video);
  if (!track) throw new Error('wcpeer: this Chromium has no MediaStreamTrackGenerator');
  return (frame) => void track.writer.write(frame).catch(() => frame.close());
}

function canvasPresenter(tile: HTMLElement): Present {
  const canvas = tile.querySelector<HTMLCanvasElement>('canvas[data-testid="tile-canvas"]')!;
  const context = canvas.getContext('2d')!;
  // The probe's own record shape, so the bench's first-frame wait and fps columns count drawn frames.
  const record: TileRecord = { index: Number(tile.dataset.index), cameraId: tile.dataset.cameraId ?? '', mountAt: Date.now(), firstAt: null, frames: 0, goneAt: null };
  window.__vwBench?.tiles.push(record);
  return (frame) => {
    if (canvas.width !== frame.displayWidth || canvas.height !== frame.displayHeight) {
      canvas.width = frame.displayWidth;
      canvas.height = frame.displayHeight;
    }
    context.drawImage(frame, 0, 0);
    frame.close();
    record.frames++;
    record.firstAt ??= Date.now();
  };
}

function playTile(tile: HTMLElement, present: Present): void {
  const demuxer = new FlvDemuxer();
  let configured = false;
  let waitingForKey = true;
  const decoder = new VideoDecoder({ output: present, error: (error) => console.error(`wcpeer tile ${tile.dataset.index}: ${error.message}`) });
  const socket = new WebSocket(`ws://${location.host}/tile/${tile.dataset.index}`);
  socket.binaryType = 'arraybuffer';
  socket.onmessage = (message) => {
    for (const item of demuxer.push(new Uint8Array(message.data as ArrayBuffer))) {
      if (item.kind === 'config' && !configured) {
        decoder.configure({ codec: item.codec, description: item.description, optimizeForLatency: true });
        configured = true;
      } else if (item.kind === 'picture' && configured && (item.key || !waitingForKey)) {
        waitingForKey = false;
        decoder.decode(new EncodedVideoChunk({ type: item.key ? 'key' : 'delta', timestamp: item.pts * 1000, data: item.data }));
      }
    }
  };
}

const wall = document.getElementById('wall')!;
const mode = wall.dataset.present;
for (const tile of wall.querySelectorAll<HTMLElement>('[data-testid="tile"][data-camera-id]')) {
  playTile(tile, mode === 'canvas' ? canvasPresenter(tile) : videoPresenter(tile));
}
