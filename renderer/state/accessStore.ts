import type { AccessState, Result, WallApi } from '../../preload/api';
import { Observable } from '../lib/observable';
import { failureOf, type Failure } from './failure';

export interface AccessView {
  /** null until the first answer from the host. */
  state: AccessState | null;
  error: Failure | null;
}

/** A little past the moment main drops the admin role, so the answer already says operator. */
const EXPIRY_MARGIN_MS = 500;
/** Each admin call extends the role in main: the badge's "minutes left" is re-read this often. */
const ADMIN_RECHECK_MS = 30_000;

/**
 * This connection's role, the console's scope and PIN lock, as main decides them. The UI mirrors
 * it (hides admin tools for operators), but main refuses admin calls whatever the UI shows.
 */
export class AccessStore {
  readonly view = new Observable<AccessView>({ state: null, error: null });
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly api: WallApi) {}

  async refresh(): Promise<void> {
    this.take(await this.api.invoke('access.state'));
  }

  /** `person`: an operator's id or badge, with their own PIN; without, the console's PIN. */
  unlock(pin: string, person?: string): Promise<Result<AccessState>> {
    return this.run(this.api.invoke('access.unlock', person === undefined ? { pin } : { pin, person }));
  }

  lock(): Promise<Result<AccessState>> {
    return this.run(this.api.invoke('access.lock'));
  }

  setPin(pin: string): Promise<Result<AccessState>> {
    return this.run(this.api.invoke('access.setPin', { pin }));
  }

  setScope(siteId: string): Promise<Result<AccessState>> {
    return this.run(this.api.invoke('access.setScope', { siteId }));
  }

  isAdmin(): boolean {
    return this.view.get().state?.role === 'admin';
  }

  private async run(call: Promise<Result<AccessState>>): Promise<Result<AccessState>> {
    const result = await call;
    // A refused unlock changes the lock (failures, locked until): read the state again.
    if (result.ok) this.take(result);
    else void this.refresh();
    return result;
  }

  private take(result: Result<AccessState>): void {
    this.view.update((v) => ({ state: result.ok ? result.value : v.state, error: failureOf(result) }));
    if (result.ok) this.schedule(result.value);
  }

  /** Reads the state again when the admin role, a person's session or a PIN lock runs out (main pushes nothing then). */
  private schedule(state: AccessState): void {
    clearTimeout(this.timer);
    const now = Date.now();
    const session = state.adminUntil ?? state.person?.until ?? null;
    const ends = [session === null ? null : Math.min(session + EXPIRY_MARGIN_MS, now + ADMIN_RECHECK_MS), state.lockedUntil === null ? null : state.lockedUntil + EXPIRY_MARGIN_MS];
    const next = Math.min(...ends.filter((end): end is number => end !== null));
    if (Number.isFinite(next)) this.timer = setTimeout(() => void this.refresh(), Math.max(0, next - now));
  }
}
