/**
 * Whether anyone can see this page: false once the window has been minimized or its tab hidden
 * for a while. A wall nobody sees decodes nothing: its tiles stop their players (main releases
 * the cameras' ffmpeg after the grace period) and open them again, from the cached GOP, when the
 * window comes back. A quick switch away and back (under HIDDEN_AFTER_MS) changes nothing.
 */
import { useSyncExternalStore } from 'react';
import { Observable } from '../lib/observable';

export const HIDDEN_AFTER_MS = 10_000;

const shown = new Observable<boolean>(true);
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

function onVisibilityChange(): void {
  clearTimeout(timer);
  if (document.visibilityState === 'visible') return shown.set(true);
  timer = setTimeout(() => shown.set(false), HIDDEN_AFTER_MS);
}

function subscribe(listener: () => void): () => void {
  if (!listening && typeof document !== 'undefined') {
    // One listener for the page's lifetime, however many tiles come and go.
    document.addEventListener('visibilitychange', onVisibilityChange);
    listening = true;
    // A page opened in a background tab starts hidden, with no event to say so.
    if (document.visibilityState !== 'visible') onVisibilityChange();
  }
  return shown.subscribe(listener);
}

export function usePageShown(): boolean {
  return useSyncExternalStore(subscribe, shown.get);
}
