import { describe, expect, it } from 'vitest';
import { namedLayout } from '../../preload/layouts';
import { afterEdit, UNDO_DEPTH, type WallSnapshot } from './wallHistory';

const snapshot = (id: string): WallSnapshot => ({ wall: { layout: namedLayout('1')!, tiles: [id] }, spare: [] });

describe('the wall’s undo history', () => {
  it('keeps only the last few edits', () => {
    let history: WallSnapshot[] = [];
    for (let n = 0; n < UNDO_DEPTH + 5; n++) history = afterEdit(history, snapshot(`c${n}`), 'tiles');
    expect(history).toHaveLength(UNDO_DEPTH);
    expect(history.at(-1)).toEqual(snapshot(`c${UNDO_DEPTH + 4}`));
  });

  it('takes back a preset switch, and nothing before it', () => {
    const before = afterEdit([snapshot('a')], snapshot('b'), 'close');
    expect(afterEdit(before, snapshot('c'), 'preset')).toEqual([snapshot('c')]);
  });
});
