/** The console's scope, the admin PIN and role, and household consent: all decided in main. */
import type { AccessState } from '../../preload/api.js';
import { hashPin } from '../access/pin.js';
import { toCameraView } from '../domain/cameras.js';
import { peopleOf } from '../domain/model.js';
import { toSiteView } from '../domain/sites.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

type Calls = Pick<HandlerTable, 'access.state' | 'access.unlock' | 'access.lock' | 'access.setPin' | 'access.setScope' | 'access.scopeChoices' | 'cameras.setConsent'>;

export function accessState(ctx: HandlerContext, callerId: string): AccessState {
  const { console: local, sites } = ctx.repo.data;
  const lockedUntil = local.pinLock.lockedUntil;
  return {
    consoleId: local.id ?? 'console',
    person: ctx.access.person(callerId),
    operators: peopleOf(ctx.repo.data).operators.filter((o) => !o.disabled).map((o) => ({ id: o.id, name: o.name })),
    scope: ((site) => (site ? toSiteView(site) : null))(sites.find((site) => site.id === local.scopeSiteId)),
    role: ctx.access.role(callerId),
    adminUntil: ctx.access.adminExpiry(callerId),
    pinSet: local.pin !== null,
    setup: ctx.access.setup,
    lockedUntil: lockedUntil !== null && lockedUntil > Date.now() ? lockedUntil : null,
  };
}

/** Closes the streams of cameras this console may no longer show (scope or consent changed). */
export async function closeHiddenStreams(ctx: HandlerContext): Promise<void> {
  const hidden = new Set(ctx.engine.statuses().map((s) => s.cameraId).filter((id) => !ctx.access.visible(id)));
  await Promise.all([...hidden].map((id) => ctx.engine.closeCamera(id)));
}

export function accessHandlers(ctx: HandlerContext): Calls {
  const changed = async () => {
    ctx.push('access.changed', null);
    ctx.push('cameras.changed', null);
    await closeHiddenStreams(ctx);
  };
  return {
    'access.state': (_, { callerId }) => accessState(ctx, callerId),
    'access.unlock': ({ pin, person }, { callerId }) => {
      const result = ctx.access.unlock(callerId, pin, person);
      if (!result.ok) throw new ApiError('forbidden', `pin:${result.reason}`);
      ctx.push('access.changed', null);
      return accessState(ctx, callerId);
    },
    'access.lock': (_, { callerId }) => {
      ctx.access.lock(callerId);
      ctx.push('access.changed', null);
      return accessState(ctx, callerId);
    },
    'access.setPin': ({ pin }, { callerId }) => {
      ctx.repo.update((draft) => ({ ...draft, console: { ...draft.console, pin: hashPin(pin), pinLock: { failures: 0, lockedUntil: null } } }));
      ctx.access.grant(callerId); // the admin who sets the PIN stays admin
      ctx.access.record(callerId, { action: 'config_change', detail: 'admin PIN set' });
      ctx.push('access.changed', null);
      return accessState(ctx, callerId);
    },
    'access.setScope': async ({ siteId }, { callerId }) => {
      const site = ctx.repo.data.sites.find((s) => s.id === siteId);
      if (!site) throw new ApiError('not_found', 'siteId:unknown_site');
      ctx.repo.update((draft) => ({ ...draft, console: { ...draft.console, scopeSiteId: siteId } }));
      ctx.access.record(callerId, { action: 'config_change', siteId, detail: `scope set to ${site.name}` });
      await changed();
      return accessState(ctx, callerId);
    },
    'access.scopeChoices': () => ctx.repo.data.sites.map(toSiteView),
    'cameras.setConsent': async ({ cameraId, ownerKind, owner, consent }, { callerId }) => {
      const decision = ctx.access.decideCamera(callerId, cameraId, 'configure');
      if (!decision.ok) throw new ApiError('forbidden', `access:${decision.refusal}`);
      ctx.repo.update((draft) => ({
        ...draft,
        cameras: draft.cameras.map((c) => (c.id === cameraId ? { ...c, ownerKind, owner: ownerKind === 'household' ? owner : null, consent: ownerKind === 'household' ? consent : null } : c)),
      }));
      const levels = consent ? `${consent.levels.join(',')} until ${consent.until === null ? 'open' : new Date(consent.until).toISOString()}${consent.revoked ? ' (revoked)' : ''}` : 'none';
      ctx.access.record(callerId, { action: 'config_change', cameraId, detail: `owner ${ownerKind}; consent ${levels}` });
      await changed();
      const camera = ctx.repo.camera(cameraId);
      if (!camera) throw new ApiError('not_found', `camera ${cameraId}`);
      return toCameraView(camera, true);
    },
  };
}
