/**
 * Access in the main process: who is calling (one caller per window or browser connection),
 * whether they hold the admin role right now (PIN, with an inactivity timeout), and the rules'
 * verdict on a camera — with every refusal and every PIN failure written to the audit log.
 */
import type { SiteLevel } from '../../preload/api.js';
import type { AuditEntry, AuditLog } from './audit.js';
import { checkPin, type PinHash, type PinLock } from './pin.js';
import { RefusalDigest } from './refusalDigest.js';
import { decide, inSubtree, requireAdmin, type Action, type CameraFacts, type Caller, type Decision, type Refusal, type Role, type SiteNode } from './rules.js';

/** What access needs from the settings; the composition root adapts the repository to it. */
export interface AccessFacts {
  consoleId(): string;
  scopeSiteId(): string | null;
  sites(): SiteNode[];
  camera(id: string): CameraFacts | null;
  pin(): PinHash | null;
  pinLock(): PinLock;
  savePinLock(lock: PinLock): void;
}

export const ADMIN_IDLE_MS = 5 * 60_000;

export type UnlockResult = { ok: true; adminUntil: number } | { ok: false; reason: 'locked' | 'wrong' | 'no_pin'; lockedUntil: number | null };

export class AccessService {
  private readonly adminUntil = new Map<string, number>();
  private readonly refusals: RefusalDigest;

  constructor(
    private readonly facts: AccessFacts,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
    private readonly adminIdle: number | (() => number) = ADMIN_IDLE_MS,
  ) {
    this.refusals = new RefusalDigest((connectionId, entry) => this.append(connectionId, entry), now);
  }

  /** Idle time after which the admin role falls back to operator (the console's auto-lock). */
  private get adminIdleMs(): number {
    return typeof this.adminIdle === 'number' ? this.adminIdle : this.adminIdle();
  }

  /** The caller as the rules see it; any call counts as activity and extends an admin's time. */
  caller(connectionId: string): Caller {
    return { scopeSiteId: this.facts.scopeSiteId(), role: this.role(connectionId, true) };
  }

  get consoleId(): string {
    return this.facts.consoleId();
  }

  /** No PIN set yet means set-up: whoever sits at the console is its admin until one is set. */
  get setup(): boolean {
    return this.facts.pin() === null;
  }

  role(connectionId: string, touch = false): Role {
    if (this.setup) return 'admin';
    const until = this.adminUntil.get(connectionId);
    const now = this.now();
    if (until === undefined || now >= until) {
      this.adminUntil.delete(connectionId);
      return 'operator';
    }
    if (touch) this.adminUntil.set(connectionId, now + this.adminIdleMs);
    return 'admin';
  }

  adminExpiry(connectionId: string): number | null {
    if (this.setup || this.role(connectionId) !== 'admin') return null;
    return this.adminUntil.get(connectionId) ?? null;
  }

  unlock(connectionId: string, pin: string): UnlockResult {
    const stored = this.facts.pin();
    if (!stored) return { ok: false, reason: 'no_pin', lockedUntil: null };
    const result = checkPin(pin, stored, this.facts.pinLock(), this.now());
    this.facts.savePinLock(result.lock);
    if (!result.ok) {
      if (result.reason === 'wrong') this.record(connectionId, { action: 'pin_failed' });
      return { ok: false, reason: result.reason, lockedUntil: result.lock.lockedUntil };
    }
    const adminUntil = this.now() + this.adminIdleMs;
    this.adminUntil.set(connectionId, adminUntil);
    this.record(connectionId, { action: 'pin_ok' });
    return { ok: true, adminUntil };
  }

  /** Gives the caller the admin role now (the admin who just set the first PIN stays admin). */
  grant(connectionId: string): void {
    this.adminUntil.set(connectionId, this.now() + this.adminIdleMs);
  }

  lock(connectionId: string): void {
    this.adminUntil.delete(connectionId);
  }

  forget(connectionId: string): void {
    this.adminUntil.delete(connectionId);
  }

  /** The rules' verdict on a camera for this caller; refusals are audited. */
  decideCamera(connectionId: string, cameraId: string, action: Action, reason?: string): Decision {
    const camera = this.facts.camera(cameraId);
    if (!camera) return { ok: false, refusal: 'out_of_scope' };
    const decision = decide({
      caller: this.caller(connectionId),
      sites: this.siteMap(),
      camera,
      action,
      now: this.now(),
      ...(reason !== undefined ? { reason } : {}),
    });
    if (!decision.ok) this.record(connectionId, { action: 'refused', cameraId, detail: `${action}: ${decision.refusal}` });
    return decision;
  }

  /** Whether a camera is visible to this console at all (scope and consent), for listings. */
  visible(cameraId: string): boolean {
    return this.withheld(cameraId) === null;
  }

  /** Why this console may not show a camera now, or null when it may. */
  withheld(cameraId: string): Refusal | null {
    const camera = this.facts.camera(cameraId);
    if (!camera) return 'out_of_scope';
    const decision = decide({ caller: { scopeSiteId: this.facts.scopeSiteId(), role: 'operator' }, sites: this.siteMap(), camera, action: 'view', now: this.now() });
    return decision.ok ? null : decision.refusal;
  }

  /** Whether a site is inside this console's scope (for listings of the tree). */
  siteInScope(siteId: string): boolean {
    const scope = this.facts.scopeSiteId();
    return scope === null || inSubtree(this.siteMap(), scope, siteId);
  }

  scopeLevel(): SiteLevel | null {
    const scope = this.facts.scopeSiteId();
    return scope === null ? null : (this.siteMap().get(scope)?.level ?? null);
  }

  requireAdmin(connectionId: string): Decision {
    return requireAdmin(this.caller(connectionId));
  }

  /** Audits what a caller did; refusals go through the digest, which merges repeats. */
  record(connectionId: string, entry: Omit<AuditEntry, 'console' | 'role'>): void {
    if (entry.action === 'refused') this.refusals.offer(connectionId, entry);
    else this.append(connectionId, entry);
  }

  /** Writes merged refusals whose window has ended (all of them when the console closes). */
  flushRefusals(all = false): void {
    this.refusals.flush(all);
  }

  private append(connectionId: string, entry: Omit<AuditEntry, 'console' | 'role'>): void {
    this.audit.append({ console: this.facts.consoleId(), role: this.role(connectionId), ...entry });
  }

  private siteMap(): Map<string, SiteNode> {
    return new Map(this.facts.sites().map((site) => [site.id, site]));
  }
}
