/** Bench settings from the environment, with the defaults of a full run on a quiet machine. */

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${raw}: expected a number ≥ 0`);
  return value;
}

function list(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const sizes = raw.split(',').map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((n) => ![1, 4, 9, 16].includes(n))) throw new Error(`${name}=${raw}: expected wall sizes among 1,4,9,16`);
  return sizes;
}

function players(name: string, fallback: ('webcodecs' | 'mpegts')[] = ['webcodecs', 'mpegts']): ('webcodecs' | 'mpegts')[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const chosen = raw.split(',').map((s) => s.trim());
  if (chosen.some((p) => p !== 'webcodecs' && p !== 'mpegts')) throw new Error(`${name}=${raw}: expected webcodecs and/or mpegts`);
  return chosen as ('webcodecs' | 'mpegts')[];
}

const PEERS = ['peer', 'wcpeer', 'wccanvas', 'wctile'] as const;
export type PeerName = (typeof PEERS)[number];

/** Which peer pages to measure: unset or 1 the first three (wctile is an A/B asked for by name), 0 none, or a list. */
function peers(name: string): PeerName[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '' || raw === '1') return ['peer', 'wcpeer', 'wccanvas'];
  if (raw === '0') return [];
  const chosen = raw.split(',').map((s) => s.trim());
  if (chosen.some((p) => !(PEERS as readonly string[]).includes(p))) throw new Error(`${name}=${raw}: expected 0, 1 or a list among ${PEERS.join(', ')}`);
  return chosen as PeerName[];
}

export const settings = {
  /** The console's players to measure, each with the same walls (the setting 低延迟 / 兼容). */
  players: players('BENCH_PLAYERS'),
  /**
   * The plain peer pages measured in the same run (bench/lib/peer.ts): `peer` mpegts.js with liveSync,
   * `wcpeer` issue 16's minimal WebCodecs page into a <video>, `wccanvas` the same drawn on a canvas
   * (read on the compositor's output only), `wctile` the <video> one inside the console's tile box
   * (an A/B, only when named). BENCH_PEER=0 skips them all.
   */
  peers: peers('BENCH_PEER'),
  /** Repetitions of each measurement; figures are medians across runs with min–max. */
  runs: Math.max(1, num('BENCH_RUNS', 3)),
  tiles: list('BENCH_TILES', [1, 4, 9, 16]),
  /** Seconds after every tile shows a picture before measuring (players settle their latency). */
  settleSeconds: num('BENCH_SETTLE_S', 10),
  measureSeconds: Math.max(2, num('BENCH_MEASURE_S', 30)),
  /** Seconds of the compositor's output (screencast) read after each scale window for the clock tile; 0 skips. */
  screenSeconds: num('BENCH_SCREEN_S', 4),
  /** Time-to-first-frame trials of each kind per run. */
  startTrials: Math.max(1, num('BENCH_START_TRIALS', 5)),
  driftMinutes: Math.max(1, num('BENCH_DRIFT_MIN', 30)),
  driftTiles: list('BENCH_DRIFT_TILES', [4])[0] ?? 4,
  /** The console's player during drift (its renderer memory over 30 minutes is issue 16's soak figure). */
  driftPlayer: players('BENCH_DRIFT_PLAYER', ['webcodecs'])[0]!,
  stallSeconds: num('BENCH_STALL_S', 10),
  /** How long to watch the clock tile after the stall ends. */
  recoverySeconds: Math.max(5, num('BENCH_RECOVERY_S', 30)),
  /** How long a wall may take to show a picture in every tile before the trial counts as failed. */
  firstFrameTimeoutSeconds: num('BENCH_FIRST_FRAME_TIMEOUT_S', 30),
};

export type Settings = typeof settings;
