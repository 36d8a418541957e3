/**
 * The desktop app's rules for what reaches the page and what the page may reach, as pure
 * functions: Electron calls them through the handlers in security.ts and index.ts, and they are
 * tested here without Electron, which cannot run on every machine we build on.
 */
import { isAbsolute, join, normalize, relative } from 'node:path';

export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'wall';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;

/** Parses a URL, or null: a frame's URL can be empty or odd while it loads or dies. */
function parse(url: string | undefined): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}

/**
 * Whether a URL is our page. Compared by scheme and host: Node's URL gives every scheme it does
 * not know (app: among them) the origin "null", so comparing `origin` refuses our own page.
 */
export function isRendererUrl(url: string | undefined): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${RENDERER_SCHEME}:` && parsed.host === RENDERER_HOST;
}

export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Only our page's top frame may call; sub-frames, foreign pages and frames that are gone are refused. */
export function senderAllowed(event: { senderFrame?: SenderFrame | null }): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isRendererUrl(frame.url);
}

/**
 * What the wall asks of the browser: full screen for a wall monitor, and writing a wall's address
 * to the clipboard. Everything else (camera, microphone, location, notifications, devices,
 * reading the clipboard, …) is refused, and so is every request from a page that is not ours.
 */
const WALL_PERMISSIONS = new Set(['fullscreen', 'clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return WALL_PERMISSIONS.has(permission) && isRendererUrl(requestingUrl);
}

export type RendererFile = { ok: true; path: string } | { ok: false; status: 400 | 404 };

/**
 * The file an app:// request names inside the built renderer, or why not: 400 for a path that
 * cannot be decoded or holds a NUL or a backslash, 404 for anything outside the renderer folder.
 */
export function rendererFile(root: string, requestUrl: string): RendererFile {
  const url = parse(requestUrl);
  if (!url || url.host !== RENDERER_HOST) return { ok: false, status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // A NUL ends a path in C; a backslash is a separator on Windows, where `..\\` would climb out.
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400 };
  const path = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { ok: false, status: 404 };
  return { ok: true, path };
}
