/** The element that goes full screen: the wall with its tour bar, not the whole console. */
export const FULLSCREEN_ROOT_ID = 'wall-area';

export function toggleWallFullscreen(): void {
  if (document.fullscreenElement) {
    void document.exitFullscreen().catch(() => undefined);
    return;
  }
  const root = document.getElementById(FULLSCREEN_ROOT_ID);
  void root?.requestFullscreen().catch(() => undefined);
}
