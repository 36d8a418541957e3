// A stand-in for the parts of Electron's main-process API the app uses. It records what the app
// asks of Electron (windows, handlers, schemes), so a test can drive those handlers the way
// Electron would. It decides nothing: every decision under test is the app's own code.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const recorded = {
  schemes: [],
  protocolHandlers: new Map(),
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  headersHook: null,
  windows: [],
  ipcHandlers: new Map(),
  appHandlers: new Map(),
  userData: null,
  quit: false,
  exitCode: null,
};

function emitter() {
  const handlers = new Map();
  return {
    handlers,
    on(event, fn) {
      if (!handlers.has(event)) handlers.set(event, []);
      handlers.get(event).push(fn);
      return this;
    },
    once(event, fn) {
      return this.on(event, fn);
    },
    removeListener(event, fn) {
      handlers.set(event, (handlers.get(event) ?? []).filter((f) => f !== fn));
      return this;
    },
  };
}

export const app = {
  ...emitter(),
  whenReady: () => Promise.resolve(),
  getPath: () => recorded.userData,
  setPath: (_name, path) => {
    recorded.userData = path;
  },
  getName: () => 'village-wall',
  getVersion: () => '0.0.0-standin',
  isPackaged: false,
  quit: () => {
    recorded.quit = true;
  },
  exit: (code) => {
    recorded.exitCode = code;
  },
  setLoginItemSettings: () => {},
  getLoginItemSettings: () => ({ openAtLogin: false }),
};
recorded.appHandlers = app.handlers;

let nextId = 1;
export class BrowserWindow {
  static getAllWindows() {
    return recorded.windows.filter((w) => !w.destroyed);
  }

  constructor(options) {
    Object.assign(this, emitter());
    this.options = options;
    this.destroyed = false;
    this.url = null;
    const contents = emitter();
    this.webContents = Object.assign(contents, {
      id: nextId++,
      sent: [],
      windowOpenHandler: null,
      setWindowOpenHandler: (fn) => {
        contents.windowOpenHandler = fn;
      },
      send: (channel, message) => contents.sent.push({ channel, message }),
      isDestroyed: () => this.destroyed,
      reload: () => {},
    });
    recorded.windows.push(this);
  }

  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }

  isDestroyed() {
    return this.destroyed;
  }

  close() {
    this.destroyed = true;
  }

  setFullScreen() {}
  setBounds() {}
}

export const ipcMain = {
  ...emitter(),
  handle: (channel, fn) => recorded.ipcHandlers.set(channel, fn),
  removeHandler: (channel) => recorded.ipcHandlers.delete(channel),
};

export const Menu = { setApplicationMenu: () => {} };

/** Electron's net.fetch reads file: URLs; Node's fetch does not. */
export const net = {
  fetch: async (url) => {
    if (!url.startsWith('file:')) throw new Error(`stand-in net.fetch: ${url}`);
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response('', { status: 404 });
    }
  },
};

export const powerSaveBlocker = { start: () => 1, stop: () => {}, isStarted: () => false };

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => recorded.schemes.push(...schemes),
  handle: (scheme, handler) => recorded.protocolHandlers.set(scheme, handler),
};

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decryptString: (sealed) => Buffer.from(sealed).reverse().toString('utf8'),
};

export const screen = {
  ...emitter(),
  getAllDisplays: () => [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => ({ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }),
};

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived: (hook) => {
        recorded.headersHook = hook;
      },
    },
    setPermissionRequestHandler: (handler) => {
      recorded.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler) => {
      recorded.permissionCheckHandler = handler;
    },
  },
};

export const shell = { openExternal: () => Promise.resolve() };

export default { app, BrowserWindow, ipcMain, Menu, net, powerSaveBlocker, protocol, safeStorage, screen, session, shell };
