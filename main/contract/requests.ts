/**
 * The contract's request schemas: main validates every call's payload against these at runtime.
 *
 * They live on the main side only. The renderer and the preload get the contract's names and
 * types from `preload/api.ts`, which has no zod: a sandboxed preload cannot `require` an npm
 * package, and the page has no use for a validator. The check at the bottom keeps the two in
 * step: a schema whose input differs from the contract's `Requests` entry fails the typecheck.
 */
import { z } from 'zod';
import {
  AUDIT_ACTION_NAMES,
  MAX_IMPORT_BYTES,
  OWNER_KINDS,
  PLAYBACK_SOURCE_KINDS,
  PLAYER_CHOICES,
  BEYOND_CAP_CHOICES,
  PROFILES,
  RELAY_KINDS,
  REPORT_NAME_STYLES,
  SITE_LEVELS,
  type Channel,
  type Requests,
} from '../../preload/api.js';
import { MAX_TILES, layoutProblem } from '../../preload/layouts.js';

const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'id: 1–64 letters, digits, _ or -');

/**
 * An evidence file's name in the evidence folder: never a path, nor a hidden file, nor what Windows
 * refuses; Chinese camera names and `+0800` are fine.
 */
export const evidenceFile = z
  .string()
  .max(255)
  .regex(/^(?![. ])[^<>:"/\\|?*\u0000-\u001f\u007f]+(?<![. ])$/u, 'file: a file name in the evidence folder');
/** A site's recordings source as typed: checked further by domain/playbackSource.ts. */
const playbackSourceInput = z.object({
  kind: z.enum(PLAYBACK_SOURCE_KINDS),
  url: z.string().trim().min(1).max(512),
  pathTemplate: z.string().trim().min(1).max(256),
  token: z.string().max(1024).nullable().optional(),
});
const pin = z.string().regex(/^\d{4,8}$/, 'pin: 4–8 digits');
const reason = z.string().trim().max(200).optional();
const auditFilter = z.object({
  cameraId: id.optional(),
  siteId: id.optional(),
  action: z.enum(AUDIT_ACTION_NAMES).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

/** An operator: words a clerk types, trimmed; the badge is what they may type at the unlock instead of choosing a name. */
const OperatorInputSchema = z.object({
  id: id.optional(),
  name: z.string().trim().min(1).max(40),
  badge: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/, 'badge: 1–20 letters, digits or -'),
  unit: z.string().trim().max(60),
  admin: z.boolean(),
  disabled: z.boolean(),
  pin: pin.optional(),
});

/** Which cameras this console records, where, and for how long (the file keeps its own copy: model.ts). */
const RecordingSettingsSchema = z.object({
  folder: z.string().trim().min(1).max(4096).nullable(),
  cameras: z
    .array(z.object({ cameraId: id, profile: z.enum(PROFILES), days: z.number().int().min(1).max(3650) }))
    .max(1024)
    .refine((cameras) => new Set(cameras.map((c) => `${c.cameraId}:${c.profile}`)).size === cameras.length, 'cameras: each camera and profile once'),
  quotaGb: z.number().min(0.1).max(1_000_000).nullable(),
  minFreeGb: z.number().min(0).max(100_000),
});

/** A lock's time range: a real span, within a year (a case names when something happened). */
const lockRange = z
  .object({ cameraId: id, from: z.number().int().min(0), to: z.number().int().min(0), reason: z.string().trim().min(1).max(200) })
  .refine((lock) => lock.to > lock.from && lock.to - lock.from <= 366 * 86_400_000, 'to: after from, within a year');

/** An export's range: a real span of at most a day (a case names an hour or a few minutes). */
const exportRange = z
  .object({
    cameraIds: z.array(id).min(1).max(16).refine((ids) => new Set(ids).size === ids.length, 'cameraIds: each camera once'),
    profile: z.enum(PROFILES),
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    reason,
  })
  .refine((range) => range.to > range.from && range.to - range.from <= 86_400_000, 'to: after from, within a day');

export const UnattendedInputSchema = z.object({
  walls: z
    .array(
      z.object({
        index: z.number().int().min(1).max(8),
        displayId: z.number().int().nullable(),
        presetId: id.nullable(),
        tour: z.boolean(),
        fullscreen: z.boolean(),
      }),
    )
    .max(8),
  startAtLogin: z.boolean(),
  restoreWalls: z.boolean(),
  keepAwake: z.boolean(),
  onMissingDisplay: z.enum(['move', 'wait']),
  autoLockMinutes: z.number().int().min(1).max(240),
});

/** This console's decode budget rule: automatic stepping under pressure, and a fixed cap of full-rate tiles. */
export const BudgetRuleSchema = z.object({
  auto: z.boolean(),
  /** At most this many tiles at full rate (main or sub stream); null: no cap. */
  maxFullRate: z.number().int().min(0).max(64).nullable(),
  player: z.enum(PLAYER_CHOICES).optional(),
  beyondCap: z.enum(BEYOND_CAP_CHOICES).optional(),
});

const url = z.string().trim().min(1, 'url: required').max(2048);
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

export const GeoPointSchema = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });

export const CameraInputSchema = z.object({
  name: z.string().trim().min(1, 'name: required').max(64),
  siteId: id.nullable().optional(),
  mainUrl: url,
  subUrl: optionalText(2048),
  username: optionalText(128),
  password: optionalText(256),
  /** `public` when absent. */
  ownerKind: z.enum(OWNER_KINDS).optional(),
  tags: z.array(z.string().trim().min(1).max(32)).max(16).optional(),
  location: GeoPointSchema.nullable().optional(),
});

/**
 * Editing a camera: every field is sent. A blank `password` keeps the stored one;
 * `clearPassword` removes it. Blank `subUrl`/`username` mean none.
 */
export const CameraUpdateSchema = CameraInputSchema.extend({ id, clearPassword: z.boolean().optional() });

/**
 * Testing a connection: a stored camera (`cameraId` alone), or a form's unsaved values. A blank
 * password with a `cameraId` uses the stored one, only for the same host.
 */
export const ProbeRequestSchema = z.object({
  cameraId: id.optional(),
  mainUrl: url.optional(),
  username: optionalText(128),
  password: optionalText(256),
}).refine((r) => r.cameraId !== undefined || r.mainUrl !== undefined, { message: 'cameraId or mainUrl required', path: ['mainUrl'] });

export const SiteInputSchema = z.object({
  /** Absent: a new site. Present: renames, moves or re-levels that site. */
  id: id.optional(),
  name: z.string().trim().min(1, 'name: required').max(64),
  level: z.enum(SITE_LEVELS),
  parentId: id.nullable(),
});

const base64 = z.string().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/=\s]*$/, 'base64');
const fileName = z.string().trim().min(1).max(255);
/** A preset file is JSON text of at most 5 MB. */
const presetFile = z.string().min(1).max(MAX_IMPORT_BYTES);

const count = z.number().int();
export const LayoutSchema = z
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

export const WallStateSchema = z
  .object({ layout: LayoutSchema, tiles: z.array(id.nullable()).max(MAX_TILES) })
  .refine((w) => w.tiles.length === w.layout.tiles.length, { message: 'tiles: one entry per layout tile', path: ['tiles'] });

const dwell = z.number().int().min(3).max(3600);
export const TourSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('presets'), steps: z.array(z.object({ presetId: id, dwellSeconds: dwell })).min(1).max(64) }),
  z.object({ kind: z.literal('pages'), cameraIds: z.array(id).min(1).max(4096), dwellSeconds: dwell }),
]);

export const PresetInputSchema = z.object({
  /** Absent: a new preset. Present: replaces that preset. */
  id: id.optional(),
  name: z.string().trim().min(1).max(64),
  siteId: id,
  wall: WallStateSchema,
  tour: TourSchema.nullable().optional(),
  shortcut: z.number().int().min(1).max(9).nullable().optional(),
});

const none = z.undefined().or(z.null()).transform(() => undefined);

/** One call: what its request must look like, and whether only an admin may make it. */
export interface CallDefinition<S extends z.ZodType = z.ZodType> {
  request: S;
  /** Admins only: checked by the router before any handler runs, so no handler can forget. */
  admin: boolean;
}

const ADMIN = { admin: true } as const;
const defineCall = <S extends z.ZodType>(request: S, options: { admin?: boolean } = {}): CallDefinition<S> => ({ request, admin: options.admin ?? false });

/**
 * Every call, once: its request schema and who may make it. Adding a call means adding it to the
 * contract's `Requests` and `Responses` and here; main's contract test fails until it has a handler.
 */
export const CALLS = {
  'app.info': defineCall(none),
  'sites.list': defineCall(none),
  'cameras.list': defineCall(none),
  'cameras.add': defineCall(CameraInputSchema, ADMIN),
  'cameras.remove': defineCall(z.object({ id }), ADMIN),
  'wall.get': defineCall(none),
  'wall.set': defineCall(WallStateSchema),
  'presets.list': defineCall(none),
  'presets.save': defineCall(PresetInputSchema, ADMIN),
  'presets.remove': defineCall(z.object({ id }), ADMIN),
  'stream.open': defineCall(z.object({ cameraId: id, profile: z.enum(PROFILES), hevc: z.boolean().optional(), keyframesOnly: z.boolean().optional() })),
  'stream.setMode': defineCall(z.object({ viewerId: z.string().regex(/^[\w-]{8,64}$/), mode: z.enum(['full', 'keyframes']) })),
  'stream.still': defineCall(z.object({ cameraId: id, profile: z.enum(PROFILES) })),
  'health.load': defineCall(none),
  'stream.statuses': defineCall(none),
  'sites.save': defineCall(SiteInputSchema, ADMIN),
  'sites.remove': defineCall(z.object({ id, withContents: z.boolean().optional() }), ADMIN),
  'sites.setDefaultPreset': defineCall(z.object({ siteId: id, presetId: id.nullable() }), ADMIN),
  'cameras.update': defineCall(CameraUpdateSchema, ADMIN),
  'cameras.probe': defineCall(ProbeRequestSchema, ADMIN),
  'presets.rename': defineCall(z.object({ id, name: z.string().trim().min(1).max(64) }), ADMIN),
  'presets.export': defineCall(z.object({ presetIds: z.array(id).min(1).max(256) }), ADMIN),
  'presets.importPreview': defineCall(z.object({ json: presetFile }), ADMIN),
  'presets.importApply': defineCall(z.object({ json: presetFile, choices: z.record(id, z.enum(['mine', 'theirs'])).optional() }), ADMIN),
  'import.template': defineCall(none, ADMIN),
  'import.preview': defineCall(z.object({ fileName, base64, townshipId: id }), ADMIN),
  'import.probe': defineCall(z.object({ previewId: id, line: z.number().int().min(2).max(100_000) }), ADMIN),
  'import.commit': defineCall(z.object({ previewId: id, lines: z.array(z.number().int().min(2).max(100_000)).max(10_000) }), ADMIN),
  'access.state': defineCall(none),
  'access.unlock': defineCall(z.object({ pin, person: z.string().trim().min(1).max(64).optional() })),
  'operators.list': defineCall(none, ADMIN),
  'operators.save': defineCall(OperatorInputSchema, ADMIN),
  'operators.setReportNames': defineCall(z.object({ reportNames: z.enum(REPORT_NAME_STYLES) }), ADMIN),
  'access.lock': defineCall(none),
  'access.setPin': defineCall(z.object({ pin }), ADMIN),
  'access.setScope': defineCall(z.object({ siteId: id }), ADMIN),
  'access.scopeChoices': defineCall(none, ADMIN),
  'cameras.setConsent': defineCall(z.object({
    cameraId: id,
    ownerKind: z.enum(OWNER_KINDS),
    owner: z.object({ name: z.string().trim().min(1).max(64), contact: z.string().trim().max(64) }).nullable(),
    consent: z.object({ levels: z.array(z.enum(SITE_LEVELS)).max(4), until: z.number().int().nullable(), revoked: z.boolean() }).nullable(),
  }), ADMIN),
  'audit.query': defineCall(auditFilter, ADMIN),
  'audit.verify': defineCall(none, ADMIN),
  'audit.report': defineCall(z.object({ cameraId: id }), ADMIN),
  'evidence.snapshot': defineCall(z.object({ cameraId: id, reason })),
  'evidence.clipStart': defineCall(z.object({ cameraId: id, reason })),
  'evidence.clipStop': defineCall(z.object({ clipId: id })),
  // Operators see (and check) the evidence their console took that the access rules let them see.
  'evidence.list': defineCall(none),
  'evidence.verify': defineCall(z.object({ file: evidenceFile })),
  'evidence.signingKey': defineCall(none, ADMIN),
  'evidence.preview': defineCall(z.object({ file: evidenceFile })),
  'evidence.reveal': defineCall(z.object({ file: evidenceFile })),
  // Copying out is an export: admins only, like every export (rules.ts), a reason for household cameras.
  'evidence.copyOut': defineCall(z.object({ files: z.array(evidenceFile).min(1).max(500), folder: z.string().trim().min(1).max(4096), reason }), ADMIN),
  'health.log': defineCall(z.object({ lines: z.number().int().min(1).max(5000).optional() }).optional(), ADMIN),
  'sites.setRelay': defineCall(z.object({
    siteId: id,
    relay: z
      .object({
        kind: z.enum(RELAY_KINDS),
        template: z.string().trim().min(1).max(512),
        host: z.string().trim().min(1).max(255),
        token: z.string().max(512).nullable().optional(),
      })
      .nullable(),
  }), ADMIN),
  'cameras.setSource': defineCall(z.object({ cameraId: id, source: z.enum(['direct', ...RELAY_KINDS]), relayStream: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).nullable().optional() }), ADMIN),
  'sites.setPlayback': defineCall(z.object({ siteId: id, source: playbackSourceInput.nullable() }), ADMIN),
  'sites.testPlayback': defineCall(z.object({ siteId: id, source: playbackSourceInput }), ADMIN),
  'unattended.get': defineCall(none),
  'unattended.set': defineCall(UnattendedInputSchema, ADMIN),
  'budget.get': defineCall(none),
  'budget.setRule': defineCall(BudgetRuleSchema, ADMIN),
  'budget.pin': defineCall(z.object({ cameraId: id, pinned: z.boolean() })),
  'displays.list': defineCall(none),
  'recording.get': defineCall(none),
  'recording.set': defineCall(RecordingSettingsSchema, ADMIN),
  'recording.list': defineCall(
    z
      .object({ cameraId: id, profile: z.enum(PROFILES), from: z.number().int().min(0), to: z.number().int().min(0) })
      .refine((range) => range.to > range.from && range.to - range.from <= 31 * 86_400_000, 'to: after from, within 31 days'),
  ),
  'recording.lock': defineCall(lockRange, ADMIN),
  'recording.unlock': defineCall(z.object({ id }), ADMIN),
  'playback.open': defineCall(z.object({ cameraId: id, profile: z.enum(PROFILES), at: z.number().int().min(0) })),
  'playback.close': defineCall(z.object({ sessionId: id })),
  'recorderLan.get': defineCall(none, ADMIN),
  // An address literal, never a name: 0.0.0.0 (every network) only when the admin types it.
  'recorderLan.set': defineCall(z.object({ enabled: z.boolean(), host: z.ipv4('host: an IPv4 address of this PC, or 0.0.0.0'), port: z.number().int().min(1024).max(65535) }), ADMIN),
  'recorderLan.rotateToken': defineCall(none, ADMIN),
  'evidence.export': defineCall(exportRange, ADMIN),
} as const satisfies { [C in Channel]: CallDefinition };

/** Calls that change the console or read what others did: admins only. */
export const ADMIN_CALLS: ReadonlySet<Channel> = new Set((Object.keys(CALLS) as Channel[]).filter((channel) => CALLS[channel].admin));

/** The schema a call's payload must pass. */
export const requestSchema = (channel: Channel): z.ZodType => CALLS[channel].request;

/** A request as a handler receives it: validated, trimmed, defaults applied. */
export type ParsedRequest<C extends Channel> = z.output<(typeof CALLS)[C]['request']>;

// The schemas accept exactly what the contract says a caller may send.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mismatched = { [C in Channel]: Same<z.input<(typeof CALLS)[C]['request']>, Requests[C]> extends true ? never : C }[Channel];
const schemasMatchContract: [Mismatched] extends [never] ? true : Mismatched = true;
void schemasMatchContract;
