/**
 * Pressure judged over a window, tile by tile: the wall's signal for the ladder (ladder.ts).
 *
 * One reading says little. A decoder that skips to the next keyframe once (a GOP's frames counted
 * as dropped) stays in the 3 s rate window for three readings; sixteen tiles that each hiccup once
 * at different times, judged as one wall reading by reading, looked like pressure that never ended
 * (issue 16: 4 of 16 tiles a quiet PC holds were stepped to keyframes while the wall opened).
 * So a tile is under pressure only when most of its recent readings say so, and not during its
 * opening (first frames, decoder warming, the page laying out sixteen tiles at once).
 *
 * Hysteresis: stepping down needs sustained pressure on one tile; the wall is calm, and stepped
 * tiles may come back, only when no tile has shown any pressure over its whole window. The
 * machine's CPU is not part of either: a village PC always runs something else, and a busy CPU
 * that still shows every frame is a wall that holds.
 */
import type { PressureSignal } from './ladder';
import { DEFAULT_THRESHOLDS, tileFinding, type PressureThresholds, type TileObservation } from './pressure';

export interface JudgeConfig {
  /** Readings remembered per tile (one a second). */
  windowReadings: number;
  /** A tile is under sustained pressure when at least this many of its remembered readings say so. */
  sustainedReadings: number;
  /** A tile's readings count only from this long after it joined the wall: its opening is not overload. */
  openingMs: number;
}

export const DEFAULT_JUDGE: JudgeConfig = {
  windowReadings: 8,
  // Six of eight: one keyframe skip (three readings) is not enough; skipping every few seconds is.
  sustainedReadings: 6,
  openingMs: 10_000,
};

export interface JudgedTile extends TileObservation {
  key: string;
}

interface History {
  joinedAt: number;
  /** The last readings' reasons: a string for pressure, null for anything else. */
  recent: (string | null)[];
}

export type WallSignal = PressureSignal & { reasons: string[] };

/** Keeps each tile's recent verdicts; call `judge` once per reading (about once a second). */
export class PressureJudge {
  private readonly tiles = new Map<string, History>();
  /** The levels the last readings were taken at: readings of another wall say nothing about this one. */
  private levels = '';

  constructor(
    private readonly config: JudgeConfig = DEFAULT_JUDGE,
    private readonly limits: PressureThresholds = DEFAULT_THRESHOLDS,
  ) {}

  judge(now: number, tiles: readonly JudgedTile[]): WallSignal {
    const present = new Set(tiles.map((tile) => tile.key));
    for (const key of this.tiles.keys()) if (!present.has(key)) this.tiles.delete(key);
    // A step (down or up) changes every tile's load: after one, pressure must be sustained anew,
    // or the readings from before the step would step a second tile for the first one's load.
    const levels = tiles.map((tile) => `${tile.key}=${tile.level}`).join(' ');
    if (levels !== this.levels) for (const history of this.tiles.values()) history.recent = [];
    this.levels = levels;
    const reasons: string[] = [];
    let pressured = 0;
    let anyPressure = false;
    for (const tile of tiles) {
      let history = this.tiles.get(tile.key);
      if (!history) {
        history = { joinedAt: now, recent: [] };
        this.tiles.set(tile.key, history);
      }
      const { verdict, why } = tileFinding(tile, this.limits);
      // Nothing to read (warming up, level just changed, stills): what came before says nothing
      // about the tile as it is now.
      if (verdict === 'unknown' || now - history.joinedAt < this.config.openingMs) {
        history.recent = [];
        continue;
      }
      history.recent = [...history.recent, verdict === 'pressure' ? why : null].slice(-this.config.windowReadings);
      const hits = history.recent.filter((reason) => reason !== null);
      if (hits.length > 0) anyPressure = true;
      if (hits.length >= this.config.sustainedReadings) {
        pressured++;
        reasons.push(`${tile.key}: ${hits.length}/${history.recent.length} s, ${hits.at(-1)}`);
      }
    }
    const high = pressured > 0;
    return { high, low: !anyPressure, pressured, reasons };
  }
}
