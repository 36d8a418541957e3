import type { BeyondCap } from '../../../preload/api';

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
 * Under sustained pressure tiles step down one level at a time, breadth first: the least degraded
 * of the tiles below the best-ranked one (the lowest-ranked among equals), so the wall goes to
 * keyframes before any tile goes to stills, and the maximized or selected tile steps down only
 * when no other tile can. The more tiles struggle, the more steps per decision tick (up to 4).
 * After a sustained calm (hysteresis) the most degraded tile steps up one level (the best-ranked
 * among equals): stills come back first. A step up that
 * brings pressure back soon after is undone by one step down (not by as many as the struggling
 * tiles would ask for) and doubles the calm needed before the next one (up to 5 min), so a wall
 * at the edge of its PC settles instead of flapping. A pinned tile never steps down. A per-console budget of at most N full-rate tiles (levels 0 and 1) puts tiles
 * beyond the N best-ranked ones at level 2 or lower (or at 3, when the console's rule says tiles
 * beyond the cap show stills), whatever the pressure.
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
  /**
   * Whether level 2 is offered: keyframes only are paced for FLV players; an H.265 stream passed
   * through in MPEG-TS would hold each picture back a GOP, so such a tile goes to stills instead.
   */
  hasKeyframeStep: boolean;
}

/** What the pressure meter concluded for one tick. Neither high nor low: hold. */
export interface PressureSignal {
  /** Sustained pressure (judge.ts): a tile presenting too few frames, dropping, or falling behind, over most of its window. */
  high: boolean;
  /** No tile has shown any pressure over its window: stepped tiles may come back. */
  low: boolean;
  /** How many tiles are under clear pressure: more steps per tick when many are. */
  pressured?: number;
}

export interface LadderConfig {
  /** Pressure must hold this long before the first step down. */
  sustainMs: number;
  /** At most one step down per this long (the decision tick). */
  stepDownEveryMs: number;
  /** Calm must hold this long before each step up (at first). */
  recoverAfterMs: number;
  /** Pressure again this soon after a step up: that step was too much, wait twice as long next time. */
  flapWindowMs: number;
  /** The longest calm a step up ever waits for. */
  maxRecoverMs: number;
}

// One step down every 3 s: a tile's frame rate is read over 3 s, so each step shows before the next.
export const DEFAULT_LADDER: LadderConfig = {
  sustainMs: 4000,
  stepDownEveryMs: 3000,
  recoverAfterMs: 10_000,
  flapWindowMs: 30_000,
  maxRecoverMs: 300_000,
};

export interface LadderState {
  /** Levels chosen because of pressure, by tile key (missing: 0). */
  stepped: Readonly<Record<string, Level>>;
  pressureSince: number | null;
  calmSince: number | null;
  lastStepAt: number;
  lastUpAt: number;
  /** The calm the next step up waits for: grows when steps up bring pressure back. */
  recoverMs: number;
}

export const initialLadder = (config: LadderConfig = DEFAULT_LADDER): LadderState => ({
  stepped: {},
  pressureSince: null,
  calmSince: null,
  lastStepAt: -Infinity,
  lastUpAt: -Infinity,
  recoverMs: config.recoverAfterMs,
});

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

/**
 * The lowest level the budget allows each tile: 0 for the best-ranked N full-rate tiles and pinned
 * ones, else keyframes only (2) or, where the rule says so or the tile has no keyframe step, stills (3).
 */
export function budgetFloors(ranked: readonly TileFacts[], maxFullRate: number | null, beyondCap: BeyondCap = 'keyframes'): Record<string, Level> {
  const floors: Record<string, Level> = {};
  // Pinned tiles stay at full rate wherever they rank: they take their places first.
  let full = ranked.filter((tile) => tile.pinned).length;
  for (const tile of ranked) {
    if (tile.pinned) {
      floors[tile.key] = 0;
      continue;
    }
    // A tile stepped down for pressure keeps its full-rate place: stepping it down must lower
    // the load, not hand its place to the next tile.
    if (maxFullRate === null || full < maxFullRate) {
      floors[tile.key] = 0;
      full++;
    } else floors[tile.key] = tile.hasKeyframeStep && beyondCap === 'keyframes' ? 2 : 3;
  }
  return floors;
}

type Steps = Pick<TileFacts, 'hasSubStep' | 'hasKeyframeStep'>;

/** The levels a tile can be at, best first. */
function ladderOf({ hasSubStep, hasKeyframeStep }: Steps): Level[] {
  return LEVELS.filter((level) => (level !== 1 || hasSubStep) && (level !== 2 || hasKeyframeStep));
}

export function stepDown(level: Level, steps: Steps): Level {
  return ladderOf(steps).find((next) => next > level) ?? 3;
}

export function stepUp(level: Level, steps: Steps): Level {
  return [...ladderOf(steps)].reverse().find((next) => next < level) ?? 0;
}

const levelOf = (levels: Readonly<Record<string, Level>>, tile: TileFacts): Level => levels[tile.key] ?? 0;

/** The next tile to step down (see the top of this file), or none when every tile is at stills or pinned. */
export function nextToStepDown(tiles: readonly TileFacts[], levels: Readonly<Record<string, Level>>): TileFacts | undefined {
  const ranked = rankTiles(tiles);
  const open = (tile: TileFacts) => !tile.pinned && levelOf(levels, tile) < 3;
  const others = ranked.slice(1).filter(open);
  const pool = others.length > 0 ? others : ranked.slice(0, 1).filter(open);
  // In rank order, `<=` keeps the last (lowest-ranked) of the least degraded.
  return pool.reduce<TileFacts | undefined>((pick, tile) => (pick === undefined || levelOf(levels, tile) <= levelOf(levels, pick) ? tile : pick), undefined);
}

/** The next tile to step up: the most degraded above its budget floor, the best-ranked among equals. */
export function nextToStepUp(tiles: readonly TileFacts[], stepped: Readonly<Record<string, Level>>, floors: Readonly<Record<string, Level>>): TileFacts | undefined {
  const degraded = rankTiles(tiles).filter((tile) => levelOf(stepped, tile) > (floors[tile.key] ?? 0));
  return degraded.reduce<TileFacts | undefined>((pick, tile) => (pick === undefined || levelOf(stepped, tile) > levelOf(stepped, pick) ? tile : pick), undefined);
}

/** Steps per decision tick: one, and one more for every four tiles under clear pressure, up to 4. */
const stepsFor = (pressure: PressureSignal) => Math.min(4, Math.max(1, Math.ceil((pressure.pressured ?? 0) / 4)));

/** The level each tile shows: its pressure level, no better than the budget allows; 0 when pinned. */
export function effectiveLevels(tiles: readonly TileFacts[], state: LadderState, maxFullRate: number | null, beyondCap: BeyondCap = 'keyframes'): Record<string, Level> {
  const ranked = rankTiles(tiles);
  const floors = budgetFloors(ranked, maxFullRate, beyondCap);
  const levels: Record<string, Level> = {};
  for (const tile of ranked) {
    const stepped = tile.pinned ? 0 : (state.stepped[tile.key] ?? 0);
    let level = Math.max(stepped, floors[tile.key] ?? 0) as Level;
    // A level the tile does not offer: 1 shows the same as 0; 2 becomes stills.
    if (level === 1 && !tile.hasSubStep) level = 0;
    if (level === 2 && !tile.hasKeyframeStep) level = 3;
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
  input: { now: number; tiles: readonly TileFacts[]; pressure: PressureSignal; maxFullRate: number | null; beyondCap?: BeyondCap },
  config: LadderConfig = DEFAULT_LADDER,
): LadderState {
  const { now, tiles, pressure, maxFullRate, beyondCap = 'keyframes' } = input;
  // Forget tiles that left the wall, pinned tiles' steps, and steps the cap holds a tile at anyway
  // (left over, they would keep the ladder from ever starting afresh).
  const floors = budgetFloors(rankTiles(tiles), maxFullRate, beyondCap);
  const stepped: Record<string, Level> = {};
  for (const tile of tiles) {
    const level = state.stepped[tile.key];
    if (level !== undefined && level > (floors[tile.key] ?? 0) && !tile.pinned) stepped[tile.key] = level;
  }
  let next: LadderState = { ...state, stepped };

  if (pressure.high) {
    next.calmSince = null;
    next.pressureSince = state.pressureSince ?? now;
    if (now - next.pressureSince >= config.sustainMs && now - state.lastStepAt >= config.stepDownEveryMs) {
      // Pressure back soon after a step up: undo that one step, no more (it was the one too many).
      const steps = now - state.lastUpAt < config.flapWindowMs ? 1 : stepsFor(pressure);
      for (let step = 0; step < steps; step++) {
        const levels = effectiveLevels(tiles, next, maxFullRate, beyondCap);
        const victim = nextToStepDown(tiles, levels);
        if (!victim) break;
        next.stepped = { ...next.stepped, [victim.key]: stepDown(levelOf(levels, victim), victim) };
        next.lastStepAt = now;
        if (now - next.lastUpAt < config.flapWindowMs) {
          // Once per flap: the step up that brought the pressure back is forgiven after this.
          next.recoverMs = Math.min(next.recoverMs * 2, config.maxRecoverMs);
          next.lastUpAt = -Infinity;
        }
      }
    }
  } else if (pressure.low) {
    next.pressureSince = null;
    next.calmSince = state.calmSince ?? now;
    if (Object.keys(stepped).length === 0) next.recoverMs = config.recoverAfterMs; // all recovered: start afresh
    if (now - next.calmSince >= next.recoverMs) {
      const lucky = nextToStepUp(tiles, stepped, floors);
      if (lucky) {
        const level = stepUp(stepped[lucky.key]!, lucky);
        const copy = { ...stepped };
        if (level <= (floors[lucky.key] ?? 0)) delete copy[lucky.key];
        else copy[lucky.key] = level;
        next.stepped = copy;
        next.lastStepAt = now;
        next.lastUpAt = now;
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
  if (a.lastUpAt !== b.lastUpAt || a.recoverMs !== b.recoverMs) return false;
  const ka = Object.keys(a.stepped);
  const kb = Object.keys(b.stepped);
  return ka.length === kb.length && ka.every((key) => a.stepped[key] === b.stepped[key]);
}

/** Grid cells covered by a CSS grid-area "row / col / span rows / span cols". */
export function areaOf(gridArea: string): number {
  const spans = [...gridArea.matchAll(/span\s+(\d+)/g)].map((m) => Number(m[1]));
  return (spans[0] ?? 1) * (spans[1] ?? 1);
}
