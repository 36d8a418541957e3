/**
 * Opening the settings dialog from anywhere (the top bar, a camera's menu in the tree): one small
 * observable instead of a prop threaded through the app.
 */
import { Observable } from '../../lib/observable';

export const SETTINGS_TABS = ['sites', 'people', 'import', 'presetFiles', 'walls', 'recording'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

export interface SettingsRequest {
  tab: SettingsTab;
  /** Open the editor of this camera on the sites tab. */
  cameraId?: string;
}

export const settingsRequest = new Observable<SettingsRequest | null>(null);

export function openSettings(tab: SettingsTab = 'sites', cameraId?: string): void {
  settingsRequest.set({ tab, ...(cameraId ? { cameraId } : {}) });
}

export function closeSettings(): void {
  settingsRequest.set(null);
}
