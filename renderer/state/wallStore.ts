import type { GridSize, WallApi, WallState } from '../../preload/api';
import { Observable } from '../lib/observable';
import { failureOf, type Failure } from './failure';
import { nextTile, refit, withGrid, withoutMissing, withTile } from './wallLayout';

export interface WallView {
  phase: 'loading' | 'ready' | 'failed';
  wall: WallState;
  selected: number;
  loadError: Failure | null;
  saveError: Failure | null;
}

/** The wall's layout, loaded with `wall.get` and saved with `wall.set` after every change. */
export class WallStore {
  readonly view = new Observable<WallView>({
    phase: 'loading',
    wall: { grid: 4, tiles: refit([], 4) },
    selected: 0,
    loadError: null,
    saveError: null,
  });
  private saveCount = 0;

  constructor(private readonly api: WallApi) {}

  async load(): Promise<void> {
    if (this.view.get().phase === 'ready') return;
    const result = await this.api.invoke('wall.get');
    if (this.view.get().phase === 'ready') return;
    if (result.ok) {
      const wall = { grid: result.value.grid, tiles: refit(result.value.tiles, result.value.grid) };
      this.view.update((v) => ({ ...v, phase: 'ready', wall, selected: 0, loadError: null }));
    } else {
      this.view.update((v) => ({ ...v, phase: 'failed', loadError: failureOf(result) }));
    }
  }

  select(index: number): void {
    this.view.update((v) => (v.selected === index ? v : { ...v, selected: index }));
  }

  setGrid(grid: GridSize): void {
    const { wall, selected } = this.view.get();
    this.change(withGrid(wall, grid), selected < grid ? selected : 0);
  }

  assign(index: number, cameraId: string): void {
    const { wall } = this.view.get();
    this.change(withTile(wall, index, cameraId), nextTile(index, wall.grid));
  }

  assignToSelected(cameraId: string): void {
    this.assign(this.view.get().selected, cameraId);
  }

  clear(index: number): void {
    this.change(withTile(this.view.get().wall, index, null), index);
  }

  /** Called when the camera list changes: a removed camera leaves its tile. */
  dropMissing(known: ReadonlySet<string>): void {
    const { wall, selected } = this.view.get();
    this.change(withoutMissing(wall, known), selected);
  }

  private change(wall: WallState, selected: number): void {
    const view = this.view.get();
    if (view.phase !== 'ready') return;
    if (wall === view.wall) {
      this.select(selected);
      return;
    }
    this.view.set({ ...view, wall, selected });
    void this.save(wall);
  }

  private async save(wall: WallState): Promise<void> {
    const save = ++this.saveCount;
    const result = await this.api.invoke('wall.set', wall);
    // Only the latest save decides whether the operator sees a "not saved" warning.
    if (save === this.saveCount) this.view.update((v) => ({ ...v, saveError: failureOf(result) }));
  }
}
