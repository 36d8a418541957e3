import type { WallApi } from '../../../preload/api';
import { Observable } from '../../lib/observable';
import { decide, effectiveLevels, initialLadder, type LadderState, type Level, type TileFacts } from './ladder';
import { pressureSignal, TileMeter, type Load, type ProbedVideo, type TileObservation } from './pressure';

export interface BudgetTile {
  facts(): TileFacts;
  /** The video in front, if a player runs. */
  video(): ProbedVideo | null;
  /** The source's frame rate, from the host's status. */
  sourceFps(): number | null;
}

const TICK_MS = 1000;
const LOAD_EVERY_MS = 5000;
const MAX_FULL_KEY = 'villageWall.budget.maxFullRate';
const PINNED_KEY = 'villageWall.budget.pinned';

function readStorage(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // No storage: the setting lasts for this session only.
  }
}

export interface BudgetSettings {
  /** At most this many tiles at full rate (levels 0–1); null: no limit. */
  maxFullRate: number | null;
  /** Cameras kept at full quality ("保持全画质"). */
  pinned: ReadonlySet<string>;
}

function loadSettings(): BudgetSettings {
  const raw = Number(readStorage(MAX_FULL_KEY));
  const maxFullRate = readStorage(MAX_FULL_KEY) !== null && Number.isInteger(raw) && raw >= 0 ? raw : null;
  let pinned: string[] = [];
  try {
    const parsed: unknown = JSON.parse(readStorage(PINNED_KEY) ?? '[]');
    if (Array.isArray(parsed)) pinned = parsed.filter((item): item is string => typeof item === 'string');
  } catch {
    pinned = [];
  }
  return { maxFullRate, pinned: new Set(pinned) };
}

/**
 * One per console: measures the wall's tiles once a second, decides each tile's level with the
 * ladder, and publishes the levels. Runs only while tiles are registered.
 */
export class BudgetController {
  readonly levels = new Observable<Readonly<Record<string, Level>>>({});
  readonly settings = new Observable<BudgetSettings>(loadSettings());
  private readonly tiles = new Map<string, { tile: BudgetTile; meter: TileMeter }>();
  private ladder: LadderState = initialLadder();
  private timer: ReturnType<typeof setInterval> | undefined;
  private load: Load | null = null;
  private lastLoadAt = -Infinity;

  constructor(private readonly api: WallApi) {}

  register(key: string, tile: BudgetTile): () => void {
    this.tiles.set(key, { tile, meter: new TileMeter() });
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
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

  setMaxFullRate(value: number | null): void {
    writeStorage(MAX_FULL_KEY, value === null ? null : String(value));
    this.settings.update((s) => ({ ...s, maxFullRate: value }));
    this.publish();
  }

  pin(cameraId: string, pinned: boolean): void {
    const next = new Set(this.settings.get().pinned);
    if (pinned) next.add(cameraId);
    else next.delete(cameraId);
    writeStorage(PINNED_KEY, JSON.stringify([...next]));
    this.settings.update((s) => ({ ...s, pinned: next }));
    this.publish();
  }

  /** Re-reads the tiles' facts now (selection, size, pin changed) instead of at the next tick. */
  publish(): void {
    const facts = [...this.tiles.values()].map(({ tile }) => tile.facts());
    this.setLevels(effectiveLevels(facts, this.ladder, this.settings.get().maxFullRate));
  }

  private tick(): void {
    const now = Date.now();
    if (now - this.lastLoadAt >= LOAD_EVERY_MS) {
      this.lastLoadAt = now;
      void this.api.invoke('health.load').then(
        (result) => {
          this.load = result.ok ? result.value : null;
        },
        () => {
          this.load = null;
        },
      );
    }
    // A hidden window paints nothing: its frame counts say nothing about decoding.
    if (globalThis.document?.hidden) return;
    const levels = this.levels.get();
    const entries = [...this.tiles.entries()];
    const observations: TileObservation[] = entries.map(([key, { tile, meter }]) => ({
      reading: meter.read(tile.video(), now),
      sourceFps: tile.sourceFps(),
      level: levels[key] ?? 0,
    }));
    const facts = entries.map(([, { tile }]) => tile.facts());
    const maxFullRate = this.settings.get().maxFullRate;
    this.ladder = decide(this.ladder, { now, tiles: facts, pressure: pressureSignal(observations, this.load), maxFullRate });
    this.setLevels(effectiveLevels(facts, this.ladder, maxFullRate));
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
