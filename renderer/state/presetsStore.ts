import type { Preset, PresetInput, Result, WallApi } from '../../preload/api';
import { coalescedLoad } from '../lib/coalescedLoad';
import { Observable } from '../lib/observable';
import { failureOf, type Failure } from './failure';
import { shortcutSlots } from './presetSlots';

export interface PresetsView {
  /** null until the first successful load. */
  presets: Preset[] | null;
  error: Failure | null;
}

/** Saved walls (预案) and tours, refreshed on `presets.changed`. */
export class PresetsStore {
  readonly view = new Observable<PresetsView>({ presets: null, error: null });
  /** Bursts of change pushes become at most one load in flight plus one after it. */
  readonly refresh = coalescedLoad(() => this.load());

  constructor(private readonly api: WallApi) {}

  private async load(): Promise<void> {
    const result = await this.api.invoke('presets.list');
    this.view.update((v) => ({ presets: result.ok ? result.value : v.presets, error: failureOf(result) }));
  }

  async save(input: PresetInput): Promise<Result<Preset>> {
    const result = await this.api.invoke('presets.save', input);
    if (result.ok) void this.refresh();
    return result;
  }

  async rename(id: string, name: string): Promise<Result<Preset>> {
    const result = await this.api.invoke('presets.rename', { id, name });
    if (result.ok) void this.refresh();
    return result;
  }

  async remove(id: string): Promise<Result<null>> {
    const result = await this.api.invoke('presets.remove', { id });
    if (result.ok) void this.refresh();
    return result;
  }

  /** The preset or tour Alt+`number` brings up (presetSlots.ts says which). */
  byNumber(number: number): Preset | undefined {
    return shortcutSlots(this.view.get().presets ?? []).get(number);
  }

  byId(id: string): Preset | undefined {
    return this.view.get().presets?.find((p) => p.id === id);
  }
}
