/**
 * Access in the main process: who is calling (one caller per window or browser connection), who
 * unlocked it (a named operator with their own PIN, or the console's PIN) and whether that gives
 * the admin role right now (with an inactivity timeout), and the rules' verdict on a camera —
 * with every refusal and every PIN failure written to the audit log, each naming that person.
 */
import type { Person, SiteLevel } from '../../preload/api.js';
import type { StoredOperator } from '../domain/model.js';
import { findOperator, personOf } from '../domain/operators.js';
import type { AuditEntry, AuditLog } from './audit.js';
import { checkPin, hashPin, type PinHash, type PinLock } from './pin.js';
import { RefusalDigest } from './refusalDigest.js';
import { consentEnd, decide, inSubtree, requireAdmin, type Action, type CameraFacts, type Caller, type Decision, type Refusal, type Role, type SiteNode } from './rules.js';

/** What access needs from the settings; the composition root adapts the repository to it. */
export interface AccessFacts {
  consoleId(): string;
  scopeSiteId(): string | null;
  sites(): SiteNode[];
  camera(id: string): CameraFacts | null;
  pin(): PinHash | null;
  operators(): readonly StoredOperator[];
  pinLock(): PinLock;
  savePinLock(lock: PinLock): void;
}

export const ADMIN_IDLE_MS = 5 * 60_000;

export type UnlockResult = { ok: true; until: number } | { ok: false; reason: 'locked' | 'wrong' | 'no_pin'; lockedUntil: number | null };

/** What one unlock gave a caller, until it is locked or idle for the auto-lock minutes. */
interface Session {
  until: number;
  /** The named operator who unlocked; null for the console's PIN. */
  personId: string | null;
  admin: boolean;
}

/** Runs a change of who a caller is, so what they have open can be handed from one to the next. */
export type ActorChange = (connectionId: string, change: () => void) => void;

/** An unknown badge costs the same scrypt as a known one: the time does not say which badges exist. */
let decoy: PinHash | null = null;
const decoyPin = () => (decoy ??= hashPin('', 'no-such-operator'));

export class AccessService {
  private readonly sessions = new Map<string, Session>();
  private readonly refusals: RefusalDigest;
  private actorChange: ActorChange = (_, change) => change();

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
    return this.session(connectionId, touch)?.admin ? 'admin' : 'operator';
  }

  adminExpiry(connectionId: string): number | null {
    if (this.setup || this.role(connectionId) !== 'admin') return null;
    return this.session(connectionId)?.until ?? null;
  }

  /** The named operator signed in on this caller, as they are named now, and until when. */
  person(connectionId: string): (Person & { until: number }) | null {
    const session = this.session(connectionId);
    const operator = session?.personId ? this.facts.operators().find((o) => o.id === session.personId) : undefined;
    return session && operator ? { ...personOf(operator), until: session.until } : null;
  }

  /** Installs what must happen around a change of who a caller is (their open views move to the new one). */
  onActorChange(change: ActorChange): void {
    this.actorChange = change;
  }

  /**
   * With `who` (an operator's id or badge) their own PIN signs them in, with the admin role if they
   * hold it; without, the console's PIN gives the admin role to no one by name (the fallback).
   * Failures of either count towards one lock-out: the desk, not a name, is what is guarded.
   */
  unlock(connectionId: string, pin: string, who?: string): UnlockResult {
    const operator = who === undefined ? null : findOperator(this.facts.operators(), who);
    const stored = who === undefined ? this.facts.pin() : (operator?.pin ?? decoyPin());
    if (!stored) return { ok: false, reason: 'no_pin', lockedUntil: null };
    const result = checkPin(pin, stored, this.facts.pinLock(), this.now());
    this.facts.savePinLock(result.lock);
    if (!result.ok || (who !== undefined && !operator)) {
      const reason = result.ok ? 'wrong' : result.reason;
      // Named by badge, as the unlock was asked for; what was typed when it names no one.
      if (reason === 'wrong') this.record(connectionId, { action: 'pin_failed', ...(who !== undefined ? { detail: `operator ${operator?.badge ?? who}` } : {}) });
      return { ok: false, reason, lockedUntil: result.lock.lockedUntil };
    }
    const until = this.now() + this.adminIdleMs;
    this.changeActor(connectionId, { until, personId: operator?.id ?? null, admin: operator ? operator.admin : true });
    this.record(connectionId, { action: 'pin_ok', ...(operator ? { detail: `operator ${operator.badge}` } : {}) });
    return { ok: true, until };
  }

  /** Gives the caller the admin role now (the admin who just set the first PIN stays admin), keeping who they are. */
  grant(connectionId: string): void {
    const personId = this.session(connectionId)?.personId ?? null;
    this.sessions.set(connectionId, { until: this.now() + this.adminIdleMs, personId, admin: true });
  }

  /** Locking ends the session: the admin role and the person both. */
  lock(connectionId: string): void {
    if (this.sessions.has(connectionId)) this.changeActor(connectionId, null);
  }

  forget(connectionId: string): void {
    this.sessions.delete(connectionId);
  }

  /** Ends the sessions of an operator who may no longer unlock (disabled, or their PIN reset). */
  endPerson(personId: string): void {
    for (const [connectionId, session] of this.sessions) if (session.personId === personId) this.changeActor(connectionId, null);
  }

  /** A new person at the caller goes through the hook (their open views are handed over); a new role alone does not. */
  private changeActor(connectionId: string, next: Session | null): void {
    const apply = () => {
      if (next) this.sessions.set(connectionId, next);
      else this.sessions.delete(connectionId);
    };
    if ((this.session(connectionId)?.personId ?? null) === (next?.personId ?? null)) return apply();
    // Repeats merged so far were the one before's: written now, under their name.
    this.refusals.flush(false, connectionId);
    this.actorChange(connectionId, apply);
  }

  /** The caller's live session; `touch` (any call) extends it. One past its time is gone. */
  private session(connectionId: string, touch = false): Session | null {
    const session = this.sessions.get(connectionId);
    if (!session) return null;
    const now = this.now();
    if (now >= session.until) {
      this.sessions.delete(connectionId);
      return null;
    }
    if (touch) session.until = now + this.adminIdleMs;
    return session;
  }

  /** The rules' verdict on a camera for this caller (on footage recorded at `recordedAt`, if given); refusals are audited. */
  decideCamera(connectionId: string, cameraId: string, action: Action, reason?: string, recordedAt?: number): Decision {
    const camera = this.facts.camera(cameraId);
    if (!camera) return { ok: false, refusal: 'out_of_scope' };
    const decision = decide({
      caller: this.caller(connectionId),
      sites: this.siteMap(),
      camera,
      action,
      now: this.now(),
      ...(reason !== undefined ? { reason } : {}),
      ...(recordedAt !== undefined ? { recordedAt } : {}),
    });
    if (!decision.ok) this.record(connectionId, { action: 'refused', cameraId, detail: `${action}: ${decision.refusal}` });
    return decision;
  }

  /** Whether a camera is visible to this console at all (scope and consent), for listings. */
  visible(cameraId: string): boolean {
    return this.withheld(cameraId) === null;
  }

  /** Why this console may not show a camera now (or its footage recorded at `recordedAt`), or null when it may. */
  withheld(cameraId: string, recordedAt?: number): Refusal | null {
    const camera = this.facts.camera(cameraId);
    if (!camera) return 'out_of_scope';
    const caller = { scopeSiteId: this.facts.scopeSiteId(), role: 'operator' as const };
    const decision = decide({ caller, sites: this.siteMap(), camera, action: 'view', now: this.now(), ...(recordedAt !== undefined ? { recordedAt } : {}) });
    return decision.ok ? null : decision.refusal;
  }

  /** Whether this console has the camera at all, in its scope or not. */
  hasCamera(cameraId: string): boolean {
    return this.facts.camera(cameraId) !== null;
  }

  /** Until when this console may keep a camera's footage: a household's consent end at this level; null for no end (public). */
  footageUntil(cameraId: string): number | null {
    const camera = this.facts.camera(cameraId);
    if (!camera || camera.ownerKind !== 'household') return null;
    return consentEnd(camera.consent, this.scopeLevel());
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
  record(connectionId: string, entry: Omit<AuditEntry, 'console' | 'role' | 'person'>): void {
    if (entry.action === 'refused') this.refusals.offer(connectionId, entry);
    else this.append(connectionId, entry);
  }

  /** Writes merged refusals whose window has ended (all of them when the console closes). */
  flushRefusals(all = false): void {
    this.refusals.flush(all);
  }

  /** The one place a record gets its actor: console, role and person all come from the caller here. */
  private append(connectionId: string, entry: Omit<AuditEntry, 'console' | 'role' | 'person'>): void {
    const found = this.person(connectionId);
    const person = found && { id: found.id, name: found.name, badge: found.badge, unit: found.unit };
    this.audit.append({ console: this.facts.consoleId(), role: this.role(connectionId), ...(person ? { person } : {}), ...entry });
  }

  private siteMap(): Map<string, SiteNode> {
    return new Map(this.facts.sites().map((site) => [site.id, site]));
  }
}
