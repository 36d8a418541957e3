import type { WallApi } from '../../preload/api';
import { createElectronTransport } from './electron';
import { alwaysOpenLink, type Link } from './link';
import { takeSessionToken } from './token';
import { apiSocketUrl, createWebSocketTransport } from './websocket';

export type { Link, LinkStatus } from './link';

export type Transport = { kind: 'ready'; api: WallApi; link: Link } | { kind: 'no-token' };

/** Electron's preload bridge when there is one; otherwise the headless host's WebSocket. */
export function chooseTransport(): Transport {
  if (window.wallBridge) {
    return { kind: 'ready', api: createElectronTransport(window.wallBridge), link: alwaysOpenLink };
  }
  const token = takeSessionToken();
  if (token === null) return { kind: 'no-token' };
  return { kind: 'ready', ...createWebSocketTransport(apiSocketUrl(location, token)) };
}
