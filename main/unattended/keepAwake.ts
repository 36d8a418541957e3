/**
 * Unattended operation: start at login when asked, and keep the monitors awake while walls are
 * up (a power-save blocker), both through the few calls used from Electron's app and
 * powerSaveBlocker, so the logic runs without Electron.
 */
export interface LoginItems {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): void;
  isStarted(id: number): boolean;
}

/** The flag the login item passes, so a start at login can be told from a start by hand. */
export const AT_LOGIN_FLAG = '--at-login';

export function applyLoginItem(app: LoginItems, startAtLogin: boolean): void {
  app.setLoginItemSettings({ openAtLogin: startAtLogin, args: startAtLogin ? [AT_LOGIN_FLAG] : [] });
}

export class KeepAwake {
  private id: number | null = null;

  constructor(private readonly blocker: PowerSaveBlockerLike) {}

  set(on: boolean): void {
    if (on && (this.id === null || !this.blocker.isStarted(this.id))) this.id = this.blocker.start('prevent-display-sleep');
    if (!on && this.id !== null) {
      this.blocker.stop(this.id);
      this.id = null;
    }
  }
}
