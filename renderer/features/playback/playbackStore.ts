/**
 * Which tiles play recorded video, and the one clock they follow. The wall has one clock; a tile
 * set free gets its own copy and follows that. One animation-frame loop ticks every tile's player
 * with the same `now`, so tiles on one clock ask for the same recorded instant.
 */
import { Observable } from '../../lib/observable';
import { positionAt, release, seek, setDirection, setPaused, startClock, stepSpeed, type ClockState } from './clock';

export interface PlaybackTile {
  cameraId: string;
  /** A tile set free follows its own clock; null: the wall's. */
  own: ClockState | null;
}

export interface PlaybackView {
  /** The wall's clock; null while every tile is live. */
  clock: ClockState | null;
  /** Tiles in playback, by their index on the wall. */
  tiles: ReadonlyMap<number, PlaybackTile>;
  /** The tile the bar and the keys act on (its own clock if free, else the wall's). */
  focus: number | null;
  /** A range chosen on a timeline, for export. */
  selection: { from: number; to: number } | null;
  /** "跳过无活动": quiet spans are jumped over while playing forward. */
  skipQuiet: boolean;
}

/** What the store asks of a tile's player: show the clock's instant; say which picture it shows. */
export interface Tickable {
  tick(clock: ClockState, now: number): void;
  readonly shown: number | null;
  nextPicture(): number | null;
  /** It shows the picture at the clock's position, or cannot (nothing recorded there, refused, retrying). */
  readonly ready: boolean;
}

/** A clock waits at most this long for its tiles' pictures: a tile that cannot show one does not hold the wall. */
export const WAIT_AT_MOST_MS = 3000;
/** The bar's and the timelines' cursor is refreshed this often (not every frame). */
const POSITION_EVERY_MS = 200;

const LIVE: PlaybackView = { clock: null, tiles: new Map(), focus: null, selection: null, skipQuiet: false };

export class PlaybackStore {
  readonly view = new Observable<PlaybackView>(LIVE);
  /** The focused clock's position, a few times a second. */
  readonly position = new Observable<number | null>(null);
  /** The time chooser is open: for the whole wall (tile null), or for one tile. */
  readonly asking = new Observable<{ tile: number | null } | null>(null);
  private readonly players = new Map<number, Tickable>();
  private frame: number | null = null;
  private lastPositionAt = -Infinity;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly schedule: { request(cb: () => void): number; cancel(id: number): void } = {
      request: (cb) => requestAnimationFrame(cb),
      cancel: (id) => cancelAnimationFrame(id),
    },
  ) {}

  /** 回放 for the whole wall at `atMs`: every tile with a camera follows one clock. */
  openWall(atMs: number, tiles: readonly (string | null)[]): void {
    const map = new Map<number, PlaybackTile>();
    tiles.forEach((cameraId, index) => cameraId !== null && map.set(index, { cameraId, own: null }));
    this.view.set({ ...LIVE, clock: startClock(atMs, this.now()), tiles: map, focus: map.size ? [...map.keys()][0]! : null });
  }

  /** 回放 for one tile at `atMs`: it joins the wall's clock, or starts it. */
  openTile(index: number, cameraId: string, atMs: number): void {
    const view = this.view.get();
    const tiles = new Map(view.tiles);
    if (view.clock === null) {
      tiles.set(index, { cameraId, own: null });
      return this.view.set({ ...LIVE, clock: startClock(atMs, this.now()), tiles, focus: index });
    }
    // The wall already plays back: this tile goes to its own time, free of the others.
    tiles.set(index, { cameraId, own: startClock(atMs, this.now()) });
    this.view.set({ ...view, tiles, focus: index });
  }

  /** One click: every tile back to live. */
  toLive(): void {
    this.view.set(LIVE);
    this.position.set(null);
  }

  /** A tile follows its own clock (from where the wall is now), or the wall's again. */
  setFree(index: number, free: boolean): void {
    const view = this.view.get();
    const tile = view.tiles.get(index);
    if (!tile || !view.clock || (tile.own !== null) === free) return;
    const tiles = new Map(view.tiles);
    const now = this.now();
    tiles.set(index, { ...tile, own: free ? seek(view.clock, positionAt(view.clock, now), now) : null });
    this.view.set({ ...view, tiles });
  }

  focus(index: number): void {
    const view = this.view.get();
    if (view.tiles.has(index) && view.focus !== index) this.view.set({ ...view, focus: index });
  }

  clockOf(index: number): ClockState | null {
    const view = this.view.get();
    const tile = view.tiles.get(index);
    return tile ? (tile.own ?? view.clock) : null;
  }

  /** The focused clock's recorded time now. */
  positionNow(): number | null {
    const clock = this.focusedClock();
    return clock ? positionAt(clock, this.now()) : null;
  }

  focusedClock(): ClockState | null {
    const view = this.view.get();
    return view.focus !== null ? this.clockOf(view.focus) : view.clock;
  }

  seek(atMs: number): void {
    this.changeClock((clock, now) => seek(clock, atMs, now));
  }

  togglePause(): void {
    this.changeClock((clock, now) => setPaused(clock, !clock.paused, now));
  }

  setDirection(direction: 1 | -1): void {
    this.changeClock((clock, now) => setPaused(setDirection(clock, direction, now), false, now));
  }

  stepSpeed(step: -1 | 1): void {
    this.changeClock((clock, now) => stepSpeed(clock, step, now));
  }

  /**
   * One picture forward or back on the focused tile, paused. Back is "just before the picture on
   * screen": the player decodes that GOP again if it no longer holds the picture before.
   */
  stepFrame(step: -1 | 1): void {
    const view = this.view.get();
    const player = view.focus !== null ? this.players.get(view.focus) : undefined;
    const clock = this.focusedClock();
    if (!clock) return;
    const now = this.now();
    const shown = player?.shown ?? positionAt(clock, now);
    const target = step > 0 ? (player?.nextPicture() ?? shown + 1000 / 15) : shown - 1;
    this.changeClock((c) => seek(setPaused(c, true, now), target, now));
  }

  /** A range for export: from the earlier to the later. */
  select(from: number, to: number): void {
    const view = this.view.get();
    this.view.set({ ...view, selection: from === to ? null : { from: Math.min(from, to), to: Math.max(from, to) } });
  }

  setSkipQuiet(on: boolean): void {
    this.view.set({ ...this.view.get(), skipQuiet: on });
  }

  /** Registers a tile's player for the ticks; the returned function unregisters it. */
  register(index: number, player: Tickable): () => void {
    this.players.set(index, player);
    this.loop();
    return () => {
      if (this.players.get(index) === player) this.players.delete(index);
      if (this.players.size === 0 && this.frame !== null) {
        this.schedule.cancel(this.frame);
        this.frame = null;
      }
    };
  }

  /** Ticks every player once with one `now` (the loop calls it; tests may too). */
  tick(): void {
    const now = this.now();
    for (const [index, player] of this.players) {
      const clock = this.clockOf(index);
      if (clock) player.tick(clock, now);
    }
    this.releaseWaitingClocks(now);
    if (now - this.lastPositionAt >= POSITION_EVERY_MS) {
      this.lastPositionAt = now;
      this.position.set(this.positionNow());
    }
  }

  private loop(): void {
    if (this.frame !== null) return;
    const run = () => {
      this.frame = null;
      if (this.players.size === 0) return;
      this.tick();
      this.frame = this.schedule.request(run);
    };
    this.frame = this.schedule.request(run);
  }

  /**
   * A clock set at T (opened, sought) runs once every tile following it that has a player shows
   * T's picture, so the first picture is T's, not T plus the time to fetch and decode it. Tiles
   * still opening their session do not hold it: they join the clock where it is, as late tiles do.
   */
  private releaseWaitingClocks(now: number): void {
    const view = this.view.get();
    const ready = (clock: ClockState | null, follows: (tile: PlaybackTile) => boolean): boolean => {
      if (!clock?.waiting || clock.paused) return false;
      if (now - clock.anchorAt >= WAIT_AT_MOST_MS) return true;
      const players = [...view.tiles].filter(([, tile]) => follows(tile)).map(([index]) => this.players.get(index));
      const registered = players.filter((player): player is Tickable => player !== undefined);
      return registered.length > 0 && registered.every((player) => player.ready);
    };
    const releaseWall = ready(view.clock, (tile) => tile.own === null);
    const freed = [...view.tiles].filter(([, tile]) => tile.own !== null && ready(tile.own, (other) => other === tile));
    if (!releaseWall && freed.length === 0) return;
    const tiles = new Map(view.tiles);
    for (const [index, tile] of freed) tiles.set(index, { ...tile, own: release(tile.own!, now) });
    this.view.set({ ...view, clock: releaseWall && view.clock ? release(view.clock, now) : view.clock, tiles });
  }

  /** Changes the focused clock: a free tile's own, else the wall's. */
  private changeClock(change: (clock: ClockState, now: number) => ClockState): void {
    const view = this.view.get();
    const now = this.now();
    const tile = view.focus !== null ? view.tiles.get(view.focus) : undefined;
    if (tile?.own) {
      const tiles = new Map(view.tiles);
      tiles.set(view.focus!, { ...tile, own: change(tile.own, now) });
      this.view.set({ ...view, tiles });
    } else if (view.clock) this.view.set({ ...view, clock: change(view.clock, now) });
    this.lastPositionAt = -Infinity;
    this.position.set(this.positionNow());
  }
}
