/**
 * A reload that coalesces bursts of change events: at most one load in flight, plus one more
 * after it if anything asked meanwhile — so ten pushes in a row cost two loads, not ten.
 */
export function coalescedLoad(load: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = load().finally(() => {
      running = null;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return running;
  };
  return refresh;
}
