/**
 * The state of one wall window (`?wall=N`): reads the saved arrangement and the presets, puts the
 * chosen preset up (or runs its tour), and reads them again on `presets.changed`, `access.changed`,
 * a reconnect, an arrangement saved in another tab of this browser, and every half minute (main
 * does not push arrangement changes).
 */
import type { WallState } from '../../../preload/api';
import { Observable } from '../../lib/observable';
import type { Stores } from '../../state/createStores';
import { failureOf, type Failure } from '../../state/failure';
import { onArrangementSaved, targetKey, wallTarget, wallWindowInvoke, type WallTarget } from './wallWindow';

export interface WallWindowView {
  target: WallTarget;
  /** The last read of the arrangement failed (the window keeps what it shows). */
  failure: Failure | null;
}

const POLL_MS = 30_000;

export class WallWindowController {
  readonly view = new Observable<WallWindowView>({ target: { kind: 'loading' }, failure: null });
  private held: WallState | null = null;
  private applied = '';
  private reads = 0;

  constructor(
    private readonly stores: Stores,
    readonly index: number,
  ) {
    // Before the first `wall.get` goes out: this window's wall is its own, never the main one's.
    const { api } = stores;
    api.invoke = wallWindowInvoke(api.invoke, () => this.held);
  }

  /** Starts listening; returns the stop (React effects may start it twice). */
  start(): () => void {
    const { api, link } = this.stores;
    const reload = () => void this.reload();
    const offs = [
      api.on('presets.changed', reload),
      api.on('access.changed', reload),
      onArrangementSaved(reload),
      link.subscribe(() => {
        if (link.get().state === 'open') reload();
      }),
    ];
    const timer = setInterval(reload, POLL_MS);
    if (link.get().state === 'open') reload();
    return () => {
      clearInterval(timer);
      offs.forEach((off) => off());
    };
  }

  async reload(): Promise<void> {
    const read = ++this.reads;
    const [settings] = await Promise.all([this.stores.api.invoke('unattended.get'), this.stores.presets.refresh()]);
    if (read !== this.reads) return;
    if (!settings.ok) {
      this.view.update((v) => ({ ...v, failure: failureOf(settings) }));
      return;
    }
    const presets = this.stores.presets.view.get();
    if (presets.presets === null && presets.error) {
      this.view.update((v) => ({ ...v, failure: presets.error }));
      return;
    }
    await this.show(wallTarget(settings.value, presets.presets, this.index), read);
  }

  private async show(target: WallTarget, read: number): Promise<void> {
    const key = targetKey(target);
    if (key === this.applied) {
      this.view.update((v) => (v.failure === null ? v : { ...v, failure: null }));
      return;
    }
    const { wall, tour } = this.stores;
    if (target.kind !== 'preset') {
      this.applied = key;
      tour.stop();
      this.view.set({ target, failure: null });
      return;
    }
    this.held = target.preset.wall;
    await wall.load();
    if (read !== this.reads) return;
    this.applied = key;
    if (!(target.tour && tour.start(target.preset.id))) {
      tour.stop();
      wall.show(target.preset.wall);
    }
    this.view.set({ target, failure: null });
  }
}

const controllers = new WeakMap<Stores, WallWindowController>();

/** One controller per page (React's StrictMode renders twice; the API is wrapped once). */
export function wallWindowController(stores: Stores, index: number): WallWindowController {
  let controller = controllers.get(stores);
  if (!controller) {
    controller = new WallWindowController(stores, index);
    controllers.set(stores, controller);
  }
  return controller;
}
