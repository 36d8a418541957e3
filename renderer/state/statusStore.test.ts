import { describe, expect, it } from 'vitest';
import { StatusStore, statusKey } from './statusStore';
import { testStatus } from './testStatus';

const status = testStatus;

function countCalls(store: StatusStore, key: ReturnType<typeof statusKey>) {
  const calls = { count: 0 };
  store.subscribe(key, () => calls.count++);
  return calls;
}

describe('StatusStore', () => {
  it('notifies only the subscribers of the camera whose status changed', () => {
    const store = new StatusStore();
    const a = countCalls(store, statusKey('cam-a', 'main'));
    const b = countCalls(store, statusKey('cam-b', 'main'));
    const aSub = countCalls(store, statusKey('cam-a', 'sub'));

    store.apply(status('cam-a', { state: 'live' }));

    expect(a.count).toBe(1);
    expect(b.count).toBe(0);
    expect(aSub.count).toBe(0);
    expect(store.get(statusKey('cam-a', 'main'))?.state).toBe('live');
  });

  it('stays quiet when a push repeats the same status', () => {
    const store = new StatusStore();
    const a = countCalls(store, statusKey('cam-a', 'main'));
    store.apply(status('cam-a', { state: 'live', fps: 15 }));
    store.apply(status('cam-a', { state: 'live', fps: 15 }));
    store.apply(status('cam-a', { state: 'live', fps: 14 }));
    expect(a.count).toBe(2);
  });

  it('stops notifying after unsubscribe', () => {
    const store = new StatusStore();
    let count = 0;
    const off = store.subscribe(statusKey('cam-a', 'main'), () => count++);
    off();
    store.apply(status('cam-a'));
    expect(count).toBe(0);
  });

  it('lets a push that arrived after the snapshot request win over the snapshot', () => {
    const store = new StatusStore();
    const mark = store.mark();
    store.apply(status('cam-a', { state: 'live' }));
    store.applySnapshot([status('cam-a', { state: 'starting' }), status('cam-b')], mark);
    expect(store.get(statusKey('cam-a', 'main'))?.state).toBe('live');
    expect(store.get(statusKey('cam-b', 'main'))?.state).toBe('starting');
  });

  it('forgets statuses the snapshot no longer contains', () => {
    const store = new StatusStore();
    store.apply(status('cam-a'));
    const a = countCalls(store, statusKey('cam-a', 'main'));
    store.applySnapshot([], store.mark());
    expect(store.get(statusKey('cam-a', 'main'))).toBeUndefined();
    expect(a.count).toBe(1);
  });

  it('keeps a failed camera failed while a new session for it starts, until it plays', () => {
    const store = new StatusStore();
    const key = statusKey('cam-a', 'main');
    store.apply(status('cam-a', { state: 'unreachable', attempt: 3 }));
    store.apply(status('cam-a', { state: 'idle' }));
    store.apply(status('cam-a', { state: 'starting' }));
    expect(store.get(key)).toMatchObject({ state: 'unreachable', attempt: 3 });
    store.apply(status('cam-a', { state: 'live' }));
    expect(store.get(key)?.state).toBe('live');
  });
});
