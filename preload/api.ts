/**
 * THE contract between the renderer and the main side.
 *
 * Every call (`invoke`) and every push event is declared here once. Main validates each
 * request against the schema below at runtime; the renderer imports only the types.
 * Both transports (Electron IPC through the preload, and the headless WebSocket) carry
 * exactly these calls, so a browser test exercises the same handlers the desktop app runs.
 */
import { z } from 'zod';
import { MAX_TILES, layoutProblem, type Layout } from './layouts';

// ---------------------------------------------------------------- shared shapes

export const PROFILES = ['main', 'sub'] as const;
export type Profile = (typeof PROFILES)[number];

export const SITE_LEVELS = ['bureau', 'station', 'township', 'village'] as const;
export type SiteLevel = (typeof SITE_LEVELS)[number];

export const STREAM_STATES = [
  'idle',
  'starting',
  'live',
  'stalled',
  'reconnecting',
  'offline',
  'unauthorized',
  'not_found',
  'unreachable',
  'unsupported_codec',
  'ffmpeg_missing',
  'bad_url',
] as const;
export type StreamState = (typeof STREAM_STATES)[number];

/** Closed set of error codes a call can return; the UI maps each to a catalogue sentence. */
export const ERROR_CODES = [
  'bad_request',
  'not_found',
  'forbidden',
  'conflict',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; message: string; detail?: string };

const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'id: 1–64 letters, digits, _ or -');

export interface Site {
  id: string;
  name: string;
  level: SiteLevel;
  parentId: string | null;
}

/** What the renderer may know of a camera: never the password, never credentials in URLs. */
export interface CameraView {
  id: string;
  name: string;
  siteId: string | null;
  /** `demo` cameras are ffmpeg-generated sources of the built-in demo site. */
  kind: 'rtsp' | 'demo';
  /** The main URL with any credentials removed. */
  mainUrl: string;
  subUrl: string | null;
  username: string | null;
  passwordSet: boolean;
}

export interface WallState {
  layout: Layout;
  /** One entry per layout tile, in the layout's order: a camera id, or null for an empty tile. */
  tiles: (string | null)[];
}

/** A tour (轮巡): through presets, or through pages of a camera list, each step shown `dwellSeconds`. */
export type Tour =
  | { kind: 'presets'; steps: { presetId: string; dwellSeconds: number }[] }
  | { kind: 'pages'; cameraIds: string[]; dwellSeconds: number };

/** A saved wall, owned by a township or police station site. */
export interface Preset {
  id: string;
  name: string;
  siteId: string;
  wall: WallState;
  tour: Tour | null;
}

export interface StreamStatus {
  cameraId: string;
  profile: Profile;
  state: StreamState;
  /** Technical detail for the "details" click: ffmpeg's own words, credentials redacted. */
  detail: string | null;
  /** ms since epoch when the state began. */
  since: number;
  lastFrameAt: number | null;
  bitrateKbps: number | null;
  fps: number | null;
  width: number | null;
  height: number | null;
  /** The codec the viewer receives. */
  codec: string | null;
  /** The camera's codec is being converted to H.264 for this viewer (costs CPU). */
  transcoding: boolean;
  viewers: number;
  /** Restart attempts since the last time the stream was live. */
  attempt: number;
  /** When the next attempt is due (ms since epoch), if one is scheduled. */
  retryAt: number | null;
}

export interface FfmpegInfo {
  ok: boolean;
  path: string | null;
  /** Where it was found: setting, FFMPEG_PATH, ffmpeg-static or PATH. */
  source: 'setting' | 'env' | 'ffmpeg-static' | 'path' | null;
  version: string | null;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'headless';
  ffmpeg: FfmpegInfo;
}

// ---------------------------------------------------------------- request schemas

const url = z.string().trim().min(1, 'url: required').max(2048);
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

export const CameraInputSchema = z.object({
  name: z.string().trim().min(1, 'name: required').max(64),
  siteId: id.nullable().optional(),
  mainUrl: url,
  subUrl: optionalText(2048),
  username: optionalText(128),
  password: optionalText(256),
});
export type CameraInput = z.input<typeof CameraInputSchema>;

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
});
export type PresetInput = z.input<typeof PresetInputSchema>;

const none = z.undefined().or(z.null()).transform(() => undefined);

/**
 * Every call: its request schema, and (as a type) its response.
 * Adding a call means adding it here, and main's contract test fails until it has a handler.
 */
export const requestSchemas = {
  'app.info': none,
  'sites.list': none,
  'cameras.list': none,
  'cameras.add': CameraInputSchema,
  'cameras.remove': z.object({ id }),
  'wall.get': none,
  'wall.set': WallStateSchema,
  'presets.list': none,
  'presets.save': PresetInputSchema,
  'presets.remove': z.object({ id }),
  /** `hevc`: whether this viewer can decode H.265 (MediaSource.isTypeSupported). */
  'stream.open': z.object({ cameraId: id, profile: z.enum(PROFILES), hevc: z.boolean().optional() }),
  'stream.statuses': none,
} as const;

export interface Responses {
  'app.info': AppInfo;
  'sites.list': Site[];
  'cameras.list': CameraView[];
  'cameras.add': CameraView;
  'cameras.remove': null;
  'wall.get': WallState;
  'wall.set': WallState;
  'presets.list': Preset[];
  'presets.save': Preset;
  'presets.remove': null;
  /** A loopback WebSocket URL, carrying the per-launch token, that streams FLV. */
  'stream.open': { url: string; type: 'flv' | 'mpegts' };
  'stream.statuses': StreamStatus[];
}

export type Channel = keyof typeof requestSchemas;
export const CHANNELS = Object.keys(requestSchemas) as Channel[];
export type Request<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequest<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
export type Response<C extends Channel> = Responses[C];

// ---------------------------------------------------------------- push events

export interface PushEvents {
  'stream.status': StreamStatus;
  'cameras.changed': null;
  'presets.changed': null;
}
export type PushEvent = keyof PushEvents;
export const PUSH_EVENTS: PushEvent[] = ['stream.status', 'cameras.changed', 'presets.changed'];

/** Name of the single IPC channel on which main pushes `{event, payload}` to a window. */
export const PUSH_CHANNEL = 'wall:push';

/** What both transports give the renderer. */
export interface WallApi {
  invoke<C extends Channel>(channel: C, payload?: Request<C>): Promise<Result<Response<C>>>;
  on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

// ---------------------------------------------------------------- the two transports

/**
 * What the Electron preload exposes as `window.wallBridge`: one function per call, plus a
 * subscription to push events. No raw ipcRenderer reaches the page.
 */
export interface WallBridge {
  call: { [C in Channel]: (payload?: Request<C>) => Promise<Result<Response<C>>> };
  on(event: PushEvent, listener: (payload: unknown) => void): () => void;
}

/** Headless transport: the page opens `ws://<host>/api?token=<token>` and speaks these frames (JSON). */
export interface ApiCallFrame {
  id: number;
  channel: string;
  payload?: unknown;
}
export type ApiServerFrame =
  | { id: number; result: Result<unknown> }
  | { event: PushEvent; payload: unknown };

/** Path of the headless API WebSocket. */
export const API_PATH = '/api';
