import { describe, expect, it } from 'vitest';
import type { Result, WallApi } from '../../preload/api';
import { watchAdminOnly } from './accessWatch';

function fakeApi(answer: Result<unknown>): WallApi {
  return { invoke: async () => answer as never, on: () => () => undefined };
}

describe('watching for admin-only refusals', () => {
  it('reads the access state again when main says "admins only"', async () => {
    let refreshed = 0;
    const api = watchAdminOnly(fakeApi({ ok: false, code: 'forbidden', message: 'access:admin_only' }), () => refreshed++);
    const result = await api.invoke('audit.query', {});
    expect(result.ok).toBe(false);
    expect(refreshed).toBe(1);
  });

  it('lets every other answer through untouched', async () => {
    let refreshed = 0;
    const api = watchAdminOnly(fakeApi({ ok: false, code: 'forbidden', message: 'access:consent_expired' }), () => refreshed++);
    await api.invoke('stream.open', { cameraId: 'c', profile: 'main' });
    const ok = watchAdminOnly(fakeApi({ ok: true, value: [] }), () => refreshed++);
    expect(await ok.invoke('cameras.list')).toEqual({ ok: true, value: [] });
    expect(refreshed).toBe(0);
  });
});
