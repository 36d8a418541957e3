import type { Preset, PresetInput, Result, WallApi } from '../../preload/api';
import { Observable } from '../lib/observable';
import { failureOf, type Failure } from './failure';

export interface PresetsView {
  /** null until the first successful load. */
  presets: Preset[] | null;
  error: Failure | null;
}

/** Saved walls (预案), refreshed on `presets.changed`. Numbered 1… in the host's order for Alt+1…9. */
export class PresetsStore {
  readonly view = new Observable<PresetsView>({ presets: null, error: null });
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly api: WallApi) {}

  /** Like the camera list: at most one load in flight, plus one after it if a change came meanwhile. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.api
      .invoke('presets.list')
      .then((result) => this.view.update((v) => ({ presets: result.ok ? result.value : v.presets, error: failureOf(result) })))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          void this.refresh();
        }
      });
    return this.running;
  }

  async save(input: PresetInput): Promise<Result<Preset>> {
    const result = await this.api.invoke('presets.save', input);
    if (result.ok) void this.refresh();
    return result;
  }

  async remove(id: string): Promise<Result<null>> {
    const result = await this.api.invoke('presets.remove', { id });
    if (result.ok) void this.refresh();
    return result;
  }

  byNumber(number: number): Preset | undefined {
    return this.view.get().presets?.[number - 1];
  }

  byId(id: string): Preset | undefined {
    return this.view.get().presets?.find((p) => p.id === id);
  }
}
