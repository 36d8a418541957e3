import type { WallApi, WallState } from '../../preload/api';
import { namedLayout, type Layout } from '../../preload/layouts';
import { Observable } from '../lib/observable';
import { failureOf, type Failure } from './failure';
import { fillFrom, fitTiles, neighbourTile, nextTile, swapTiles, withLayout, withoutCameras, withTile, type Direction } from './wallLayout';

export interface WallView {
  phase: 'loading' | 'ready' | 'failed';
  wall: WallState;
  selected: number;
  /** The tile filling the whole wall, if any (not saved: it is a way of looking, not the wall). */
  maximized: number | null;
  /** Cameras the operator wants on their main stream whatever the tile size. */
  pinnedMain: ReadonlySet<string>;
  /** How many cameras of the last village drop found no free tile (0: all fitted). */
  leftOut: number;
  loadError: Failure | null;
  saveError: Failure | null;
}

const START_LAYOUT = namedLayout('4')!;

/** The wall's layout and cameras, loaded with `wall.get` and saved with `wall.set` after every change. */
export class WallStore {
  readonly view = new Observable<WallView>({
    phase: 'loading',
    wall: { layout: START_LAYOUT, tiles: fitTiles([], START_LAYOUT.tiles.length) },
    selected: 0,
    maximized: null,
    pinnedMain: new Set(),
    leftOut: 0,
    loadError: null,
    saveError: null,
  });
  /** The wall's width in CSS px, kept up to date by the wall itself (for warming up a tour step). */
  widthPx = 0;
  private saveCount = 0;

  constructor(private readonly api: WallApi) {}

  async load(): Promise<void> {
    if (this.view.get().phase === 'ready') return;
    const result = await this.api.invoke('wall.get');
    if (this.view.get().phase === 'ready') return;
    if (result.ok) {
      const { layout, tiles } = result.value;
      const wall = { layout, tiles: fitTiles(tiles, layout.tiles.length) };
      this.view.update((v) => ({ ...v, phase: 'ready', wall, selected: 0, loadError: null }));
    } else {
      this.view.update((v) => ({ ...v, phase: 'failed', loadError: failureOf(result) }));
    }
  }

  select(index: number): void {
    this.view.update((v) => (v.selected === index ? v : { ...v, selected: index }));
  }

  moveSelection(direction: Direction): void {
    const { wall, selected, maximized } = this.view.get();
    if (maximized === null) this.select(neighbourTile(wall.layout, selected, direction));
  }

  setLayout(layout: Layout): void {
    const { wall, selected } = this.view.get();
    this.change(withLayout(wall, layout), selected < layout.tiles.length ? selected : 0);
  }

  assign(index: number, cameraId: string): void {
    const { wall } = this.view.get();
    this.change(withTile(wall, index, cameraId), nextTile(index, wall.layout.tiles.length));
  }

  assignToSelected(cameraId: string): void {
    this.assign(this.view.get().selected, cameraId);
  }

  /** A village (or any list of cameras) dropped on a tile. */
  fill(index: number, cameraIds: readonly string[]): void {
    const { wall, first, leftOut } = fillFrom(this.view.get().wall, index, cameraIds);
    this.change(wall, first < 0 ? index : first);
    this.view.update((v) => (v.leftOut === leftOut ? v : { ...v, leftOut }));
  }

  swap(from: number, to: number): void {
    this.change(swapTiles(this.view.get().wall, from, to), to);
  }

  clear(index: number): void {
    this.change(withTile(this.view.get().wall, index, null), index);
  }

  /** A whole new wall: a preset, or a tour step. */
  replace(wall: WallState): void {
    const selected = this.view.get().selected;
    this.change({ layout: wall.layout, tiles: fitTiles(wall.tiles, wall.layout.tiles.length) }, selected < wall.layout.tiles.length ? selected : 0);
  }

  /** Fills the wall with one tile (main stream, others stopped), or restores it with null. */
  maximize(index: number | null): void {
    this.view.update((v) => {
      const target = index !== null && index >= 0 && index < v.wall.tiles.length ? index : null;
      return v.maximized === target ? v : { ...v, maximized: target, selected: target ?? v.selected };
    });
  }

  toggleMaximize(index: number): void {
    this.maximize(this.view.get().maximized === index ? null : index);
  }

  pinMain(cameraId: string, pinned: boolean): void {
    this.view.update((v) => {
      if (v.pinnedMain.has(cameraId) === pinned) return v;
      const pinnedMain = new Set(v.pinnedMain);
      if (pinned) pinnedMain.add(cameraId);
      else pinnedMain.delete(cameraId);
      return { ...v, pinnedMain };
    });
  }

  /** Removed cameras leave their tiles (withheld ones stay, to say why they show nothing). */
  dropCameras(removed: ReadonlySet<string>): void {
    const { wall, selected } = this.view.get();
    this.change(withoutCameras(wall, removed), selected);
  }

  private change(wall: WallState, selected: number): void {
    const view = this.view.get();
    if (view.phase !== 'ready') return;
    if (wall === view.wall) {
      this.select(selected);
      return;
    }
    // A new layout or new cameras end the maximized view; a maximized tile that became empty too.
    const keepMax = view.maximized !== null && wall.layout === view.wall.layout && wall.tiles[view.maximized] === view.wall.tiles[view.maximized];
    this.view.set({ ...view, wall, selected, maximized: keepMax ? view.maximized : null, leftOut: 0 });
    void this.save(wall);
  }

  private async save(wall: WallState): Promise<void> {
    const save = ++this.saveCount;
    const result = await this.api.invoke('wall.set', wall);
    // Only the latest save decides whether the operator sees a "not saved" warning.
    if (save === this.saveCount) this.view.update((v) => ({ ...v, saveError: failureOf(result) }));
  }
}
