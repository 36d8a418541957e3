import type { WallApi } from '../../preload/api';
import { canDecodeHevc } from '../lib/hevc';
import { Observable } from '../lib/observable';
import type { PresetsStore } from './presetsStore';
import { chooseProfile } from './profile';
import { TourClock, type TourClockState } from './tourClock';
import { tourSteps, type TourStep } from './tourSteps';
import { widthShare } from './wallLayout';
import type { WallStore } from './wallStore';

export interface RunningTour {
  presetId: string;
  name: string;
  clock: TourClockState;
  /** The step on the wall: a preset's id, or a page number. */
  step: Pick<TourStep, 'presetId' | 'page'>;
}

export interface TourView {
  running: RunningTour | null;
  /** The last start was refused: the tour has no step left to show. */
  refused: boolean;
}

/** Runs one tour at a time: puts each step's wall up, and warms the next step's cameras before it. */
export class TourStore {
  readonly view = new Observable<TourView>({ running: null, refused: false });
  private clock: TourClock | null = null;

  constructor(
    private readonly api: WallApi,
    private readonly wall: WallStore,
    private readonly presets: PresetsStore,
  ) {
    // A maximized tile is the officer looking closely: the tour must not take it away.
    let maximized = wall.view.get().maximized;
    wall.view.subscribe(() => {
      const now = wall.view.get().maximized;
      if ((now === null) !== (maximized === null)) {
        if (now === null) this.clock?.release();
        else this.clock?.hold();
      }
      maximized = now;
    });
  }

  start(presetId: string): boolean {
    this.stop();
    const owner = this.presets.byId(presetId);
    const steps = owner ? tourSteps(owner, this.presets.view.get().presets ?? []) : [];
    if (!owner || steps.length === 0) {
      this.view.set({ running: null, refused: true });
      return false;
    }
    const clock = new TourClock({
      dwellMs: steps.map((s) => s.dwellMs),
      onStep: (index) => this.wall.show(steps[index]!.wall),
      onPrestart: (index) => this.warm(steps[index]!),
      onChange: () => {
        if (this.clock !== clock) return;
        const state = clock.snapshot();
        const { presetId: stepPreset, page } = steps[state.index]!;
        this.view.set({ running: { presetId, name: owner.name, clock: state, step: { presetId: stepPreset, page } }, refused: false });
      },
    });
    this.clock = clock;
    clock.start();
    return true;
  }

  stop(): void {
    const clock = this.clock;
    this.clock = null;
    clock?.stop();
    this.view.update((v) => (v.running === null && !v.refused ? v : { running: null, refused: false }));
  }

  /** Space bar or the pause button. */
  toggle(): void {
    this.clock?.toggle();
  }

  /** The bar's 保持暂停: the tour was about to resume by itself, and stays paused instead. */
  cancelResume(): void {
    this.clock?.cancelResume();
  }

  /** The operator touched the wall (pointer or keys): hold the step for now. */
  touch(): void {
    this.clock?.touch();
  }

  /**
   * Opens the next step's streams a few seconds early: the host starts (or keeps) their sessions,
   * so the switch finds a picture at once instead of a black tile.
   */
  private warm(step: TourStep): void {
    const { pinnedMain } = this.wall.view.get();
    const hevc = canDecodeHevc();
    const seen = new Set<string>();
    step.wall.tiles.forEach((cameraId, index) => {
      if (cameraId === null || seen.has(cameraId)) return;
      seen.add(cameraId);
      const widthPx = this.wall.widthPx * widthShare(step.wall.layout, index);
      const profile = chooseProfile({ widthPx, maximized: false, pinnedMain: pinnedMain.has(cameraId) });
      void this.api.invoke('stream.open', { cameraId, profile, hevc });
    });
  }
}
