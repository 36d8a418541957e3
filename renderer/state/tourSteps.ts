import type { Preset, WallState } from '../../preload/api';
import { fitTiles } from './wallLayout';

export interface TourStep {
  wall: WallState;
  dwellMs: number;
  /** The preset a step shows, or null for a page of cameras. */
  presetId: string | null;
  /** 1-based page number for a page step. */
  page: number | null;
}

/**
 * What a preset's tour shows, step by step: each preset's wall, or the preset's layout filled page
 * by page with the camera list. Steps naming a preset that no longer exists are skipped.
 */
export function tourSteps(owner: Preset, presets: readonly Preset[]): TourStep[] {
  const tour = owner.tour;
  if (!tour) return [];
  if (tour.kind === 'presets') {
    return tour.steps.flatMap((step) => {
      const preset = step.presetId === owner.id ? owner : presets.find((p) => p.id === step.presetId);
      return preset ? [{ wall: preset.wall, dwellMs: step.dwellSeconds * 1000, presetId: preset.id, page: null }] : [];
    });
  }
  const layout = owner.wall.layout;
  const size = layout.tiles.length;
  const pages = Math.ceil(tour.cameraIds.length / size);
  return Array.from({ length: pages }, (_, page) => ({
    wall: { layout, tiles: fitTiles(tour.cameraIds.slice(page * size, (page + 1) * size), size) },
    dwellMs: tour.dwellSeconds * 1000,
    presetId: null,
    page: page + 1,
  }));
}

