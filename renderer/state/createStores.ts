import type { AppInfo, WallApi } from '../../preload/api';
import { Observable } from '../lib/observable';
import type { Link } from '../transport';
import { CamerasStore } from './camerasStore';
import { PresetsStore } from './presetsStore';
import { StatusStore } from './statusStore';
import { TourStore } from './tourStore';
import { TreeStore } from './treeStore';
import { WallStore } from './wallStore';

export interface Stores {
  api: WallApi;
  link: Link;
  statuses: StatusStore;
  cameras: CamerasStore;
  wall: WallStore;
  presets: PresetsStore;
  tour: TourStore;
  tree: TreeStore;
  appInfo: Observable<AppInfo | null>;
  /** The key map overlay (`?`). */
  keyHelp: Observable<boolean>;
}

/** Builds the stores and wires them to the host: push events, and a reload each time the line opens. */
export function createStores(api: WallApi, link: Link): Stores {
  const wall = new WallStore(api);
  const presets = new PresetsStore(api);
  const stores: Stores = {
    api,
    link,
    statuses: new StatusStore(),
    cameras: new CamerasStore(api),
    wall,
    presets,
    tour: new TourStore(api, wall, presets),
    tree: new TreeStore(),
    appInfo: new Observable<AppInfo | null>(null),
    keyHelp: new Observable(false),
  };

  api.on('stream.status', (status) => stores.statuses.apply(status));
  api.on('cameras.changed', () => void stores.cameras.refresh());
  api.on('presets.changed', () => void stores.presets.refresh());

  const dropRemovedCameras = () => {
    const { cameras } = stores.cameras.view.get();
    if (cameras) stores.wall.dropMissing(new Set(cameras.map((c) => c.id)));
  };
  stores.cameras.view.subscribe(dropRemovedCameras);
  stores.wall.view.subscribe(dropRemovedCameras);

  // Pushes may have been missed while the line was down, so every (re)open reloads the snapshot.
  whenOpen(link, () => {
    void loadStatuses(stores);
    void stores.cameras.refresh();
    void stores.presets.refresh();
    void stores.wall.load();
    void api.invoke('app.info').then((r) => r.ok && stores.appInfo.set(r.value));
  });

  return stores;
}

async function loadStatuses({ api, statuses }: Stores): Promise<void> {
  const mark = statuses.mark();
  const result = await api.invoke('stream.statuses');
  if (result.ok) statuses.applySnapshot(result.value, mark);
}

function whenOpen(link: Link, run: () => void): void {
  let open = link.get().state === 'open';
  if (open) run();
  link.subscribe(() => {
    const now = link.get().state === 'open';
    if (now && !open) run();
    open = now;
  });
}
