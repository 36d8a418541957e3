/**
 * Who may do what with which camera. Pure: the same facts always give the same answer, and the
 * main process asks these rules on every call that returns cameras, opens a stream or exports
 * anything — the UI only mirrors them.
 */
import type { SiteLevel } from '../../preload/api.js';

export type Role = 'operator' | 'admin';
export type Action = 'view' | 'snapshot' | 'clip' | 'export' | 'configure' | 'read_audit';

export interface SiteNode {
  id: string;
  level: SiteLevel;
  parentId: string | null;
}

/** A household owner's consent: which levels may watch live, until when, unless revoked. */
export interface Consent {
  levels: SiteLevel[];
  /** ms since epoch; null = no end date. */
  until: number | null;
  revoked: boolean;
}

export interface CameraFacts {
  id: string;
  siteId: string | null;
  ownerKind: 'public' | 'household';
  consent: Consent | null;
}

export interface Caller {
  /**
   * The site this console serves. null until an admin binds it at first run: until then the
   * console is in set-up and sees every public camera, but no household camera (there is no
   * level for the owner's consent to name).
   */
  scopeSiteId: string | null;
  role: Role;
}

export type Refusal =
  | 'no_scope' // the console is not bound to a site yet
  | 'out_of_scope' // the camera is not in this console's subtree
  | 'no_consent' // household camera never shared with this level
  | 'consent_expired'
  | 'consent_revoked'
  | 'consent_ended_before' // recorded footage from after the household's consent ended
  | 'admin_only'
  | 'reason_required'; // household evidence export without a reason

export type Decision = { ok: true } | { ok: false; refusal: Refusal };

const ALLOW: Decision = { ok: true };
const deny = (refusal: Refusal): Decision => ({ ok: false, refusal });

/** True when `siteId` is `scopeId` or below it. Unknown sites and cycles are outside. */
export function inSubtree(sites: ReadonlyMap<string, SiteNode>, scopeId: string, siteId: string | null): boolean {
  let current = siteId;
  for (let depth = 0; current !== null && depth < 16; depth++) {
    if (current === scopeId) return true;
    current = sites.get(current)?.parentId ?? null;
  }
  return false;
}

/** Whether the household owner's consent lets a console at `level` watch now. */
export function consentDecision(consent: Consent | null, level: SiteLevel, now: number): Decision {
  if (!consent || !consent.levels.includes(level)) return deny('no_consent');
  if (consent.revoked) return deny('consent_revoked');
  if (consent.until !== null && now >= consent.until) return deny('consent_expired');
  return ALLOW;
}

/**
 * Until when a console at `level` may keep a household camera's footage: the consent's end date
 * while it covers the level, 0 (already over) once it is revoked or does not cover the level, and
 * null when it runs with no end. A console with no level (no scope) may keep none.
 */
export function consentEnd(consent: Consent | null, level: SiteLevel | null): number | null {
  if (!level || !consent || consent.revoked || !consent.levels.includes(level)) return 0;
  return consent.until;
}

export interface DecideInput {
  caller: Caller;
  sites: ReadonlyMap<string, SiteNode>;
  camera: CameraFacts;
  action: Action;
  now: number;
  /** Why, for exports; required for household evidence. */
  reason?: string;
  /**
   * Recorded footage (playback, export): the instant it was recorded. A household owner's consent
   * is then judged at that instant, not now: it must have covered the time the footage shows.
   */
  recordedAt?: number;
}

export function decide({ caller, sites, camera, action, now, reason, recordedAt }: DecideInput): Decision {
  if ((action === 'configure' || action === 'read_audit' || action === 'export') && caller.role !== 'admin') return deny('admin_only');
  if (caller.scopeSiteId !== null && !inSubtree(sites, caller.scopeSiteId, camera.siteId)) return deny('out_of_scope');
  if (action === 'configure' || action === 'read_audit') return ALLOW;
  if (camera.ownerKind === 'household') {
    const level = caller.scopeSiteId === null ? undefined : sites.get(caller.scopeSiteId)?.level;
    if (!level) return deny('no_scope');
    const consent = consentDecision(camera.consent, level, recordedAt ?? now);
    if (!consent.ok) return recordedAt !== undefined && consent.refusal === 'consent_expired' ? deny('consent_ended_before') : consent;
    if (action === 'export' && !reason?.trim()) return deny('reason_required');
  }
  return ALLOW;
}

/** Actions on the console itself (scope, settings, the full audit): admins only. */
export function requireAdmin(caller: Caller): Decision {
  return caller.role === 'admin' ? ALLOW : deny('admin_only');
}
