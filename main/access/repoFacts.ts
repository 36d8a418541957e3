/** The access rules' view of the stored settings: scope, sites, cameras' owners, the PIN. */
import { randomBytes } from 'node:crypto';
import { peopleOf } from '../domain/model.js';
import type { SettingsRepository } from '../store/repository.js';
import type { AccessFacts } from './accessService.js';
import type { AnchorStore } from './audit.js';

export function repoAccessFacts(repo: SettingsRepository): AccessFacts {
  // The console's id names it in audit records; it is made once and kept.
  if (repo.data.console.id === null) {
    const id = `console-${randomBytes(4).toString('hex')}`;
    repo.update((draft) => ({ ...draft, console: { ...draft.console, id } }));
  }
  return {
    consoleId: () => repo.data.console.id ?? 'console',
    scopeSiteId: () => repo.data.console.scopeSiteId,
    sites: () => repo.data.sites,
    camera: (id) => {
      const camera = repo.camera(id);
      return camera ? { id: camera.id, siteId: camera.siteId, ownerKind: camera.ownerKind, consent: camera.consent ?? null } : null;
    },
    pin: () => repo.data.console.pin,
    operators: () => peopleOf(repo.data).operators,
    pinLock: () => repo.data.console.pinLock,
    savePinLock: (pinLock) => repo.update((draft) => ({ ...draft, console: { ...draft.console, pinLock } })),
  };
}

/** The audit chain's anchor, kept in the settings: apart from the log, and in its backups. */
export function repoAuditAnchor(repo: SettingsRepository): AnchorStore {
  return {
    load: () => repo.data.console.auditAnchor ?? null,
    save: (auditAnchor) => {
      const kept = repo.data.console.auditAnchor;
      if (kept?.seq === auditAnchor.seq && kept.hash === auditAnchor.hash) return;
      repo.update((draft) => ({ ...draft, console: { ...draft.console, auditAnchor } }));
    },
  };
}
