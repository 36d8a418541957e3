import type { AppInfo, WallApi } from '../../preload/api';
import { Observable } from '../lib/observable';
import type { Link } from '../transport';
import { AccessStore } from './accessStore';
import { watchAdminOnly } from './accessWatch';
import { CamerasStore } from './camerasStore';
import { EvidenceStore } from './evidenceStore';
import { PresetsStore } from './presetsStore';
import { RecordingMarksStore } from './recordingMarksStore';
import { StatusStore } from './statusStore';
import { TileCloser } from './tileCloser';
import { TourStore } from './tourStore';
import { TreeStore } from './treeStore';
import { WallStore } from './wallStore';

export interface Stores {
  api: WallApi;
  link: Link;
  statuses: StatusStore;
  recordingMarks: RecordingMarksStore;
  cameras: CamerasStore;
  wall: WallStore;
  presets: PresetsStore;
  tour: TourStore;
  tree: TreeStore;
  access: AccessStore;
  evidence: EvidenceStore;
  closer: TileCloser;
  appInfo: Observable<AppInfo | null>;
  /** The key map overlay (`?`). */
  keyHelp: Observable<boolean>;
}

/** Builds the stores and wires them to the host: push events, and a reload each time the line opens. */
export function createStores(host: WallApi, link: Link): Stores {
  const access = new AccessStore(host);
  const api = watchAdminOnly(host, () => void access.refresh());
  const wall = new WallStore(api);
  const presets = new PresetsStore(api);
  const cameras = new CamerasStore(api);
  const evidence = new EvidenceStore(api);
  const stores: Stores = {
    api,
    link,
    statuses: new StatusStore(),
    recordingMarks: new RecordingMarksStore(),
    cameras,
    wall,
    presets,
    tour: new TourStore(api, wall, presets),
    tree: new TreeStore(),
    access,
    evidence,
    closer: new TileCloser(wall, evidence, cameras),
    appInfo: new Observable<AppInfo | null>(null),
    keyHelp: new Observable(false),
  };

  api.on('stream.status', (status) => stores.statuses.apply(status));
  api.on('recording.marks', (marks) => stores.recordingMarks.apply(marks));
  api.on('cameras.changed', () => void stores.cameras.refresh());
  api.on('presets.changed', () => void stores.presets.refresh());
  // Scope, role or PIN changed: what this console may see (and edit) changed with it.
  api.on('access.changed', () => {
    void access.refresh();
    void loadRecordingMarks(stores);
    void stores.cameras.refresh();
    void stores.presets.refresh();
  });
  // Admins get household owners and consent in the camera list; operators do not.
  let role = access.view.get().state?.role;
  access.view.subscribe(() => {
    const now = access.view.get().state?.role;
    if (now !== role && role !== undefined) void stores.cameras.refresh();
    role = now;
  });

  const dropRemovedCameras = () => stores.wall.dropCameras(stores.cameras.view.get().changes.removed);
  stores.cameras.view.subscribe(dropRemovedCameras);
  stores.wall.view.subscribe(dropRemovedCameras);

  // Pushes may have been missed while the line was down, so every (re)open reloads the snapshot.
  whenOpen(link, () => {
    void access.refresh();
    void loadStatuses(stores);
    void loadRecordingMarks(stores);
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

async function loadRecordingMarks({ api, recordingMarks }: Stores): Promise<void> {
  const result = await api.invoke('recording.get');
  if (result.ok) recordingMarks.apply(result.value.marks);
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
