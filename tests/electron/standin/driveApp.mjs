// Starts the BUILT desktop app (out/main/index.js) against the stand-in Electron, drives the
// handlers it registered the way Electron would, and prints what they answered as one JSON line.
// It asserts nothing itself: tests/electron/appShell.test.ts does.
//
//   node tests/electron/standin/driveApp.mjs DATA_DIR
import { existsSync, readdirSync } from 'node:fs';
import { register } from 'node:module';

register('./loader.mjs', import.meta.url);
const { recorded } = await import('./electron.mjs');

process.env.VILLAGE_WALL_DATA_DIR = process.argv[2];
const appEntry = new URL('../../../out/main/index.js', import.meta.url);

const until = async (test, what, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`stand-in: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const facts = {};
await import(appEntry.href);
await until(() => recorded.windows.length > 0 || recorded.exitCode !== null, 'the first window');
facts.exitCode = recorded.exitCode;
facts.schemes = recorded.schemes;

const [win] = recorded.windows;
const prefs = win.options.webPreferences;
facts.webPreferences = { ...prefs, preloadExists: existsSync(prefs.preload) };
facts.windowUrl = win.url;

// app:// as Electron would call it, with the URLs a page (or a hostile link) could ask for.
const appHandler = recorded.protocolHandlers.get('app');
facts.protocol = [];
for (const url of ['app://wall/index.html', 'app://wall/', 'app://wall/%E0%A4%A', 'app://wall/%', 'app://wall/..%2f..%2fpackage.json', 'app://wall/%2e%2e/%2e%2e/package.json', 'app://wall/%00', 'app://wall/no-such-file.js']) {
  try {
    const response = await appHandler(new Request(url));
    facts.protocol.push({ url, status: response.status, type: response.headers.get('content-type') });
  } catch (error) {
    facts.protocol.push({ url, threw: String(error) });
  }
}

// Every built script and style sheet, the on-demand chunks among them, as the page would ask.
facts.assets = [];
for (const name of readdirSync(new URL('../../../out/renderer/assets/', import.meta.url))) {
  const url = `app://wall/assets/${name}`;
  const response = await appHandler(new Request(url));
  facts.assets.push({ name, status: response.status, bytes: (await response.arrayBuffer()).byteLength });
}

// Permissions: every name Electron may ask about, from our page and from any other origin.
const PERMISSIONS = ['clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection', 'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb', 'background-sync', 'persistent-storage'];
facts.permissions = { requestHandler: recorded.permissionRequestHandler !== null, checkHandler: recorded.permissionCheckHandler !== null, answers: [] };
for (const origin of ['app://wall', 'https://example.invalid', 'file://']) {
  for (const permission of PERMISSIONS) {
    let request = null;
    if (recorded.permissionRequestHandler) {
      recorded.permissionRequestHandler(win.webContents, permission, (granted) => (request = granted), { requestingUrl: `${origin}/index.html`, isMainFrame: true });
    }
    const check = recorded.permissionCheckHandler ? recorded.permissionCheckHandler(win.webContents, permission, origin, { requestingUrl: `${origin}/index.html`, isMainFrame: true }) : null;
    facts.permissions.answers.push({ origin, permission, request, check });
  }
}

// Navigation and new windows.
let prevented = 0;
for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
  for (const fn of win.webContents.handlers.get(event) ?? []) fn({ preventDefault: () => (prevented += 1) }, 'https://example.invalid/');
}
facts.navigation = { prevented, windowOpen: win.webContents.windowOpenHandler?.({ url: 'https://example.invalid/' }) ?? null };

// The CSP every response gets.
facts.csp = null;
recorded.headersHook?.({ responseHeaders: {} }, ({ responseHeaders }) => (facts.csp = responseHeaders['Content-Security-Policy'] ?? null));

// IPC: each sender the way Electron describes it.
const sender = { id: win.webContents.id };
const frames = {
  wallTop: { url: 'app://wall/index.html', parent: null },
  wallSubFrame: { url: 'app://wall/index.html', parent: { url: 'app://wall/index.html' } },
  foreign: { url: 'https://example.invalid/', parent: null },
  blank: { url: '', parent: null },
  gone: null,
};
facts.ipc = { channels: [...recorded.ipcHandlers.keys()], answers: {} };
for (const [name, senderFrame] of Object.entries(frames)) {
  try {
    const result = await recorded.ipcHandlers.get('app.info')({ sender, senderFrame }, undefined);
    facts.ipc.answers[name] = { ok: result.ok, code: result.code ?? null };
  } catch (error) {
    facts.ipc.answers[name] = { threw: String(error) };
  }
}

// Quit as Electron does: before-quit, which the app defers until its services have closed.
for (const fn of recorded.appHandlers.get('before-quit') ?? []) fn({ preventDefault: () => {} });
await until(() => recorded.quit, 'the app to quit after closing its services');
facts.quit = recorded.quit;

process.stdout.write(`${JSON.stringify(facts)}\n`);
process.exit(0);
