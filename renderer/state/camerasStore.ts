import type { CameraInput, CameraView, Result, Site, WallApi } from '../../preload/api';
import { coalescedLoad } from '../lib/coalescedLoad';
import { Observable } from '../lib/observable';
import { cameraChanges, NO_CHANGES, type CameraChanges } from './cameraChanges';
import { failureOf, type Failure } from './failure';

export interface CamerasView {
  /** null until the first successful load. */
  cameras: CameraView[] | null;
  sites: Site[];
  error: Failure | null;
  /** Cameras that left the list since the page loaded: withheld (household) or removed. */
  changes: CameraChanges;
}

/** Cameras and the sites they belong to, refreshed on `cameras.changed`. */
export class CamerasStore {
  readonly view = new Observable<CamerasView>({ cameras: null, sites: [], error: null, changes: NO_CHANGES });
  /** Bursts of change pushes become at most one load in flight plus one after it. */
  readonly refresh = coalescedLoad(() => this.load());

  constructor(private readonly api: WallApi) {}

  async add(input: CameraInput): Promise<Result<CameraView>> {
    const result = await this.api.invoke('cameras.add', input);
    if (result.ok) void this.refresh();
    return result;
  }

  async remove(id: string): Promise<Result<null>> {
    const result = await this.api.invoke('cameras.remove', { id });
    if (result.ok) void this.refresh();
    return result;
  }

  private async load(): Promise<void> {
    const [cameras, sites] = await Promise.all([
      this.api.invoke('cameras.list'),
      this.api.invoke('sites.list'),
    ]);
    this.view.update((v) => ({
      cameras: cameras.ok ? cameras.value : v.cameras,
      sites: sites.ok ? sites.value : v.sites,
      error: failureOf(cameras) ?? failureOf(sites),
      changes: cameras.ok ? cameraChanges(v.cameras, cameras.value, v.changes) : v.changes,
    }));
  }
}
