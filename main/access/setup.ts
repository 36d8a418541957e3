/**
 * Access wired into the running console: the audit log, the access service over the settings,
 * stream tickets, the admin guard for the router, the stream sockets' admission (checked, and
 * counted as views: viewLedger), and a watch that closes streams whose household consent has just run out.
 */
import { join } from 'node:path';
import type { Channel, Profile, Result } from '../../preload/api.js';
import type { Admission } from '../engine/serve/streamRoute.js';
import type { Viewer } from '../engine/fanout/viewerSet.js';
import type { StreamEngine } from '../engine/session/streamEngine.js';
import type { Logger } from '../lib/logger.js';
import { ADMIN_CALLS } from '../contract/requests.js';
import type { SettingsRepository } from '../store/repository.js';
import { AccessService } from './accessService.js';
import { AuditLog } from './audit.js';
import { repoAccessFacts, repoAuditAnchor } from './repoFacts.js';
import { StreamTickets } from './streamTickets.js';
import { ViewLedger } from './viewLedger.js';

/** How often consent expiry is checked for streams already open. */
const CONSENT_CHECK_MS = 2000;

/** Open stream viewers by their id (the ticket they were opened with), so their owner can steer them. */
export type ViewerRegistry = Map<string, { viewer: Viewer; callerId: string }>;

export interface AccessSetup {
  viewers: ViewerRegistry;
  access: AccessService;
  audit: AuditLog;
  tickets: StreamTickets;
  /** The router's admin guard: null lets the call through, a result refuses it. */
  guard(channel: Channel, callerId: string): Result<never> | null;
  admit(cameraId: string, profile: Profile, query: URLSearchParams): Admission | null;
  close(): void;
}

export function setUpAccess(dataDir: string, repo: SettingsRepository, engine: StreamEngine, onHidden: () => void, log?: Logger): AccessSetup {
  const audit = new AuditLog(join(dataDir, 'audit'), undefined, undefined, { anchor: repoAuditAnchor(repo) });
  const access = new AccessService(repoAccessFacts(repo), audit, Date.now, () => repo.data.unattended.autoLockMinutes * 60_000);
  const tickets = new StreamTickets();
  const viewers: ViewerRegistry = new Map();
  const views = new ViewLedger((callerId, action, cameraId, profile) => access.record(callerId, { action, cameraId, detail: profile }));
  access.onActorChange((callerId, change) => views.handOver(callerId, change));
  const isLive = (cameraId: string, profile: Profile) => engine.statuses().some((s) => s.cameraId === cameraId && s.profile === profile && s.state === 'live');
  const offStatus = engine.on('status', (status) => {
    if (status.state === 'live') views.live(status.cameraId, status.profile);
  });
  // Its players will not come back to the same sessions: the views end now, not after the gap.
  const offClosed = engine.on('cameraClosed', (cameraId) => views.endCamera(cameraId));

  const guard = (channel: Channel, callerId: string): Result<never> | null => {
    if (!ADMIN_CALLS.has(channel)) return null;
    const decision = access.requireAdmin(callerId);
    if (decision.ok) return null;
    access.record(callerId, { action: 'refused', detail: `${channel}: admin only` });
    return { ok: false, code: 'forbidden', message: 'access:admin_only' } satisfies Result<never>;
  };

  const admit = (cameraId: string, profile: Profile, query: URLSearchParams): Admission | null => {
    const viewerId = query.get('ticket');
    const ticket = tickets.redeem(viewerId, cameraId, profile);
    if (!ticket || !viewerId) return null;
    // Checked again now: consent may have run out since the URL was handed out.
    if (!access.decideCamera(ticket.callerId, cameraId, 'view').ok) return null;
    return {
      attached: (viewer) => {
        viewers.set(viewerId, { viewer, callerId: ticket.callerId });
        views.attached(ticket.callerId, cameraId, profile, isLive(cameraId, profile));
      },
      detached: () => {
        viewers.delete(viewerId);
        views.detached(ticket.callerId, cameraId, profile);
      },
    };
  };

  // Consent that expires while a tile shows the camera closes the stream at once (the tile
  // then asks again and is told why), not at the next reconnect.
  // The same tick writes refusals merged over a window that has ended. Nothing thrown here may
  // leave the timer: it would end the process.
  const watch = setInterval(() => {
    try {
      access.flushRefusals();
      const hidden = new Set(engine.statuses().map((s) => s.cameraId).filter((id) => !access.visible(id)));
      if (hidden.size === 0) return;
      for (const cameraId of hidden) void engine.closeCamera(cameraId);
      onHidden();
    } catch (error) {
      log?.warn('access watch failed', { error: String(error) });
    }
  }, CONSENT_CHECK_MS);
  watch.unref();

  const close = () => {
    clearInterval(watch);
    offStatus();
    offClosed();
    views.close();
    access.flushRefusals(true);
    audit.close();
  };
  return { viewers, access, audit, tickets, guard, admit, close };
}
