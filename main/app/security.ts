/**
 * The renderer's cage: isolated, sandboxed, no Node, no navigation, no new windows, strict CSP,
 * and IPC accepted only from our own top frame.
 */
import { session, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../lib/contentSecurityPolicy.js';
import { permissionAllowed } from './policy.js';

export { RENDERER_ORIGIN, senderAllowed } from './policy.js';

export function secureWebPreferences(preload: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    spellcheck: false,
    backgroundThrottling: false, // a wall in a background window must keep playing
  };
}

/** The session's rules for every page: our CSP on each response, and only the permissions the wall uses. */
export function lockSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // Both handlers: a check (navigator.permissions, some APIs) never reaches the request handler.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
}

export function lockNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
