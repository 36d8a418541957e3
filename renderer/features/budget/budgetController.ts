import type { BeyondCap, BudgetRule, BudgetSettingsView, PlayerChoice, WallApi } from '../../../preload/api';
import { Observable } from '../../lib/observable';
import { decide, effectiveLevels, initialLadder, type LadderState, type Level, type TileFacts } from './ladder';
import { PressureJudge, type JudgedTile } from './judge';
import { TileMeter, type ProbedVideo } from './pressure';

export interface BudgetTile {
  facts(): TileFacts;
  /** The video in front, if a player runs. */
  video(): ProbedVideo | null;
  /** The source's frame rate, from the host's status. */
  sourceFps(): number | null;
}

const TICK_MS = 1000;
/** Settings come pushed (`budget.changed`); reading them now and then also covers a push missed while the line was down. */
const SETTINGS_EVERY_MS = 60_000;

export interface BudgetSettings {
  /** Step tiles down and up by measured pressure. */
  auto: boolean;
  /** At most this many tiles at full rate (levels 0–1); null: no limit. */
  maxFullRate: number | null;
  /** Cameras kept at full quality ("保持全画质"). */
  pinned: ReadonlySet<string>;
  /** Which player shows live pictures (自动 / 低延迟 / 兼容). */
  player: PlayerChoice;
  /** What tiles beyond the cap show: keyframes only, or a still picture. */
  beyondCap: BeyondCap;
  /**
   * Main has answered (or could not be asked): until then `player` is only the default, and a
   * tile that opened on it would open again, with the other engine, when the console's choice came.
   */
  known: boolean;
}

const settingsOf = (view: BudgetSettingsView): BudgetSettings => ({ auto: view.auto, maxFullRate: view.maxFullRate, pinned: new Set(view.pinned), player: view.player ?? 'auto', beyondCap: view.beyondCap ?? 'keyframes', known: true });

/**
 * One per console: measures the wall's tiles once a second, decides each tile's level with the
 * ladder, and publishes the levels. Runs only while tiles are registered. The settings live in
 * main (one per console, whichever window or browser shows it) and follow `budget.changed`.
 */
export class BudgetController {
  readonly levels = new Observable<Readonly<Record<string, Level>>>({});
  /**
   * Why each tile's pressure level last changed, for `data-budget-reason` (technical detail, not a
   * UI string): the seconds since the wall opened and the figures that made the step.
   */
  readonly reasons = new Observable<Readonly<Record<string, string>>>({});
  readonly settings = new Observable<BudgetSettings>({ auto: true, maxFullRate: null, pinned: new Set(), player: 'auto', beyondCap: 'keyframes', known: false });
  private readonly tiles = new Map<string, { tile: BudgetTile; meter: TileMeter; level: Level }>();
  private ladder: LadderState = initialLadder();
  private readonly judge = new PressureJudge();
  private timer: ReturnType<typeof setInterval> | undefined;
  /** When the timer started: the wall opened (the reasons say how long after). */
  private openedAt = 0;
  private lastSettingsAt = Date.now();

  constructor(private readonly api: WallApi) {
    api.on('budget.changed', (view) => this.apply(view));
    this.readSettings();
  }

  private readSettings(): void {
    void this.api.invoke('budget.get').then(
      (result) => (result.ok ? this.apply(result.value) : this.knowDefaults()),
      () => this.knowDefaults(), // the line is down: the next reading tries again
    );
  }

  register(key: string, tile: BudgetTile): () => void {
    this.tiles.set(key, { tile, meter: new TileMeter(), level: this.levels.get()[key] ?? 0 });
    if (this.timer === undefined) {
      this.openedAt = Date.now();
      this.timer = setInterval(() => this.tick(), TICK_MS);
    }
    this.publish();
    return () => {
      if (this.tiles.get(key)?.tile !== tile) return;
      this.tiles.delete(key);
      if (this.tiles.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
      this.publish();
    };
  }

  /** The console's rule (admins; main refuses others). Resolves to the refusal's message, or null. */
  async setRule(rule: Partial<BudgetRule>): Promise<string | null> {
    const { auto, maxFullRate } = this.settings.get();
    const result = await this.api.invoke('budget.setRule', { auto, maxFullRate, ...rule });
    if (!result.ok) return result.message;
    this.apply(result.value);
    return null;
  }

  async pin(cameraId: string, pinned: boolean): Promise<void> {
    const result = await this.api.invoke('budget.pin', { cameraId, pinned });
    if (result.ok) this.apply(result.value);
  }

  /** Main could not say: the tiles play on the defaults rather than wait for the next reading. */
  private knowDefaults(): void {
    if (!this.settings.get().known) this.settings.set({ ...this.settings.get(), known: true });
  }

  private apply(view: BudgetSettingsView): void {
    const was = this.settings.get();
    const same = was.known && was.auto === view.auto && was.maxFullRate === view.maxFullRate && was.player === (view.player ?? 'auto') && was.beyondCap === (view.beyondCap ?? 'keyframes') && was.pinned.size === view.pinned.length && view.pinned.every((id) => was.pinned.has(id));
    if (same) return; // no re-render of every tile for a periodic read that changed nothing
    this.settings.set(settingsOf(view));
    if (was.auto && !view.auto) this.ladder = initialLadder(); // off: tiles leave their pressure levels
    this.publish();
  }

  /** Re-reads the tiles' facts now (selection, size, pin changed) instead of at the next tick. */
  publish(): void {
    const facts = [...this.tiles.values()].map(({ tile }) => tile.facts());
    const { maxFullRate, beyondCap } = this.settings.get();
    this.setLevels(effectiveLevels(facts, this.ladder, maxFullRate, beyondCap));
  }

  private tick(): void {
    const now = Date.now();
    if (now - this.lastSettingsAt >= SETTINGS_EVERY_MS) {
      this.lastSettingsAt = now;
      this.readSettings();
    }
    // A hidden window paints nothing: its frame counts say nothing about decoding.
    if (globalThis.document?.hidden) return;
    const levels = this.levels.get();
    const entries = [...this.tiles.entries()];
    const observations: JudgedTile[] = entries.map(([key, entry]) => {
      const level = levels[key] ?? 0;
      // A tile that just changed level still has the old level's frames in its rate window (and
      // full rate resumes only at the next keyframe): it warms up again before it is judged.
      if (entry.level !== level) entry.meter.reset();
      entry.level = level;
      return { reading: entry.meter.read(entry.tile.video(), now), sourceFps: entry.tile.sourceFps(), level, key };
    });
    const facts = entries.map(([, { tile }]) => tile.facts());
    const { maxFullRate, beyondCap, auto } = this.settings.get();
    if (auto) {
      const pressure = this.judge.judge(now, observations);
      const before = this.ladder;
      this.ladder = decide(before, { now, tiles: facts, pressure, maxFullRate, beyondCap });
      if (this.ladder !== before) this.noteReasons(before.stepped, now, pressure.reasons);
    }
    this.setLevels(effectiveLevels(facts, this.ladder, maxFullRate, beyondCap));
  }

  private noteReasons(before: Readonly<Record<string, Level>>, now: number, pressure: readonly string[]): void {
    const after = this.ladder.stepped;
    const at = `${Math.round((now - this.openedAt) / 1000)} s after opening`;
    const changed: Record<string, string> = {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const was = before[key] ?? 0;
      const is = after[key] ?? 0;
      if (is > was) changed[key] = `down ${was}→${is} at ${at}: ${pressure.join('; ') || '–'}`;
      else if (is < was) changed[key] = `up ${was}→${is} at ${at}`;
    }
    if (Object.keys(changed).length === 0) return;
    // Only tiles on the wall: a console runs for months, its tiles come and go.
    const kept = Object.entries(this.reasons.get()).filter(([key]) => this.tiles.has(key));
    this.reasons.set({ ...Object.fromEntries(kept), ...changed });
  }

  private setLevels(next: Record<string, Level>): void {
    const current = this.levels.get();
    const keys = Object.keys(next);
    if (keys.length === Object.keys(current).length && keys.every((key) => current[key] === next[key])) return;
    this.levels.set(next);
  }
}

const controllers = new WeakMap<WallApi, BudgetController>();

/** The console's controller (one per api connection). */
export function budgetFor(api: WallApi): BudgetController {
  let controller = controllers.get(api);
  if (!controller) {
    controller = new BudgetController(api);
    controllers.set(api, controller);
  }
  return controller;
}
