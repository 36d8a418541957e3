import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VIEW_GAP_MS, ViewLedger } from './viewLedger.js';

function ledger() {
  const written: string[] = [];
  const views = new ViewLedger((callerId, action, cameraId, profile) => written.push(`${callerId} ${action} ${cameraId} ${profile}`));
  return { views, written };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('views in the records', () => {
  it('counts no view for a camera that never delivered a picture, however often its player reconnects', () => {
    const { views, written } = ledger();
    for (let i = 0; i < 20; i++) {
      views.attached('page', 'dead', 'main', false);
      vi.advanceTimersByTime(12_000);
      views.detached('page', 'dead', 'main');
      vi.advanceTimersByTime(VIEW_GAP_MS + 1000);
    }
    expect(written).toEqual([]);
  });

  it('starts a view when the picture comes, and stops it only once the caller has been gone for the gap', () => {
    const { views, written } = ledger();
    views.attached('page', 'cam', 'main', false);
    views.live('cam', 'main');
    views.live('cam', 'main');
    expect(written).toEqual(['page view_start cam main']);
    views.detached('page', 'cam', 'main');
    vi.advanceTimersByTime(VIEW_GAP_MS - 1);
    expect(written).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(written).toEqual(['page view_start cam main', 'page view_stop cam main']);
  });

  it('keeps one view through the player reconnecting and switching between main and sub streams', () => {
    const { views, written } = ledger();
    views.attached('page', 'cam', 'main', true);
    for (let i = 0; i < 5; i++) {
      views.detached('page', 'cam', 'main');
      vi.advanceTimersByTime(12_000);
      views.attached('page', 'cam', 'main', i % 2 === 0);
    }
    views.attached('page', 'cam', 'sub', true);
    views.detached('page', 'cam', 'main');
    vi.advanceTimersByTime(VIEW_GAP_MS * 2);
    expect(written).toEqual(['page view_start cam main']);
    views.detached('page', 'cam', 'sub');
    vi.advanceTimersByTime(VIEW_GAP_MS);
    expect(written).toEqual(['page view_start cam main', 'page view_stop cam main']);
  });

  it('counts each caller on its own, and a picture of another profile does not start a view', () => {
    const { views, written } = ledger();
    views.attached('a', 'cam', 'sub', false);
    views.attached('b', 'cam', 'main', false);
    views.live('cam', 'main');
    expect(written).toEqual(['b view_start cam main']);
  });

  it('ends the views of a camera taken away at once, and the rest when the console closes', () => {
    const { views, written } = ledger();
    views.attached('page', 'home', 'main', true);
    views.attached('page', 'square', 'main', true);
    views.endCamera('home');
    expect(written.at(-1)).toBe('page view_stop home main');
    views.detached('page', 'home', 'main');
    views.close();
    expect(written).toEqual(['page view_start home main', 'page view_start square main', 'page view_stop home main', 'page view_stop square main']);
    vi.advanceTimersByTime(VIEW_GAP_MS);
    expect(written).toHaveLength(4);
  });

  it("hands a caller's open views over when someone else sits down: stop as the one, start as the next", () => {
    const { views, written } = ledger();
    views.attached('page', 'cam', 'main', true);
    views.attached('page', 'dead', 'main', false);
    views.attached('other', 'cam', 'main', true);
    written.length = 0;
    views.handOver('page', () => written.push('-- person changes --'));
    expect(written).toEqual(['page view_stop cam main', '-- person changes --', 'page view_start cam main']);
  });
});
