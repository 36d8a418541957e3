/**
 * The stored data model (schema version 2): sites in a tree, cameras with their owner kind, tags
 * and location, the wall, presets, console settings. Types come from the schema, and every load
 * and every write is checked against it. Older files are brought here by ./migrations.ts.
 */
import { z } from 'zod';
import { BEYOND_CAP_CHOICES, OWNER_KINDS, PLAYER_CHOICES, PROFILES, REPORT_NAME_STYLES, SITE_LEVELS } from '../../preload/api.js';
import { StoredGeoPointSchema, StoredTourSchema, StoredWallSchema } from './storedShapes.js';
import { namedLayout } from '../../preload/layouts.js';

export const SCHEMA_VERSION = 2;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const SiteSchema = z.object({
  id,
  name: z.string().min(1).max(64),
  level: z.enum(SITE_LEVELS),
  parentId: id.nullable(),
  /** The preset a console serving this site opens when it has no wall of its own yet. */
  defaultPresetId: id.nullable(),
  /** A media server the site's cameras are published to; serves the sites below too. */
  relay: z
    .object({
      kind: z.enum(['relay-rtsp', 'relay-flv']),
      template: z.string().min(1).max(512),
      host: z.string().min(1).max(255),
      /** The relay's play token, sealed like a password. */
      tokenSealed: z.string().nullable(),
    })
    .nullable()
    .optional(),
  /** Where the site's recordings are read from (and the sites' below): another console's recorder or a MediaMTX playback server. */
  playback: z
    .object({
      kind: z.enum(['console', 'mediamtx']),
      url: z.string().min(1).max(512),
      pathTemplate: z.string().min(1).max(256),
      /** The source's token, sealed like a password. */
      tokenSealed: z.string().nullable(),
    })
    .nullable()
    .optional(),
});

/** A household owner's consent (filled in by the access rules; optional until then). */
export const ConsentSchema = z.object({
  levels: z.array(z.enum(SITE_LEVELS)),
  until: z.number().int().nullable(),
  revoked: z.boolean(),
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
  /** `household`: a camera a family lets the village use, shown only with its consent. */
  ownerKind: z.enum(OWNER_KINDS),
  tags: z.array(z.string().min(1).max(32)).max(16),
  location: StoredGeoPointSchema.nullable(),
  /** Household cameras only: who to call, and what they agreed to. */
  owner: z.object({ name: z.string().max(64), contact: z.string().max(64) }).nullable().optional(),
  consent: ConsentSchema.nullable().optional(),
  /** Where the pictures come from: the camera itself, or its site's media server. */
  source: z.enum(['direct', 'relay-rtsp', 'relay-flv']).optional(),
  /** The camera's stream name on the relay; its id when not set. */
  relayStream: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).nullable().optional(),
});

export const WallSchema = StoredWallSchema;

export const PresetSchema = z.object({
  id,
  name: z.string().min(1).max(64),
  siteId: id,
  wall: WallSchema,
  tour: StoredTourSchema.nullable(),
  /** Alt+N given to this preset or tour by hand; absent: plain presets take the free numbers in order, tours none. */
  shortcut: z.number().int().min(1).max(9).nullable().optional(),
});

export const SettingsSchema = z.object({
  ffmpegPath: z.string().max(4096).nullable(),
  /** Where snapshots and clips go; null: `evidence/` in the data folder. */
  evidenceDir: z.string().max(4096).nullable().default(null),
});

/** A PIN as stored: a salted scrypt hash (main/access/pin.ts), never the digits. */
export const PinHashSchema = z.object({ salt: z.string().max(64), hash: z.string().max(128), cost: z.number().int().min(10).max(20) });

/** This console: its id in audit records, the site it serves, and its admin PIN. */
export const ConsoleSchema = z.object({
  /** Made once, at the first start. */
  id: id.nullable(),
  /** null until an admin binds the console to a site (set-up). */
  scopeSiteId: id.nullable(),
  /** A salted scrypt hash; null until an admin sets a PIN (until then the console is in set-up). */
  pin: PinHashSchema.nullable(),
  pinLock: z.object({ failures: z.number().int().min(0), lockedUntil: z.number().int().nullable() }),
  /** The audit chain's end as last written, kept apart from the log: records cut or deleted while stopped are found. */
  auditAnchor: z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }).nullable().optional(),
});

/** A named operator (an officer): who the records name when they unlock a console with their own PIN. */
export const OperatorSchema = z.object({
  id,
  name: z.string().min(1).max(40),
  /** 警号 / 工号: typed at the unlock instead of choosing the name. */
  badge: z.string().min(1).max(20),
  /** The unit the records and the household report name with the person (e.g. 青山派出所). */
  unit: z.string().max(60),
  pin: PinHashSchema,
  /** May use the admin tools once unlocked (else an operator whose name is recorded). */
  admin: z.boolean(),
  /** Kept for the records' sake, but can no longer unlock. */
  disabled: z.boolean(),
});

/** The people who use this console, and how the household report names them. */
export const PeopleSchema = z.object({
  operators: z.array(OperatorSchema).max(500),
  reportNames: z.enum(REPORT_NAME_STYLES),
});

/** Masked by default: a printed sheet leaves the station, an officer's full name need not. */
export function defaultPeople(): z.infer<typeof PeopleSchema> {
  return { operators: [], reportNames: 'masked' };
}

export const WallWindowSchema = z.object({
  index: z.number().int().min(1).max(8),
  displayId: z.number().int().nullable(),
  presetId: id.nullable(),
  tour: z.boolean(),
  fullscreen: z.boolean(),
});

/** Walls on several monitors and running without anyone at the desk. */
export const UnattendedSchema = z.object({
  walls: z.array(WallWindowSchema).max(8),
  startAtLogin: z.boolean(),
  /** Open the saved wall windows, full screen, at every start. */
  restoreWalls: z.boolean(),
  /** Keep the monitors from sleeping while the console runs. */
  keepAwake: z.boolean(),
  onMissingDisplay: z.enum(['move', 'wait']),
  /** The admin role falls back to operator after this many idle minutes. */
  autoLockMinutes: z.number().int().min(1).max(240),
});

/** What this console records (see main/recording), and the time ranges kept as evidence. */
export const RecordingSchema = z.object({
  settings: z.object({
    /** null: `recordings/` in the data folder. */
    folder: z.string().max(4096).nullable(),
    cameras: z.array(z.object({ cameraId: id, profile: z.enum(PROFILES), days: z.number().int().min(1).max(3650) })).max(1024),
    quotaGb: z.number().positive().nullable(),
    minFreeGb: z.number().min(0),
  }),
  locks: z
    .array(z.object({ id, cameraId: id, from: z.number().int(), to: z.number().int(), by: z.string().max(128), reason: z.string().max(200), at: z.number().int() }))
    .max(10_000),
});

export function defaultRecording(): z.infer<typeof RecordingSchema> {
  return { settings: { folder: null, cameras: [], quotaGb: null, minFreeGb: 2 }, locks: [] };
}

export function defaultUnattended(): z.infer<typeof UnattendedSchema> {
  return { walls: [], startAtLogin: false, restoreWalls: false, keepAwake: true, onMissingDisplay: 'move', autoLockMinutes: 5 };
}

/** The recorder API opened to the LAN (main/playback/recorderLan.ts): off until an admin opens it. */
export const RecorderLanSchema = z.object({
  enabled: z.boolean(),
  host: z.string().max(64),
  port: z.number().int().min(1).max(65535),
  /** Its own token, sealed like a password; made when first turned on, replaced when rotated. */
  tokenSealed: z.string().nullable(),
});

/** The decode budget on this console: see renderer/features/budget. */
export const BudgetSchema = z.object({
  auto: z.boolean(),
  maxFullRate: z.number().int().min(0).max(64).nullable(),
  pinned: z.array(id).max(256),
  /** Which player shows live pictures; files written before there was a choice mean `auto`. */
  player: z.enum(PLAYER_CHOICES).default('auto'),
  /** What tiles beyond the full-rate cap show; files written before there was a choice mean keyframes. */
  beyondCap: z.enum(BEYOND_CAP_CHOICES).default('keyframes'),
});

export function defaultBudget(): z.infer<typeof BudgetSchema> {
  return { auto: true, maxFullRate: null, pinned: [], player: 'auto' as const, beyondCap: 'keyframes' as const };
}

export function freshConsole(scopeSiteId: string | null = null): z.infer<typeof ConsoleSchema> {
  return { id: null, scopeSiteId, pin: null, pinLock: { failures: 0, lockedUntil: null } };
}

export const StoredDataSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  sites: z.array(SiteSchema),
  cameras: z.array(StoredCameraSchema),
  wall: WallSchema,
  presets: z.array(PresetSchema),
  settings: SettingsSchema,
  console: ConsoleSchema,
  unattended: UnattendedSchema.default(defaultUnattended),
  budget: BudgetSchema.default(defaultBudget),
  /** Absent until the first operator is added (files from before named operators load as they are): read through `peopleOf`. */
  people: PeopleSchema.optional(),
  /** Absent until recording is first set up: read through `defaultRecording`. */
  recording: RecordingSchema.optional(),
  /** Absent until an admin opens the recorder API to the LAN. */
  recorderLan: RecorderLanSchema.optional(),
});

export type StoredSite = z.infer<typeof SiteSchema>;
export type StoredCamera = z.infer<typeof StoredCameraSchema>;
export type StoredWall = z.infer<typeof WallSchema>;
export type StoredPreset = z.infer<typeof PresetSchema>;
export type StoredData = z.infer<typeof StoredDataSchema>;
export type GeoPoint = z.infer<typeof StoredGeoPointSchema>;
export type StoredConsole = z.infer<typeof ConsoleSchema>;
export type UnattendedSettings = z.infer<typeof UnattendedSchema>;
export type BudgetSettings = z.infer<typeof BudgetSchema>;
export type RecordingData = z.infer<typeof RecordingSchema>;
export type RecorderLanData = z.infer<typeof RecorderLanSchema>;
export type StoredOperator = z.infer<typeof OperatorSchema>;
export type PeopleSettings = z.infer<typeof PeopleSchema>;

export function emptyData(): StoredData {
  return {
    schemaVersion: SCHEMA_VERSION,
    sites: [],
    cameras: [],
    wall: { layout: namedLayout('9')!, tiles: Array<string | null>(9).fill(null) },
    presets: [],
    settings: { ffmpegPath: null, evidenceDir: null },
    console: freshConsole(),
    unattended: defaultUnattended(),
    budget: defaultBudget(),
  };
}

export function peopleOf(data: Pick<StoredData, 'people'>): PeopleSettings {
  return data.people ?? defaultPeople();
}
