/**
 * The Electron shell, kept thin: windows, the app:// protocol, safeStorage, and carrying the
 * contract's calls over IPC to the same dispatch the headless server uses.
 */
import { app, BrowserWindow, ipcMain, Menu, net, protocol, safeStorage } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import Store from 'electron-store';
import { PUSH_CHANNEL } from '../../preload/api.js';
import { bindIpc } from '../ipc/electronBridge.js';
import { startServices, type Services } from '../services.js';
import type { DocumentStore } from '../store/repository.js';
import { SETTINGS_FILE } from '../store/confStore.js';
import { installCsp, lockNavigation, RENDERER_ORIGIN, secureWebPreferences, senderAllowed } from './security.js';
import { safeStorageSecretBox } from './safeStorageBox.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = join(here, '../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let services: Services | null = null;

function serveRenderer(): void {
  protocol.handle('app', (request) => {
    const { pathname } = new URL(request.url);
    const path = normalize(join(rendererRoot, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
    if (!path.startsWith(rendererRoot + sep)) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(path).toString());
  });
}

function createWallWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 900,
    backgroundColor: '#0b0f14',
    title: '村村通视频墙',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  lockNavigation(win.webContents);
  void win.loadURL(`${RENDERER_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  // A separate data folder per wall (and per test run) without touching the user's own settings.
  if (process.env.VILLAGE_WALL_DATA_DIR) app.setPath('userData', process.env.VILLAGE_WALL_DATA_DIR);
  await app.whenReady();
  // No default menu: its F11 and Alt accelerators would take the wall's own keys (F11, Alt+1…9).
  Menu.setApplicationMenu(null);
  installCsp();
  serveRenderer();
  services = await startServices({
    mode: 'electron',
    dataDir: app.getPath('userData'),
    secretBox: safeStorageSecretBox(safeStorage),
    openStore: (cwd) => new Store({ cwd, name: SETTINGS_FILE.replace(/\.json$/, ''), clearInvalidConfig: false, accessPropertiesByDotNotation: false }) as unknown as DocumentStore,
    extraOrigins: [RENDERER_ORIGIN],
  });
  const active = services;
  bindIpc(ipcMain, active.dispatch, senderAllowed);
  active.onPush((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(PUSH_CHANNEL, { event, payload });
  });
  createWallWindow();
}

app.on('window-all-closed', () => app.quit());
app.on('before-quit', (event) => {
  if (!services) return;
  event.preventDefault();
  const closing = services;
  services = null;
  void closing.close().finally(() => app.quit());
});

start().catch((error: unknown) => {
  console.error('Village Wall could not start', error);
  app.exit(1);
});
