import type { WallApi, WallState } from '../../preload/api';
import { namedLayout, type Layout } from '../../preload/layouts';
import { Observable } from '../lib/observable';
import { failureOf, type Failure } from './failure';
import { afterEdit, type WallEdit, type WallSnapshot } from './wallHistory';
import { fillFrom, fitTiles, neighbourTile, nextTile, spareWithout, swapTiles, withLayout, withoutCameras, withTile, type Direction, type Spare } from './wallLayout';

export interface WallView {
  phase: 'loading' | 'ready' | 'failed';
  wall: WallState;
  /**
   * Cameras of tiles a smaller layout hid, back when it grows. Kept in this page only: main keeps
   * the wall on screen (presets, wall windows and other consoles read it), so a reload forgets them.
   */
  spare: Spare;
  /** The last edit Ctrl+Z would take back (for the 撤销 toast), or null when there is none. */
  undoable: { edit: Exclude<WallEdit, 'tiles'>; serial: number } | null;
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
    spare: [],
    undoable: null,
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
  private history: WallSnapshot[] = [];
  private editSerial = 0;

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
    const { wall, spare, selected } = this.view.get();
    if (layout.id === wall.layout.id) return;
    const next = withLayout(wall, layout, spare);
    this.change(next.wall, selected < layout.tiles.length ? selected : 0, 'layout', next.spare);
  }

  assign(index: number, cameraId: string): void {
    const { wall } = this.view.get();
    this.change(withTile(wall, index, cameraId), nextTile(index, wall.layout.tiles.length), 'tiles');
  }

  assignToSelected(cameraId: string): void {
    this.assign(this.view.get().selected, cameraId);
  }

  /** A village (or any list of cameras) dropped on a tile. */
  fill(index: number, cameraIds: readonly string[]): void {
    const { wall, first, leftOut } = fillFrom(this.view.get().wall, index, cameraIds);
    this.change(wall, first < 0 ? index : first, 'tiles');
    this.view.update((v) => (v.leftOut === leftOut ? v : { ...v, leftOut }));
  }

  swap(from: number, to: number): void {
    this.change(swapTiles(this.view.get().wall, from, to), to, 'tiles');
  }

  /** Asked before a tile with a camera closes; false holds the close (the operator is asked first). */
  closeGuard: (index: number, cameraId: string) => boolean = () => true;

  clear(index: number): void {
    const cameraId = this.view.get().wall.tiles[index];
    if (cameraId && !this.closeGuard(index, cameraId)) return;
    this.clearAnswered(index);
  }

  /** Closes a tile without asking: the operator has answered the close guard's question. */
  clearAnswered(index: number): void {
    this.change(withTile(this.view.get().wall, index, null), index, 'close');
  }

  /** The operator put up a preset: a whole new wall, which one Ctrl+Z takes back. */
  replace(wall: WallState): void {
    this.put(wall, 'preset');
  }

  /** The console put up a wall (a tour step, a wall window's preset): not an edit, and the history ends. */
  show(wall: WallState): void {
    this.history = [];
    this.put(wall, null);
  }

  /** Ctrl+Z or 撤销: the wall as it was before the last edit, hidden tiles included. */
  undo(): void {
    const view = this.view.get();
    const before = this.history.pop();
    if (!before || view.phase !== 'ready') return;
    const selected = view.selected < before.wall.layout.tiles.length ? view.selected : 0;
    this.change(before.wall, selected, null, before.spare);
  }

  /** The 撤销 toast went away by itself: Ctrl+Z still works, the toast is just not offered again. */
  dismissUndo(serial: number): void {
    this.view.update((v) => (v.undoable?.serial === serial ? { ...v, undoable: null } : v));
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
    const { wall, spare, selected } = this.view.get();
    this.change(withoutCameras(wall, removed), selected, null, spareWithout(spare, removed));
  }

  private put(wall: WallState, edit: WallEdit | null): void {
    const selected = this.view.get().selected;
    this.change({ layout: wall.layout, tiles: fitTiles(wall.tiles, wall.layout.tiles.length) }, selected < wall.layout.tiles.length ? selected : 0, edit, []);
  }

  /** `edit`: what the operator did, for Ctrl+Z; null for the console's own changes and for undo itself. */
  private change(wall: WallState, selected: number, edit: WallEdit | null, spare = this.view.get().spare): void {
    const view = this.view.get();
    if (view.phase !== 'ready') return;
    if (wall === view.wall) {
      if (spare !== view.spare) this.view.update((v) => ({ ...v, spare }));
      this.select(selected);
      return;
    }
    if (edit) this.history = afterEdit(this.history, { wall: view.wall, spare: view.spare }, edit);
    const undoable = edit && edit !== 'tiles' ? { edit, serial: ++this.editSerial } : null;
    // A new layout or new cameras end the maximized view; a maximized tile that became empty too.
    const keepMax = view.maximized !== null && wall.layout === view.wall.layout && wall.tiles[view.maximized] === view.wall.tiles[view.maximized];
    this.view.set({ ...view, wall, spare, undoable, selected, maximized: keepMax ? view.maximized : null, leftOut: 0 });
    void this.save(wall);
  }

  private async save(wall: WallState): Promise<void> {
    const save = ++this.saveCount;
    const result = await this.api.invoke('wall.set', wall);
    // Only the latest save decides whether the operator sees a "not saved" warning.
    if (save === this.saveCount) this.view.update((v) => ({ ...v, saveError: failureOf(result) }));
  }
}
