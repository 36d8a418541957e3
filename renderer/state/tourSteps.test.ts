import { describe, expect, it } from 'vitest';
import type { Preset, WallState } from '../../preload/api';
import { namedLayout } from '../../preload/layouts';
import { tourSteps } from './tourSteps';

const four = (tiles: (string | null)[]): WallState => ({ layout: namedLayout('4')!, tiles });
const preset = (id: string, wall: WallState, tour: Preset['tour'] = null): Preset => ({ id, name: id, siteId: 'town', wall, tour });

describe('tour steps', () => {
  it('shows each named preset for its own dwell and skips presets that were deleted', () => {
    const a = preset('a', four(['c1', null, null, null]));
    const b = preset('b', four(['c2', 'c3', null, null]));
    const tour = preset('t', four([null, null, null, null]), {
      kind: 'presets',
      steps: [
        { presetId: 'a', dwellSeconds: 10 },
        { presetId: 'gone', dwellSeconds: 10 },
        { presetId: 'b', dwellSeconds: 3 },
      ],
    });
    const steps = tourSteps(tour, [a, b, tour]);
    expect(steps.map((s) => [s.presetId, s.dwellMs])).toEqual([
      ['a', 10_000],
      ['b', 3_000],
    ]);
    expect(steps[1]!.wall).toBe(b.wall);
  });

  it('fills the layout page by page with the camera list, the last page padded with empty tiles', () => {
    const tour = preset('t', four([null, null, null, null]), { kind: 'pages', cameraIds: ['1', '2', '3', '4', '5', '6'], dwellSeconds: 20 });
    const steps = tourSteps(tour, [tour]);
    expect(steps.map((s) => s.wall.tiles)).toEqual([
      ['1', '2', '3', '4'],
      ['5', '6', null, null],
    ]);
    expect(steps.map((s) => s.page)).toEqual([1, 2]);
    expect(steps[0]!.dwellMs).toBe(20_000);
  });

  it('has no steps for a preset without a tour', () => {
    expect(tourSteps(preset('p', four([])), [])).toEqual([]);
  });
});
