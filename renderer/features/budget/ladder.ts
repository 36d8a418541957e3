/**
 * The decode budget's decisions, kept pure (no DOM, no timers) so they can be tested over recorded
 * pressure traces.
 *
 * A tile's level:
 *   0  full: the stream the tile would show anyway
 *   1  sub stream (skipped when the tile already shows the sub stream or the camera has none)
 *   2  keyframes only, about 1 picture a second. A "reduced frame rate" step between 1 and 2 is not
 *      possible without re-encoding: the cameras send H.264 without B-frames, so every P-frame is a
 *      reference for the next one and none can be left out; only whole GOPs (keyframes) can.
 *   3  a still picture, refreshed every few seconds: no decoder at all.
 *
 * Under sustained pressure the lowest-ranked tile steps down one level per decision tick; after a
 * sustained calm (hysteresis) the highest-ranked degraded tile steps up one level. A pinned tile
 * never steps down. A per-console budget of at most N full-rate tiles (levels 0 and 1) puts tiles
 * beyond the N best-ranked ones at level 2 or lower, whatever the pressure.
 */

export type Level = 0 | 1 | 2 | 3;
export const LEVELS: readonly Level[] = [0, 1, 2, 3];

export interface TileFacts {
  /** Stable while the tile shows the same camera in the same place. */
  key: string;
  maximized: boolean;
  selected: boolean;
  /** Grid cells the tile covers (row span × column span). */
  area: number;
  /** On a running tour's step, or showing an alarm. */
  featured: boolean;
  /** "保持全画质": never stepped down, by pressure or by the budget. */
  pinned: boolean;
  /** Whether level 1 changes anything: the tile shows the main stream and the camera has a sub stream. */
  hasSubStep: boolean;
}

/** What the pressure meter concluded for one tick. Neither high nor low: hold. */
export interface PressureSignal {
  /** Clear pressure now: a tile presenting too few frames, dropping, falling behind, or CPU high. */
  high: boolean;
  /** Everything comfortably below the recover thresholds. */
  low: boolean;
}

export interface LadderConfig {
  /** Pressure must hold this long before the first step down. */
  sustainMs: number;
  /** At most one step down per this long (the decision tick). */
  stepDownEveryMs: number;
  /** Calm must hold this long before each step up. */
  recoverAfterMs: number;
}

export const DEFAULT_LADDER: LadderConfig = {
  sustainMs: 4000,
  stepDownEveryMs: 2000,
  recoverAfterMs: 10_000,
};

export interface LadderState {
  /** Levels chosen because of pressure, by tile key (missing: 0). */
  stepped: Readonly<Record<string, Level>>;
  pressureSince: number | null;
  calmSince: number | null;
  lastStepAt: number;
}

export const initialLadder = (): LadderState => ({ stepped: {}, pressureSince: null, calmSince: null, lastStepAt: -Infinity });

/** Rank: maximized, then selected, then larger, then featured (tour step / alarm), then wall order. */
export function rankTiles(tiles: readonly TileFacts[]): TileFacts[] {
  return tiles
    .map((tile, order) => ({ tile, order }))
    .sort(
      (a, b) =>
        Number(b.tile.maximized) - Number(a.tile.maximized) ||
        Number(b.tile.selected) - Number(a.tile.selected) ||
        b.tile.area - a.tile.area ||
        Number(b.tile.featured) - Number(a.tile.featured) ||
        a.order - b.order,
    )
    .map(({ tile }) => tile);
}

/** The lowest level the budget allows each tile: 0 for the best-ranked N full-rate tiles and pinned ones, else 2. */
export function budgetFloors(ranked: readonly TileFacts[], stepped: Readonly<Record<string, Level>>, maxFullRate: number | null): Record<string, Level> {
  const floors: Record<string, Level> = {};
  // Pinned tiles stay at full rate wherever they rank: they take their places first.
  let full = ranked.filter((tile) => tile.pinned).length;
  for (const tile of ranked) {
    if (tile.pinned) {
      floors[tile.key] = 0;
      continue;
    }
    // A tile already at keyframes or stills for pressure takes no full-rate place.
    if ((stepped[tile.key] ?? 0) >= 2) {
      floors[tile.key] = 0;
      continue;
    }
    if (maxFullRate === null || full < maxFullRate) {
      floors[tile.key] = 0;
      full++;
    } else floors[tile.key] = 2;
  }
  return floors;
}

export function stepDown(level: Level, hasSubStep: boolean): Level {
  if (level === 0) return hasSubStep ? 1 : 2;
  return level >= 2 ? 3 : 2;
}

export function stepUp(level: Level, hasSubStep: boolean): Level {
  if (level === 3) return 2;
  if (level === 2) return hasSubStep ? 1 : 0;
  return 0;
}

/** The level each tile shows: its pressure level, no better than the budget allows; 0 when pinned. */
export function effectiveLevels(tiles: readonly TileFacts[], state: LadderState, maxFullRate: number | null): Record<string, Level> {
  const ranked = rankTiles(tiles);
  const floors = budgetFloors(ranked, state.stepped, maxFullRate);
  const levels: Record<string, Level> = {};
  for (const tile of ranked) {
    const stepped = tile.pinned ? 0 : (state.stepped[tile.key] ?? 0);
    let level = Math.max(stepped, floors[tile.key] ?? 0) as Level;
    // Level 1 means nothing for a tile without a sub step: it shows the same as 0.
    if (level === 1 && !tile.hasSubStep) level = 0;
    levels[tile.key] = level;
  }
  return levels;
}

/**
 * One decision tick. Returns the next state (the same object when nothing changed).
 * Call it every tick (e.g. each second); it steps at most once per `stepDownEveryMs` / `recoverAfterMs`.
 */
export function decide(
  state: LadderState,
  input: { now: number; tiles: readonly TileFacts[]; pressure: PressureSignal; maxFullRate: number | null },
  config: LadderConfig = DEFAULT_LADDER,
): LadderState {
  const { now, tiles, pressure, maxFullRate } = input;
  // Forget tiles that left the wall, and pinned tiles' steps.
  const stepped: Record<string, Level> = {};
  for (const tile of tiles) {
    const level = state.stepped[tile.key];
    if (level !== undefined && level > 0 && !tile.pinned) stepped[tile.key] = level;
  }
  let next: LadderState = { ...state, stepped };

  if (pressure.high) {
    next.calmSince = null;
    next.pressureSince = state.pressureSince ?? now;
    if (now - next.pressureSince >= config.sustainMs && now - state.lastStepAt >= config.stepDownEveryMs) {
      const levels = effectiveLevels(tiles, next, maxFullRate);
      const victim = [...rankTiles(tiles)].reverse().find((tile) => !tile.pinned && (levels[tile.key] ?? 0) < 3);
      if (victim) {
        next.stepped = { ...stepped, [victim.key]: stepDown(levels[victim.key] ?? 0, victim.hasSubStep) };
        next.lastStepAt = now;
      }
    }
  } else if (pressure.low) {
    next.pressureSince = null;
    next.calmSince = state.calmSince ?? now;
    if (now - next.calmSince >= config.recoverAfterMs) {
      const floors = budgetFloors(rankTiles(tiles), stepped, maxFullRate);
      const lucky = rankTiles(tiles).find((tile) => (stepped[tile.key] ?? 0) > (floors[tile.key] ?? 0));
      if (lucky) {
        const level = stepUp(stepped[lucky.key]!, lucky.hasSubStep);
        const copy = { ...stepped };
        if (level === 0) delete copy[lucky.key];
        else copy[lucky.key] = level;
        next.stepped = copy;
        next.lastStepAt = now;
      }
      // Each step up needs a whole calm window of its own.
      next.calmSince = now;
    }
  } else {
    next.pressureSince = null;
    next.calmSince = null;
  }

  if (sameState(state, next)) next = state;
  return next;
}

function sameState(a: LadderState, b: LadderState): boolean {
  if (a.pressureSince !== b.pressureSince || a.calmSince !== b.calmSince || a.lastStepAt !== b.lastStepAt) return false;
  const ka = Object.keys(a.stepped);
  const kb = Object.keys(b.stepped);
  return ka.length === kb.length && ka.every((key) => a.stepped[key] === b.stepped[key]);
}

/** Grid cells covered by a CSS grid-area "row / col / span rows / span cols". */
export function areaOf(gridArea: string): number {
  const spans = [...gridArea.matchAll(/span\s+(\d+)/g)].map((m) => Number(m[1]));
  return (spans[0] ?? 1) * (spans[1] ?? 1);
}
