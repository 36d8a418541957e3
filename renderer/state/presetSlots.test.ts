import { describe, expect, it } from 'vitest';
import type { Preset } from '../../preload/api';
import { namedLayout } from '../../preload/layouts';
import { shortcutSlots, slotOf, wallShows } from './presetSlots';

const wall = { layout: namedLayout('1')!, tiles: [null] };
const plain = (id: string, shortcut?: number): Preset => ({ id, name: id, siteId: 's', wall, tour: null, ...(shortcut ? { shortcut } : {}) });
const tour = (id: string, shortcut?: number): Preset => ({ ...plain(id, shortcut), tour: { kind: 'presets', steps: [{ presetId: 'a', dwellSeconds: 10 }] } });

describe('Alt+N slots', () => {
  it('numbers plain presets in order and gives a tour none', () => {
    const slots = shortcutSlots([plain('a'), tour('t'), plain('b')]);
    expect([...slots].map(([n, p]) => [n, p.id])).toEqual([[1, 'a'], [2, 'b']]);
  });

  it('keeps a number given by hand, to a tour too, and fills the rest around it', () => {
    const presets = [plain('a'), plain('b'), tour('t', 1)];
    expect(slotOf(presets, 't')).toBe(1);
    expect(slotOf(presets, 'a')).toBe(2);
    expect(slotOf(presets, 'b')).toBe(3);
  });

  it('gives no number past 9', () => {
    const presets = Array.from({ length: 11 }, (_, i) => plain(`p${i}`));
    expect(shortcutSlots(presets).size).toBe(9);
    expect(slotOf(presets, 'p10')).toBeNull();
  });
});

describe('wallShows', () => {
  it('is true only for the same layout and the same cameras in the same tiles', () => {
    const four = { layout: namedLayout('4')!, tiles: ['x', null, 'y', null] };
    expect(wallShows(four, { wall: four })).toBe(true);
    expect(wallShows(four, { wall: { ...four, tiles: ['y', null, 'x', null] } })).toBe(false);
    expect(wallShows(four, { wall })).toBe(false);
  });
});
