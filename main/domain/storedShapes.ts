/**
 * The shapes of a wall, a tour and a map point as the settings file stores them. They start as
 * copies of the wire schemas in main/contract/requests.ts, but they are the file's own: a change
 * to what a call accepts must not silently change what a stored file may hold (that takes a new
 * schema version and a migration).
 */
import { z } from 'zod';
import { MAX_TILES, layoutProblem } from '../../preload/layouts.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const count = z.number().int();

export const StoredLayoutSchema = z
  .object({
    id: z.string().min(1).max(32),
    rows: count,
    cols: count,
    tiles: z.array(z.object({ row: count, col: count, rowSpan: count, colSpan: count })).max(MAX_TILES),
  })
  .superRefine((layout, ctx) => {
    const problem = layoutProblem(layout);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const StoredWallSchema = z
  .object({ layout: StoredLayoutSchema, tiles: z.array(id.nullable()).max(MAX_TILES) })
  .refine((w) => w.tiles.length === w.layout.tiles.length, { message: 'tiles: one entry per layout tile', path: ['tiles'] });

const dwell = z.number().int().min(3).max(3600);
export const StoredTourSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('presets'), steps: z.array(z.object({ presetId: id, dwellSeconds: dwell })).min(1).max(64) }),
  z.object({ kind: z.literal('pages'), cameraIds: z.array(id).min(1).max(4096), dwellSeconds: dwell }),
]);

export const StoredGeoPointSchema = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });
