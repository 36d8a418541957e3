import { useEffect } from 'react';
import { playbackCommandFor, typingInto } from './playbackKeys';
import { usePlaybackStore } from './usePlayback';

/**
 * While the wall plays back, its keys go to the clock (before the wall's own: ← → move the
 * selection and Space runs the tour when live).
 */
export function usePlaybackKeys(active: boolean): void {
  const store = usePlaybackStore();
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || typingInto(event.target)) return;
      const command = playbackCommandFor(event);
      if (!command) return;
      event.preventDefault();
      if (command.kind === 'step') store.stepFrame(command.step);
      else if (command.kind === 'speed') store.stepSpeed(command.step);
      else if (command.kind === 'pause') store.togglePause();
      else {
        const pos = store.positionNow();
        if (pos !== null) store.seek(Math.min(Date.now(), pos + command.ms));
      }
    };
    // Capture: the wall's own key handler (bubbling, on the document) sees it handled and leaves it.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [active, store]);
}
