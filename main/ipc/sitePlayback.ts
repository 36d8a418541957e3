/**
 * A site's recordings source (admin): this console's recorder (none set), another console's
 * recorder on the LAN, or a MediaMTX playback server — its address, the path of each camera
 * there, and its token sealed like a password. 测试连接 asks the source's /list for one camera.
 */
import type { PlaybackSourceInput } from '../../preload/api.js';
import type { StoredData } from '../domain/model.js';
import { checkPlaybackSource, CONSOLE_PATH_TEMPLATE } from '../domain/playbackSource.js';
import { subtreeOf } from '../domain/removal.js';
import { toSiteView } from '../domain/sites.js';
import { listRemote } from '../playback/remoteRecorder.js';
import { isRemoteFailure, remoteRecorderOf } from '../playback/remoteSource.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

type StoredSource = NonNullable<StoredData['sites'][number]['playback']>;

export function sitePlaybackHandlers(ctx: HandlerContext): Pick<HandlerTable, 'sites.setPlayback' | 'sites.testPlayback'> {
  const siteOf = (siteId: string) => {
    const site = ctx.repo.data.sites.find((s) => s.id === siteId);
    if (!site) throw new ApiError('not_found', 'site:unknown_site');
    return site;
  };
  const checked = (source: PlaybackSourceInput) => {
    const check = checkPlaybackSource(source.url, source.pathTemplate);
    if (!check.ok) throw new ApiError('bad_request', `playbackSource:${check.problem}`, check.field);
    return check.base;
  };
  /**
   * The token to use: the one typed, or the stored one — but only for the server it was typed
   * for, so pointing the site at another server never sends it there.
   */
  const tokenFor = (stored: StoredSource | null | undefined, base: string, typed: string | null | undefined): string | null => {
    if (typed !== undefined) return typed || null;
    if (!stored?.tokenSealed) return null;
    if (stored.url !== base) throw new ApiError('bad_request', 'playbackSource:token_needed');
    try {
      return ctx.secretBox.open(stored.tokenSealed);
    } catch {
      throw new ApiError('bad_request', 'playbackSource:token_needed', 'the stored token cannot be read on this PC');
    }
  };

  return {
    'sites.setPlayback': ({ siteId, source }, { callerId }) => {
      const site = siteOf(siteId);
      let stored: StoredSource | null = null;
      if (source) {
        const base = checked(source);
        const token = tokenFor(site.playback, base, source.token);
        stored = { kind: source.kind, url: base, pathTemplate: source.pathTemplate, tokenSealed: token ? ctx.secretBox.seal(token) : null };
      }
      const updated = ctx.repo.update((draft) => ({ ...draft, sites: draft.sites.map((s) => (s.id === siteId ? { ...s, playback: stored } : s)) }));
      ctx.access.record(callerId, { action: 'config_change', siteId, detail: stored ? `recordings source: ${stored.kind} ${stored.url} ${stored.pathTemplate}` : 'recordings source: this console' });
      ctx.push('cameras.changed', null);
      return toSiteView(updated.sites.find((s) => s.id === siteId)!);
    },
    'sites.testPlayback': async ({ siteId, source }) => {
      const site = siteOf(siteId);
      const base = checked(source);
      const token = tokenFor(site.playback, base, source.token);
      // One camera of the site (or below) to ask for; a site with none asks for a sample path, which shows whether the server answers and takes the token.
      const below = subtreeOf(ctx.repo.data, siteId);
      const camera = ctx.repo.data.cameras.find((c) => c.siteId !== null && below.has(c.siteId)) ?? { id: 'cam-1', relayStream: null };
      const remote = remoteRecorderOf({ ...source, url: base, pathTemplate: source.pathTemplate || CONSOLE_PATH_TEMPLATE }, token, camera, 'main');
      if (isRemoteFailure(remote)) throw new ApiError('bad_request', `remote:${remote.problem}`, remote.detail);
      const listed = await listRemote(remote);
      if (!listed.ok) throw new ApiError('unavailable', `remote:${listed.problem}`, listed.detail);
      const { spans } = listed;
      return { path: remote.path, spans: spans.length, from: spans[0]?.from ?? null, to: spans.length > 0 ? Math.max(...spans.map((s) => s.to)) : null };
    },
  };
}
