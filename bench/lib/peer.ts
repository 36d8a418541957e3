/**
 * The plain peers a township could run instead of the console: one `ffmpeg -c copy` per tile
 * pulling the camera itself, FLV over a WebSocket, and a bare page. Same cameras, same wall sizes,
 * measured by the same probe, in the same run as the console. The page is one of:
 * - `peer`: mpegts.js with liveSync;
 * - `wcpeer`: issue 16's minimal WebCodecs page (bench/lib/webCodecsPeerPage.ts), each decoded
 *   frame written at once to a MediaStreamTrackGenerator → `<video>`, read by the same probe;
 * - `wccanvas`: the same page drawing each decoded frame on a 2D canvas, read on the compositor's
 *   output only.
 *
 * The page marks its tiles as the console does (`data-testid="tile"`, `data-index`,
 * `data-camera-id`, `video[data-testid="tile-video"]`), so the bench's probe reads both alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { WebSocketServer } from 'ws';
import { COPY_INGEST_ARGS } from './floor.js';

export interface PeerTile {
  /** The console camera id the probe knows this picture by. */
  cameraId: string;
  url: string;
}

export interface Peer {
  url: string;
  /** The peer's ffmpeg processes now (one per open tile). */
  pids(): number[];
  close(): Promise<void>;
}

export type PeerKind = 'peer' | 'wcpeer' | 'wccanvas' | 'wctile';

const MPEGTS = readFileSync(createRequire(import.meta.url).resolve('mpegts.js/dist/mpegts.js'), 'utf8');

let webCodecsScript: Promise<string> | null = null;
/** The WebCodecs page's script, bundled once per bench process (it imports the console's FLV demuxer). */
function webCodecsPage(): Promise<string> {
  webCodecsScript ??= build({
    configFile: false,
    logLevel: 'silent',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    build: { write: false, minify: false, lib: { entry: fileURLToPath(new URL('./webCodecsPeerPage.ts', import.meta.url)), formats: ['iife'], name: 'wcPeer' } },
  }).then((out) => {
    const chunk = (Array.isArray(out) ? out[0] : out) as { output: { code?: string }[] };
    const code = chunk.output[0]?.code;
    if (!code) throw new Error('peer: the WebCodecs page did not bundle');
    return code;
  });
  return webCodecsScript;
}

/** liveSync as a careful integrator would set it (issue 16's plain page: target 0.05 s, max 0.15 s, rate 1.2). */
const PLAYER_CONFIG = {
  enableWorker: false,
  enableStashBuffer: false,
  liveSync: true,
  liveSyncTargetLatency: 0.05,
  liveSyncMaxLatency: 0.15,
  liveSyncPlaybackRate: 1.2,
  autoCleanupSourceBuffer: true,
};

/**
 * `wctile`: the console's tile box around the same picture (renderer/features/wall/wall.css: a
 * bordered, rounded, clipped tile, a name bar above the picture, a standby <video> rendered under
 * the front one), to tell in one run whether the box, not the player, is what sits between the
 * minimal page's <video> and the console's tile on the compositor's output.
 */
const TILE_BOX = `#wall>div{border:2px solid #1a212b;border-radius:4px;background:#000}
.bar{position:absolute;top:0;left:0;right:0;height:24px;background:#151b23;color:#c8d0da;font:12px sans-serif;padding:4px 8px;box-sizing:border-box}
.player{position:absolute;top:24px;left:0;right:0;bottom:0}.player video{position:absolute;inset:0;background:#000;z-index:0}.player video[data-front]{z-index:1}`;

function page(tiles: (PeerTile | null)[], kind: PeerKind): string {
  const side = Math.ceil(Math.sqrt(tiles.length));
  const video = '<video data-testid="tile-video" muted autoplay playsinline></video>';
  const picture =
    kind === 'wccanvas'
      ? '<canvas data-testid="tile-canvas"></canvas>'
      : kind === 'wctile'
        ? `<div class="bar">camera</div><div class="player"><video data-testid="tile-video-standby" muted></video>${video.replace('<video', '<video data-front')}</div>`
        : video;
  const cells = tiles
    .map((tile, i) => `<div data-testid="tile" data-index="${i}"${tile ? ` data-camera-id="${tile.cameraId}"` : ''}>${tile ? picture : ''}</div>`)
    .join('');
  const script =
    kind === 'peer'
      ? `<script src="/player.js"></script><script>
for (const tile of document.querySelectorAll('[data-testid="tile"]')) {
  const video = tile.querySelector('video'); if (!video) continue;
  const player = mpegts.createPlayer({ type: 'flv', isLive: true, url: 'ws://' + location.host + '/tile/' + tile.dataset.index }, ${JSON.stringify(PLAYER_CONFIG)});
  player.attachMediaElement(video); player.load(); player.play();
}
</script>`
      : '<script src="/player.js"></script>';
  return `<!doctype html><meta charset="utf-8"><title>peer</title>
<style>html,body{margin:0;height:100%;background:#000}#wall{display:grid;height:100%;grid-template-columns:repeat(${side},1fr);grid-template-rows:repeat(${side},1fr);gap:2px}
#wall>div{position:relative;overflow:hidden}video,canvas{width:100%;height:100%;object-fit:contain;background:#111}${kind === 'wctile' ? TILE_BOX : ''}</style>
<div id="wall" data-present="${kind === 'wccanvas' ? 'canvas' : 'video'}">${cells}</div>${script}`;
}

export async function startPeer(tiles: (PeerTile | null)[], kind: PeerKind = 'peer'): Promise<Peer> {
  const children = new Set<ChildProcess>();
  const html = page(tiles, kind);
  const player = kind === 'peer' ? MPEGTS : await webCodecsPage();
  const server: Server = createServer((request, response) => {
    if (request.url === '/player.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(player);
    if (request.url === '/') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    response.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  wss.on('connection', (socket, request) => {
    socket.on('error', () => {});
    const tile = tiles[Number(/^\/tile\/(\d+)$/.exec(request.url ?? '')?.[1] ?? -1)];
    if (!tile) return socket.close();
    // The console's own ingest flags, and nothing of the console after them.
    const ffmpeg = spawn('ffmpeg', COPY_INGEST_ARGS(tile.url), { stdio: ['ignore', 'pipe', 'ignore'] });
    children.add(ffmpeg);
    ffmpeg.once('exit', () => children.delete(ffmpeg));
    ffmpeg.stdout.on('data', (chunk: Buffer) => socket.readyState === socket.OPEN && socket.send(chunk));
    socket.once('close', () => ffmpeg.kill('SIGKILL'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    pids: () => [...children].map((child) => child.pid ?? -1).filter((pid) => pid > 0),
    async close() {
      for (const client of wss.clients) client.terminate();
      for (const child of children) child.kill('SIGKILL');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
