/**
 * The Electron shell, kept thin: windows, the app:// protocol, safeStorage, and carrying the
 * contract's calls over IPC to the same dispatch the headless server uses.
 */
import { app, BrowserWindow, ipcMain, Menu, net, powerSaveBlocker, protocol, safeStorage, screen, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import Store from 'electron-store';
import { PUSH_CHANNEL } from '../../preload/api.js';
import { bindIpc } from '../ipc/electronBridge.js';
import { installLastResort } from '../lastResort.js';
import { startServices, type Services } from '../services.js';
import type { DocumentStore } from '../store/repository.js';
import { SETTINGS_FILE } from '../store/confStore.js';
import { lockNavigation, lockSession, RENDERER_ORIGIN, secureWebPreferences, senderAllowed } from './security.js';
import { rendererFile, RENDERER_SCHEME } from './policy.js';
import { safeStorageSecretBox } from './safeStorageBox.js';
import { restoreAtStart } from '../domain/arrangement.js';
import { AT_LOGIN_FLAG, KeepAwake, applyLoginItem } from '../unattended/keepAwake.js';
import { watchRenderer } from '../unattended/rendererWatch.js';
import { WallWindows } from '../unattended/wallWindows.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = join(here, '../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let services: Services | null = null;

function serveRenderer(): void {
  protocol.handle(RENDERER_SCHEME, (request) => {
    const file = rendererFile(rendererRoot, request.url);
    if (!file.ok) return new Response(file.status === 400 ? 'bad request' : 'not found', { status: file.status });
    return net.fetch(pathToFileURL(file.path).toString());
  });
}

/** The main window (tree and controls) is wall 0; wall windows 1…8 show only their wall. */
function createWindow(wall = 0, bounds?: Electron.Rectangle): BrowserWindow {
  const win = new BrowserWindow({
    ...(bounds ?? { width: 1600, height: 900 }),
    backgroundColor: '#0b0f14',
    title: wall === 0 ? '村村通视频墙' : `村村通视频墙 · ${wall}`,
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  lockNavigation(win.webContents);
  watchRenderer(win.webContents, services!.log);
  const callerId = `win-${win.webContents.id}`;
  win.once('closed', () => services?.callerGone(callerId));
  void win.loadURL(`${RENDERER_ORIGIN}/index.html${wall === 0 ? '' : `?wall=${wall}`}`);
  return win;
}

async function start(): Promise<void> {
  // A separate data folder per wall (and per test run) without touching the user's own settings.
  if (process.env.VILLAGE_WALL_DATA_DIR) app.setPath('userData', process.env.VILLAGE_WALL_DATA_DIR);
  await app.whenReady();
  // No default menu: its F11 and Alt accelerators would take the wall's own keys (F11, Alt+1…9).
  Menu.setApplicationMenu(null);
  lockSession();
  serveRenderer();
  services = await startServices({
    mode: 'electron',
    dataDir: app.getPath('userData'),
    secretBox: safeStorageSecretBox(safeStorage),
    openStore: (cwd) => new Store({ cwd, name: SETTINGS_FILE.replace(/\.json$/, ''), clearInvalidConfig: false, accessPropertiesByDotNotation: false }) as unknown as DocumentStore,
    extraOrigins: [RENDERER_ORIGIN],
    showItemInFolder: (path) => shell.showItemInFolder(path),
    displays: () => screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, primary: d.id === screen.getPrimaryDisplay().id })),
    onUnattendedChanged: () => applyUnattended(true),
  });
  const active = services;
  installLastResort(active.log);
  bindIpc(ipcMain, active.dispatch, senderAllowed);
  active.onPush((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(PUSH_CHANNEL, { event, payload });
  });
  createWindow();
  // Unattended start (power back after a cut, or login): straight into the saved walls.
  applyUnattended(restoreAtStart(active.repo.data.unattended, process.argv.includes(AT_LOGIN_FLAG)));
}

let walls: WallWindows | null = null;
const keepAwake = new KeepAwake(powerSaveBlocker);

function newWallWindows(): WallWindows {
  const current = () => services!.repo.data.unattended;
  return new WallWindows({
    screen: {
      getAllDisplays: () => screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, primary: d.id === screen.getPrimaryDisplay().id })),
      on: (event, listener) => screen.on(event, listener),
      removeListener: (event, listener) => screen.removeListener(event, listener),
    },
    open: (index, bounds) => createWindow(index, bounds),
    walls: () => current().walls,
    policy: () => current().onMissingDisplay,
    log: services!.log,
  });
}

/** Applies the unattended settings: login item, awake screens, and (if asked) the wall windows. */
function applyUnattended(openWalls: boolean): void {
  if (!services) return;
  const settings = services.repo.data.unattended;
  applyLoginItem(app, settings.startAtLogin);
  keepAwake.set(settings.keepAwake);
  if (openWalls) walls ??= newWallWindows();
  walls?.apply();
}

app.on('window-all-closed', () => app.quit());
app.on('before-quit', (event) => {
  if (!services) return;
  event.preventDefault();
  const closing = services;
  services = null;
  walls?.dispose();
  keepAwake.set(false);
  void closing.close().finally(() => app.quit());
});

start().catch((error: unknown) => {
  console.error('Village Wall could not start', error);
  app.exit(1);
});
