/**
 * Schema version 1, frozen: what the first builds wrote. Only the migration reads it; never
 * change it (a new shape is a new version and a new migration).
 */
import { z } from 'zod';
import { SITE_LEVELS } from '../../preload/api.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const count = z.number().int();

// The wall and tour as version 1 wrote them, copied here so that no later change reaches them.
const WallStateSchema = z.object({
  layout: z.object({
    id: z.string().min(1).max(32),
    rows: count,
    cols: count,
    tiles: z.array(z.object({ row: count, col: count, rowSpan: count, colSpan: count })).max(64),
  }),
  tiles: z.array(id.nullable()).max(64),
});
const dwell = z.number().int().min(3).max(3600);
const TourSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('presets'), steps: z.array(z.object({ presetId: id, dwellSeconds: dwell })).min(1).max(64) }),
  z.object({ kind: z.literal('pages'), cameraIds: z.array(id).min(1).max(4096), dwellSeconds: dwell }),
]);

export const StoredDataV1Schema = z.object({
  schemaVersion: z.literal(1),
  sites: z.array(z.object({ id, name: z.string().min(1).max(64), level: z.enum(SITE_LEVELS), parentId: id.nullable() })),
  cameras: z.array(
    z.object({
      id,
      name: z.string().min(1).max(64),
      siteId: id.nullable(),
      kind: z.enum(['rtsp', 'demo']),
      mainUrl: z.string().min(1).max(2048),
      subUrl: z.string().min(1).max(2048).nullable(),
      username: z.string().max(128).nullable(),
      passwordSealed: z.string().nullable(),
    }),
  ),
  wall: WallStateSchema,
  presets: z.array(z.object({ id, name: z.string().min(1).max(64), siteId: id, wall: WallStateSchema, tour: TourSchema.nullable() })),
  settings: z.object({ ffmpegPath: z.string().max(4096).nullable() }),
});

export type StoredDataV1 = z.infer<typeof StoredDataV1Schema>;
