import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRendererUrl, permissionAllowed, rendererFile, senderAllowed } from './policy.js';

const ROOT = '/opt/wall/out/renderer';

describe('the desktop app policy', () => {
  it('knows our page by scheme and host, though Node calls the origin of app: URLs "null"', () => {
    expect(new URL('app://wall/index.html').origin).toBe('null');
    expect(isRendererUrl('app://wall/index.html?wall=2')).toBe(true);
    expect(isRendererUrl('app://wall')).toBe(true);
    for (const url of ['app://evil/index.html', 'https://wall/', 'file:///opt/wall/out/renderer/index.html', '', undefined, 'not a url']) {
      expect(isRendererUrl(url)).toBe(false);
    }
  });

  it('takes calls only from our top frame', () => {
    expect(senderAllowed({ senderFrame: { url: 'app://wall/index.html', parent: null } })).toBe(true);
    expect(senderAllowed({ senderFrame: { url: 'app://wall/index.html', parent: {} } })).toBe(false);
    expect(senderAllowed({ senderFrame: { url: 'https://example.invalid/', parent: null } })).toBe(false);
    expect(senderAllowed({ senderFrame: { url: '', parent: null } })).toBe(false);
    expect(senderAllowed({ senderFrame: null })).toBe(false);
    expect(senderAllowed({})).toBe(false);
  });

  it('grants our page full screen and clipboard writing, and nothing else to anyone', () => {
    expect(permissionAllowed('fullscreen', 'app://wall/index.html')).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'app://wall')).toBe(true);
    expect(permissionAllowed('fullscreen', 'https://example.invalid/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal', 'hid', 'usb', 'serial', 'unknown']) {
      expect(permissionAllowed(permission, 'app://wall/index.html')).toBe(false);
    }
  });

  it('serves files inside the renderer folder, 400 for undecodable paths, 404 for everything else', () => {
    expect(rendererFile(ROOT, 'app://wall/')).toEqual({ ok: true, path: join(ROOT, 'index.html') });
    expect(rendererFile(ROOT, 'app://wall/assets/index.js')).toEqual({ ok: true, path: join(ROOT, 'assets/index.js') });
    expect(rendererFile(ROOT, 'app://wall/%E4%B8%AD.png')).toEqual({ ok: true, path: join(ROOT, '中.png') });
    for (const url of ['app://wall/%E0%A4%A', 'app://wall/%', 'app://wall/a%00b', 'app://wall/..%5c..%5cx']) expect(rendererFile(ROOT, url)).toEqual({ ok: false, status: 400 });
    for (const url of ['app://wall/..%2f..%2fetc/passwd', 'app://other/index.html', 'nonsense']) expect(rendererFile(ROOT, url)).toEqual({ ok: false, status: 404 });
    // The URL parser resolves dot segments before we see them: this names a file inside the folder.
    expect(rendererFile(ROOT, 'app://wall/%2e%2e/%2e%2e/etc/passwd')).toEqual({ ok: true, path: join(ROOT, 'etc/passwd') });
    expect(rendererFile(ROOT, 'app://wall/..%2frenderer-evil/x.js')).toEqual({ ok: false, status: 404 });
  });
});
