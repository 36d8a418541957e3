/** Listeners per key, so a change to one camera re-renders only what shows that camera. */
export class KeyedListeners<K> {
  private readonly listeners = new Map<K, Set<() => void>>();

  subscribe = (key: K, listener: () => void): (() => void) => {
    const set = this.listeners.get(key) ?? new Set();
    this.listeners.set(key, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  };

  notify(key: K): void {
    for (const listener of [...(this.listeners.get(key) ?? [])]) listener();
  }
}
