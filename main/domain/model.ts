/**
 * The stored data model: sites, cameras, the wall, console settings. Types come from the schema,
 * and every load and every write is checked against it.
 */
import { z } from 'zod';
import { GRID_SIZES, SITE_LEVELS } from '../../preload/api.js';

export const SCHEMA_VERSION = 1;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const SiteSchema = z.object({
  id,
  name: z.string().min(1).max(64),
  level: z.enum(SITE_LEVELS),
  parentId: id.nullable(),
});

export const StoredCameraSchema = z.object({
  id,
  name: z.string().min(1).max(64),
  siteId: id.nullable(),
  kind: z.enum(['rtsp', 'demo']),
  /** Never contains credentials. */
  mainUrl: z.string().min(1).max(2048),
  subUrl: z.string().min(1).max(2048).nullable(),
  username: z.string().max(128).nullable(),
  /** The password, encrypted by the platform's secret box; null when none is set. */
  passwordSealed: z.string().nullable(),
});

export const WallSchema = z.object({
  grid: z.union(GRID_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<1>, z.ZodLiteral<4>, z.ZodLiteral<9>, z.ZodLiteral<16>]),
  tiles: z.array(id.nullable()),
});

export const SettingsSchema = z.object({
  ffmpegPath: z.string().max(4096).nullable(),
});

export const StoredDataSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  sites: z.array(SiteSchema),
  cameras: z.array(StoredCameraSchema),
  wall: WallSchema,
  settings: SettingsSchema,
});

export type StoredSite = z.infer<typeof SiteSchema>;
export type StoredCamera = z.infer<typeof StoredCameraSchema>;
export type StoredWall = z.infer<typeof WallSchema>;
export type StoredData = z.infer<typeof StoredDataSchema>;

export function emptyData(): StoredData {
  return {
    schemaVersion: SCHEMA_VERSION,
    sites: [],
    cameras: [],
    wall: { grid: 9, tiles: Array<string | null>(9).fill(null) },
    settings: { ffmpegPath: null },
  };
}
