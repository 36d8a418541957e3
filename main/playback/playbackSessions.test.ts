import { describe, expect, it } from 'vitest';
import { PlaybackSessions, type PlaybackSession } from './playbackSessions.js';

describe('playback sessions', () => {
  it('serve only with their own secret, and only their owner may close them', () => {
    const sessions = new PlaybackSessions(() => {});
    const session = sessions.open('page-1', 'square', 'main');
    expect(sessions.redeem(session.id, session.secret)).toBe(session);
    expect(sessions.redeem(session.id, session.secret.slice(1))).toBeNull();
    expect(sessions.redeem(session.id, null)).toBeNull();
    expect(sessions.redeem('pb-unknown', session.secret)).toBeNull();
    expect(sessions.owned(session.id, 'page-2')).toBeNull();
    expect(sessions.owned(session.id, 'page-1')).toBe(session);
  });

  it('report each closed session once, with the range it served, also when their page goes', () => {
    const closed: PlaybackSession[] = [];
    const sessions = new PlaybackSessions((session) => closed.push({ ...session }));
    const a = sessions.open('page-1', 'square', 'main');
    sessions.open('page-1', 'yard', 'sub');
    const other = sessions.open('page-2', 'square', 'main');
    sessions.served(a, 5000, 8000);
    sessions.served(a, 2000, 6000);
    expect(sessions.close(a.id)).toBe(true);
    expect(sessions.close(a.id)).toBe(false);
    expect(sessions.closeCaller('page-1')).toBe(1);
    expect(closed.map((s) => [s.cameraId, s.watchedFrom, s.watchedTo])).toEqual([['square', 2000, 8000], ['yard', null, null]]);
    expect(sessions.redeem(other.id, other.secret)).toBe(other);
    sessions.closeAll();
    expect(sessions.size).toBe(0);
  });

  it('keep a page that never closes what it opens from growing without bound', () => {
    const closed: string[] = [];
    const sessions = new PlaybackSessions((session) => closed.push(session.id));
    const first = sessions.open('page-1', 'square', 'main');
    for (let i = 0; i < 100; i += 1) sessions.open('page-1', 'square', 'main');
    expect(sessions.size).toBe(64);
    expect(closed[0]).toBe(first.id);
  });
});
