import type { AppInfo, WallApi } from '../../preload/api';
import { Observable } from '../lib/observable';
import type { Link } from '../transport';
import { CamerasStore } from './camerasStore';
import { StatusStore } from './statusStore';
import { WallStore } from './wallStore';

export interface Stores {
  api: WallApi;
  link: Link;
  statuses: StatusStore;
  cameras: CamerasStore;
  wall: WallStore;
  appInfo: Observable<AppInfo | null>;
}

/** Builds the stores and wires them to the host: push events, and a reload each time the line opens. */
export function createStores(api: WallApi, link: Link): Stores {
  const stores: Stores = {
    api,
    link,
    statuses: new StatusStore(),
    cameras: new CamerasStore(api),
    wall: new WallStore(api),
    appInfo: new Observable<AppInfo | null>(null),
  };

  api.on('stream.status', (status) => stores.statuses.apply(status));
  api.on('cameras.changed', () => void stores.cameras.refresh());

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
