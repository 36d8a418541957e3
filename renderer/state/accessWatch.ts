import type { WallApi } from '../../preload/api';

/** What main answers an operator who calls an admin-only API. */
export const ADMIN_ONLY = 'access:admin_only';

/**
 * The API as the stores use it, with one addition: an answer "admins only" means this connection
 * is not (or no longer) admin — the role ran out — so the access state is read again at once.
 */
export function watchAdminOnly(api: WallApi, onAdminOnly: () => void): WallApi {
  return {
    invoke: async (channel, payload) => {
      const result = await api.invoke(channel, payload);
      if (!result.ok && result.message === ADMIN_ONLY && channel !== 'access.state') onAdminOnly();
      return result;
    },
    on: (event, listener) => api.on(event, listener),
  };
}
