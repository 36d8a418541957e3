/**
 * THE contract between the renderer and the main side.
 *
 * Every call (`invoke`) and every push event is declared here once, as names and types. Both
 * transports (Electron IPC through the preload, and the headless WebSocket) carry exactly these
 * calls, so a browser test exercises the same handlers the desktop app runs.
 *
 * This file imports no package: the sandboxed preload can `require` only `electron`, and the page
 * needs no validator. Main validates each request at runtime against the schemas in
 * `main/contract/requests.ts`, which the typecheck holds to the `Requests` below.
 */
import type { Layout } from './layouts';

// ---------------------------------------------------------------- shared shapes

export const PROFILES = ['main', 'sub'] as const;
export type Profile = (typeof PROFILES)[number];

export const SITE_LEVELS = ['bureau', 'station', 'township', 'village'] as const;
export type SiteLevel = (typeof SITE_LEVELS)[number];

/** `household`: a camera a family lets the village use; `public`: the village's own. */
export const OWNER_KINDS = ['public', 'household'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** WGS-84 longitude and latitude, as a map shows them. */
export interface GeoPoint {
  lng: number;
  lat: number;
}

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

export interface Site {
  id: string;
  name: string;
  level: SiteLevel;
  parentId: string | null;
  /** The preset a console serving this site opens with (always sent by main). */
  defaultPresetId?: string | null;
  /** The site's media server; the token itself never leaves main. */
  relay?: RelayView | null;
  /** Where the site's recordings are read from when not this console's recorder; the token never leaves main. */
  playback?: PlaybackSourceView | null;
}

/** Another console's recorder opened to the LAN, or a MediaMTX playback server. */
export const PLAYBACK_SOURCE_KINDS = ['console', 'mediamtx'] as const;
export type PlaybackSourceKind = (typeof PLAYBACK_SOURCE_KINDS)[number];
export interface PlaybackSourceView {
  kind: PlaybackSourceKind;
  /** The server's address: `http://10.0.0.5:9996`. */
  url: string;
  /** The camera's path there: `{cameraId}/{profile}` for a console, MediaMTX's path name otherwise. */
  pathTemplate: string;
  tokenSet: boolean;
}
/** A site's recordings source as an admin sets it; `token` undefined keeps the stored one, null clears it. */
export interface PlaybackSourceInput {
  kind: PlaybackSourceKind;
  url: string;
  pathTemplate: string;
  token?: string | null;
}

/**
 * Why another recorder could not be read (`remote:<problem>` in a refusal, or a /playback/get code).
 * `remote_refused` is its token refused; a console that took the token but will not share says why
 * in its own rule's words: no household consent at its level, the consent ended, not in its scope.
 */
export const REMOTE_PROBLEMS = ['remote_unreachable', 'remote_timeout', 'remote_refused', 'remote_no_consent', 'remote_consent_ended', 'remote_out_of_scope', 'remote_not_found', 'remote_bad_answer'] as const;
export type RemoteProblem = (typeof REMOTE_PROBLEMS)[number];

export const RELAY_KINDS = ['relay-rtsp', 'relay-flv'] as const;
export type RelayKindName = (typeof RELAY_KINDS)[number];
export interface RelayView {
  kind: RelayKindName;
  template: string;
  host: string;
  tokenSet: boolean;
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
  /** Always sent by main; optional only so older fixtures still type-check. */
  ownerKind?: OwnerKind;
  tags?: string[];
  location?: GeoPoint | null;
  /** Where the pictures come from: the camera itself, or its site's media server. */
  source?: 'direct' | RelayKindName;
  relayStream?: string | null;
  /**
   * Admins only: set when this console may not show the camera now (e.g. consent expired), so an
   * admin can still find it and renew the consent; operators are never sent such cameras.
   */
  withheld?: Refusal | null;
  /** Household cameras, for admins only: the owner and what they agreed to. */
  owner?: { name: string; contact: string } | null;
  consent?: ConsentView | null;
}

/** A household owner's consent: which levels may watch live, until when (ms), unless revoked. */
export interface ConsentView {
  levels: SiteLevel[];
  until: number | null;
  revoked: boolean;
}

export type Role = 'operator' | 'admin';

/** Why a camera or an action is refused; the UI has a sentence for each. */
export const REFUSALS = ['no_scope', 'out_of_scope', 'no_consent', 'consent_expired', 'consent_revoked', 'admin_only', 'reason_required', 'consent_ended_before'] as const;
export type Refusal = (typeof REFUSALS)[number];

/** How the household report names people: 张** (masked) or 张三丰 (full). */
export const REPORT_NAME_STYLES = ['masked', 'full'] as const;
export type ReportNameStyle = (typeof REPORT_NAME_STYLES)[number];

/** A named operator as the records say: who, with which badge (警号/工号), of which unit. */
export interface Person {
  id: string;
  name: string;
  badge: string;
  unit: string;
}

/** A named operator as the admin manages them (never their PIN). */
export interface OperatorView extends Person {
  admin: boolean;
  disabled: boolean;
}

/** Adds an operator (no id; a PIN is needed) or edits one (a PIN resets theirs). */
export interface OperatorInput {
  id?: string;
  name: string;
  badge: string;
  unit: string;
  admin: boolean;
  disabled: boolean;
  pin?: string;
}

export interface AccessState {
  consoleId: string;
  /** Who unlocked this console with their own PIN, until their session ends (lock, or idle). */
  person: (Person & { until: number }) | null;
  /** The operators who may unlock this console (names to choose from at the unlock). */
  operators: { id: string; name: string }[];
  /** The site this console serves; null while it is being set up. */
  scope: Site | null;
  role: Role;
  /** When the admin role falls back to operator without activity (ms), if admin. */
  adminUntil: number | null;
  pinSet: boolean;
  /** No PIN yet: whoever sits at the console is its admin until one is set. */
  setup: boolean;
  lockedUntil: number | null;
}

export const AUDIT_ACTION_NAMES = ['view_start', 'view_stop', 'playback_start', 'playback_stop', 'snapshot', 'clip', 'export', 'config_change', 'pin_failed', 'pin_ok', 'refused', 'chain_restart', 'records_lost', 'recorder_list'] as const;
export type AuditActionName = (typeof AUDIT_ACTION_NAMES)[number];

export interface AuditRecordView {
  seq: number;
  at: number;
  console: string;
  role: Role;
  action: AuditActionName;
  cameraId: string | null;
  cameraName: string | null;
  siteName: string | null;
  reason: string | null;
  detail: string | null;
  /** The named operator who did it; null for the console's PIN, set-up, or no one signed in. */
  person: Omit<Person, 'id'> | null;
  /** With no one named: the unit this console serves (for its own records), so a sheet need not show a machine's id. */
  consoleUnit: string | null;
  /** A merged record (refusals repeated by one caller): how many times it happened; absent for one. */
  repeats?: number | null;
}

export interface EvidenceItem {
  /** The media file; for an export, its case folder (which 核验 checks as a whole). */
  file: string;
  kind: 'clip' | 'snapshot' | 'export';
  cameraId: string;
  cameraName: string;
  startedAt: string;
  endedAt: string;
  sha256: string;
  bytes: number;
  partial: boolean;
  partialReason: string | null;
  reason: string | null;
  /** A clip's length in seconds (pre-roll included); null for a snapshot. */
  durationSeconds: number | null;
  /** A household camera's: copying it out needs a reason. */
  household: boolean;
}

/** Where an evidence file is: opened in the file manager (the desktop app), or only named (headless). */
export interface EvidenceLocation {
  opened: boolean;
  path: string;
  folder: string;
}

/** Evidence copied out to a folder (a USB drive): each file as hashed again after the copy. */
export interface EvidenceCopyOut {
  folder: string;
  copied: { file: string; sha256: string; bytes: number }[];
}

/** What 核验 checks of an evidence item, each with what it found. */
export const MEDIA_CHECKS = ['present', 'missing', 'not_checked'] as const;
export const HASH_CHECKS = ['matches', 'differs', 'not_checked'] as const;
export const SIGNATURE_CHECKS = ['valid', 'invalid', 'unsigned', 'unknown_key', 'no_key', 'not_checked'] as const;
export type SignatureCheck = (typeof SIGNATURE_CHECKS)[number];
export interface EvidenceChecks {
  media: (typeof MEDIA_CHECKS)[number];
  /** The media's SHA-256 against the one in its manifest. */
  hash: (typeof HASH_CHECKS)[number];
  /** The manifest's signature with this console's key. */
  signature: SignatureCheck;
}
/** The first thing wrong with an evidence item: media first, then its manifest's signature. */
export const EVIDENCE_VERIFY_PROBLEMS = ['bad_manifest', 'missing_media', 'hash_mismatch', 'bad_signature', 'unknown_key', 'unsigned', 'no_key'] as const;
export type EvidenceVerifyProblem = (typeof EVIDENCE_VERIFY_PROBLEMS)[number];

/** The console's signing key as others may see it, to check what this console signed. */
export interface SigningKeyView {
  /** First 16 hex digits of the SHA-256 of the public key (SPKI, DER), in groups of four. */
  fingerprint: string;
  publicKeyPem: string;
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
  /** Alt+N assigned by hand (a tour takes one only this way); absent or null: none assigned. */
  shortcut?: number | null;
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
  /** The camera's own codec (`codec` differs when it is converted), once known. */
  cameraCodec: string | null;
  /** The camera's codec is being converted to H.264 for this viewer (costs CPU). */
  transcoding: boolean;
  viewers: number;
  /** Restart attempts since the last time the stream was live. */
  attempt: number;
  /** When the next attempt is due (ms since epoch), if one is scheduled. */
  retryAt: number | null;
  /**
   * The camera is pulled (its recorder is fed) but its tiles cannot be served now: the H.265 they
   * cannot decode has no conversion slot free. A tile shows this instead of `state`; recording
   * goes on. Absent or null when tiles are served.
   */
  refused?: TileRefusal | null;
}

/** Why a session's tiles get no picture while the camera itself is live (`StreamStatus.refused`). */
export interface TileRefusal {
  state: 'unsupported_codec';
  detail: string;
  /** When the conversion is tried again (ms since epoch). */
  retryAt: number | null;
}

export interface FfmpegInfo {
  ok: boolean;
  path: string | null;
  /** Where it was found: setting, FFMPEG_PATH, ffmpeg-static or PATH. */
  source: 'setting' | 'env' | 'ffmpeg-static' | 'path' | null;
  version: string | null;
}

/** Which audit records to read (`audit.query`, `audit.csv`). */
export interface AuditFilter {
  cameraId?: string;
  siteId?: string;
  action?: AuditActionName;
  from?: number;
  to?: number;
  limit?: number;
}

export interface DisplayView {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  primary: boolean;
}

export interface UnattendedSettingsView {
  walls: { index: number; displayId: number | null; presetId: string | null; tour: boolean; fullscreen: boolean }[];
  startAtLogin: boolean;
  restoreWalls: boolean;
  keepAwake: boolean;
  onMissingDisplay: 'move' | 'wait';
  autoLockMinutes: number;
}

/**
 * Which player shows live pictures: `auto` (WebCodecs where the browser can, else mpegts.js),
 * `webcodecs` (低延迟: each frame as it is decoded), `mpegts` (兼容: Media Source Extensions).
 */
export const PLAYER_CHOICES = ['auto', 'webcodecs', 'mpegts'] as const;
export type PlayerChoice = (typeof PLAYER_CHOICES)[number];

/**
 * What the tiles beyond the full-rate cap show: `keyframes` (省流 · 1 帧/秒) or `still` (a still
 * picture refreshed every few seconds: on a weak PC it costs almost no decoding).
 */
export const BEYOND_CAP_CHOICES = ['keyframes', 'still'] as const;
export type BeyondCap = (typeof BEYOND_CAP_CHOICES)[number];

/** This console's decode budget rule: automatic stepping under pressure, and a fixed cap of full-rate tiles. */
export interface BudgetRule {
  auto: boolean;
  /** At most this many tiles at full rate (main or sub stream); null: no cap. */
  maxFullRate: number | null;
  /** Absent: unchanged. */
  player?: PlayerChoice;
  /** Absent: unchanged. */
  beyondCap?: BeyondCap;
}

export interface BudgetSettingsView {
  auto: boolean;
  maxFullRate: number | null;
  player: PlayerChoice;
  beyondCap: BeyondCap;
  /** Cameras kept at full quality ("保持全画质") on this console. */
  pinned: string[];
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'headless';
  ffmpeg: FfmpegInfo;
  /** Set when the settings file was damaged at start: what happened to it, for a banner. */
  storeNotice?: StoreNotice | null;
  /** What the console found wrong with its own records and logs, at start or now. */
  notices?: ConsoleNotice[];
  /** How much of the audit is kept, and from when. */
  auditRetention?: AuditRetentionView | null;
}

/** Why a file or folder could not be written, in words the UI has a sentence for. */
export const DISK_PROBLEMS = ['disk_full', 'no_permission', 'no_folder', 'failed'] as const;
export type DiskProblem = (typeof DISK_PROBLEMS)[number];

// ---------------------------------------------------------------- recording

/** What keeps this console's recorder from recording, in words the UI has a sentence for. */
export const RECORDING_PROBLEMS = ['disk_full', 'ffmpeg_missing'] as const;
export type RecordingProblem = (typeof RECORDING_PROBLEMS)[number];

/** Which cameras this console records, where, and for how long. */
export interface RecordingSettingsView {
  /** null: `recordings/` in the data folder. */
  folder: string | null;
  /** Each (camera, profile) recorded, with its days to keep. */
  cameras: { cameraId: string; profile: Profile; days: number }[];
  /** The most all footage may take; null for no quota. */
  quotaGb: number | null;
  /** Free space the disk must keep; recording pauses rather than go below it. */
  minFreeGb: number;
}

/** A time range of one camera kept for a case: never deleted by retention. */
export interface EvidenceLockView {
  id: string;
  cameraId: string;
  from: number;
  to: number;
  /** Who locked it: the console and role. */
  by: string;
  reason: string;
  at: number;
}

export interface RecordingStateView {
  settings: RecordingSettingsView;
  locks: EvidenceLockView[];
  problem: RecordingProblem | null;
  /** The recorders running now, and whether each is writing a segment at this moment. */
  recorders: { cameraId: string; profile: Profile; writing: boolean }[];
  /** Every stream set to record: recording now, or why not (also pushed as `recording.marks`). */
  marks: RecordingMark[];
  /** What is on disk, as of the last retention pass; null before the first. */
  figures: RecordingFiguresView | null;
}

/** The recording settings' figures: per stream on disk, and how long until the disk's share is full. */
export interface RecordingFiguresView {
  /** When they were measured (ms). */
  at: number;
  /**
   * false while the console is still reading the folder's sidecars (a minute or so with a month
   * of footage): each stream's oldest footage and count are known from the file names, its sizes
   * and rates (and so the disk's days until full) are null until then, and the settings say so.
   */
  complete: boolean;
  streams: { cameraId: string; profile: Profile; oldest: number; segments: number; bytes: number | null; bytesPerDay: number | null }[];
  /** null while counting. */
  usedBytes: number | null;
  /** null when the disk could not be measured. */
  freeBytes: number | null;
  /** At the current rate, until the quota or the minimum free space is reached; null while nothing is written. */
  daysUntilFull: number | null;
}

/**
 * Why a stream set to record is not being recorded, said with the tile's own words: the camera's
 * stream state (`stream`: the UI reads it from the stream's status, as the tile does), the
 * recorder's problem (disk full), the access rules' refusal (consent ended), or a codec the
 * recorder would have to convert.
 */
export type RecordingBlock = { kind: 'stream' } | { kind: 'problem'; problem: RecordingProblem } | { kind: 'refusal'; refusal: Refusal } | { kind: 'codec' };

/** One (camera, profile) this console is set to record: writing now, waiting for its first keyframe (neither), or blocked. */
export interface RecordingMark {
  cameraId: string;
  profile: Profile;
  recording: boolean;
  blocked: RecordingBlock | null;
}

export type RecordingGapReason = 'output_switched' | 'offline' | 'unauthorized' | 'disk_full' | 'console_stopped' | 'writer_failed' | 'unknown';

/** What is on disk for a camera over a time range: segments (UTC ms), the gaps between, and the locks. */
/**
 * Playback of recorded footage (this console's recorder). `url` is a loopback HTTP URL carrying
 * the session's ticket and the launch token, in MediaMTX's /get shape for this session's camera:
 * `GET {url}&start=<epoch ms or RFC3339>&duration=<seconds>[&keyframes=1]` answers `video/mp4`
 * (fragmented: ftyp + moov with avcC, then moof/mdat) from the keyframe at or before `start`,
 * remuxed without re-encoding across segments. Header `X-Start-Ms`: epoch ms of the first
 * sample's decode time; decode times inside count from it (timescale from mdhd). A refusal
 * answers JSON `{code: PlaybackGetCode}`; 404 `nothing_recorded` carries `X-Next-Ms` (the next
 * recorded time) when there is one.
 */
export interface PlaybackOpenView {
  sessionId: string;
  url: string;
  /** The recorded footage of this camera and profile: its first and last instant (epoch ms). */
  recordedFrom: number;
  recordedTo: number;
  /** Read from another recorder (the site's playback source) through this console: export needs local footage. */
  remote?: boolean;
}

/** Why the recorder API could not be opened to the LAN, in words the settings have a sentence for. */
export const RECORDER_LAN_PROBLEMS = ['address_in_use', 'address_unavailable', 'no_permission', 'failed'] as const;
export type RecorderLanProblem = (typeof RECORDER_LAN_PROBLEMS)[number];

/**
 * This console's recorder API (`/list`, `/get`) opened to the LAN for other consoles to read
 * (admin only; off by default). The token is never sent again once shown.
 */
export interface RecorderLanView {
  enabled: boolean;
  /** The address chosen: one of this PC's, or 0.0.0.0 (every network) when the admin chose it. */
  host: string;
  port: number;
  tokenSet: boolean;
  /** Where it listens now; null when off or when it could not. */
  listening: { host: string; port: number } | null;
  problem: RecorderLanProblem | null;
  /** This PC's IPv4 addresses on its networks, to choose from. */
  addresses: string[];
  /** The token, only in the answer that made it (first turned on, or rotated): shown once. */
  newToken: string | null;
}

/** Why a playback /get is refused (HTTP 400/403/404), for the player to word. */
export const PLAYBACK_GET_CODES = ['bad_request', 'forbidden', 'session_closed', 'nothing_recorded', 'consent_ended_before', 'consent_revoked', 'no_consent', 'out_of_scope', 'internal', ...REMOTE_PROBLEMS] as const;
export type PlaybackGetCode = (typeof PLAYBACK_GET_CODES)[number];

/** A case folder exported as evidence: one MP4 per camera and a signed manifest. */
export interface EvidenceExportView {
  /** The case folder's absolute path. */
  folder: string;
  /** The MP4s in it, one per camera, by file name. */
  files: string[];
  /** The manifest's file name in the folder. */
  manifest: string;
  /** How many evidence locks were added (one per camera) so retention keeps the range. */
  locked: number;
}

export interface RecordingListView {
  /**
   * `bytesPerSecond`: the activity from `startedAt`, one value a second, or one per `secondsPerValue`
   * seconds (the busiest of each) where another console listed a long range compactly.
   */
  segments: { file: string; startedAt: number; endedAt: number; bytes: number; keyframes: number | null; bytesPerSecond: number[]; secondsPerValue?: number; repaired: boolean }[];
  gaps: { from: number; to: number; reason: RecordingGapReason }[];
  locks: EvidenceLockView[];
}

/**
 * Something wrong with the console's own files: the audit's last line half written by a power
 * cut (kept aside), audit records missing since the console last stopped, or the audit or the
 * health log that cannot be written now.
 */
export interface ConsoleNotice {
  kind: 'audit_torn_tail' | 'audit_records_missing' | 'audit_unwritable' | 'health_log_unwritable';
  /** The torn tail kept aside, or the folder or file that cannot be written. */
  path: string | null;
  /** Missing records' sequence numbers, first and last. */
  from: number | null;
  to: number | null;
  problem: DiskProblem | null;
  /** The system's own words, for the details view. */
  detail: string;
  at: number;
}

export interface AuditRetentionView {
  keepFiles: number;
  maxFileBytes: number;
  files: number;
  oldestAt: number | null;
}

/**
 * The settings file could not be read at start. It was moved aside (never overwritten), and the
 * console started from the newest good backup (`recovered`) or, with none, afresh (`reset`).
 */
export interface StoreNotice {
  kind: 'recovered' | 'reset';
  movedTo: string;
  backupFrom: string | null;
  /** When that backup was written, ms since epoch. */
  backupAt: number | null;
  /** What was wrong with the file, for the details view. */
  problem: string;
  /**
   * Set when the file was whole but of an older schema version than this console already wrote
   * there (an old copy put back): it was refused rather than upgraded into a console with no PIN.
   */
  olderVersion?: number | null;
}

/** How a connection test ended, in words the UI has a sentence for. */
export const PROBE_OUTCOMES = ['ok', 'unauthorized', 'not_found', 'unreachable', 'timeout', 'unsupported_codec', 'no_video', 'bad_url', 'ffmpeg_missing', 'failed'] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

export interface ProbeReport {
  outcome: ProbeOutcome;
  codec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  elapsedMs: number;
  /** ffmpeg's own words, credentials redacted. */
  detail: string | null;
}

/** Columns a spreadsheet row can fill (Chinese or English headers map to these). */
export const IMPORT_FIELDS = ['name', 'village', 'mainUrl', 'subUrl', 'username', 'password', 'ownerKind', 'location', 'tags'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** One spreadsheet row as main understood it: never the password, never credentials in URLs. */
export interface ImportRowView {
  /** The row's number as the spreadsheet shows it (the header is row 1). */
  line: number;
  name: string;
  village: string;
  mainUrl: string;
  subUrl: string | null;
  username: string | null;
  passwordSet: boolean;
  ownerKind: OwnerKind;
  location: GeoPoint | null;
  tags: string[];
  /** Empty when the row can be imported; otherwise `field:problem` for each thing wrong. */
  problems: string[];
}

export interface ImportPreview {
  /** Names this preview in main for `import.probe` and `import.commit` (kept for 30 minutes). */
  previewId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  /** The text encoding a CSV was read in (`utf-8`, `gb18030`, `utf-16le`); null for XLSX. */
  encoding: string | null;
  townshipId: string;
  rows: ImportRowView[];
  /** Village names that do not exist under the township yet and will be created. */
  newVillages: string[];
}

export interface ImportResult {
  imported: number;
  villagesCreated: string[];
  /** Rows not imported, each with why (`field:problem`). */
  skipped: { line: number; problems: string[] }[];
}

/** A camera in a preset file whose id is already here with another address. */
export interface CameraConflict {
  cameraId: string;
  mine: { name: string; mainUrl: string; subUrl: string | null };
  theirs: { name: string; mainUrl: string; subUrl: string | null };
}

export interface PresetImportPreview {
  presets: { id: string; name: string; replaces: boolean }[];
  newSites: number;
  newCameras: number;
  conflicts: CameraConflict[];
}

export interface PresetImportResult {
  presets: number;
  sites: number;
  cameras: number;
  /** Conflicts settled each way. */
  keptMine: number;
  tookTheirs: number;
}

// ---------------------------------------------------------------- requests

/** The input of a call that takes nothing. */
type None = undefined | null;

export interface CameraInput {
  name: string;
  siteId?: string | null;
  mainUrl: string;
  /** Blank means none. */
  subUrl?: string;
  username?: string;
  password?: string;
  /** `public` when absent. */
  ownerKind?: OwnerKind;
  tags?: string[];
  location?: GeoPoint | null;
}

/**
 * Editing a camera: every field is sent. A blank `password` keeps the stored one;
 * `clearPassword` removes it. Blank `subUrl`/`username` mean none.
 */
export interface CameraUpdate extends CameraInput {
  id: string;
  clearPassword?: boolean;
}

/**
 * Testing a connection: a stored camera (`cameraId` alone), or a form's unsaved values. A blank
 * password with a `cameraId` uses the stored one, only for the same host.
 */
export interface ProbeRequest {
  cameraId?: string;
  mainUrl?: string;
  username?: string;
  password?: string;
}

export interface SiteInput {
  /** Absent: a new site. Present: renames, moves or re-levels that site. */
  id?: string;
  name: string;
  level: SiteLevel;
  parentId: string | null;
}

export interface PresetInput {
  /** Absent: a new preset. Present: replaces that preset. */
  id?: string;
  name: string;
  siteId: string;
  wall: WallState;
  tour?: Tour | null;
  shortcut?: number | null;
}

/** Spreadsheets travel base64-encoded; 5 MB of file is about 6.7 MB of base64. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** What a caller sends with each call. Main's schemas (main/contract/requests.ts) accept exactly this. */
export interface Requests {
  'app.info': None;
  'sites.list': None;
  'cameras.list': None;
  'cameras.add': CameraInput;
  'cameras.remove': { id: string };
  'wall.get': None;
  'wall.set': WallState;
  'presets.list': None;
  'presets.save': PresetInput;
  'presets.remove': { id: string };
  /** `hevc`: whether this viewer can decode H.265 (MediaSource.isTypeSupported). */
  'stream.open': { cameraId: string; profile: Profile; hevc?: boolean; keyframesOnly?: boolean };
  /** Full rate, or keyframes only (about 1 picture a second) for a tile under decode pressure. */
  'stream.setMode': { viewerId: string; mode: 'full' | 'keyframes' };
  /** A still picture of a camera now (JPEG), for tiles stepped down to stills. */
  'stream.still': { cameraId: string; profile: Profile };
  /** How busy the main side is: its own CPU and its ffmpeg children's, in % of one core. */
  'health.load': None;
  'stream.statuses': None;
  'sites.save': SiteInput;
  /** Refuses a site with sites or cameras under it unless `withContents` is true. */
  'sites.remove': { id: string; withContents?: boolean };
  'sites.setDefaultPreset': { siteId: string; presetId: string | null };
  'cameras.update': CameraUpdate;
  'cameras.probe': ProbeRequest;
  'presets.rename': { id: string; name: string };
  'presets.export': { presetIds: string[] };
  /** A preset file is JSON text of at most MAX_IMPORT_BYTES. */
  'presets.importPreview': { json: string };
  /** Conflicts without a choice keep mine. */
  'presets.importApply': { json: string; choices?: Record<string, 'mine' | 'theirs'> };
  'import.template': None;
  'import.preview': { fileName: string; base64: string; townshipId: string };
  'import.probe': { previewId: string; line: number };
  'import.commit': { previewId: string; lines: number[] };
  'access.state': None;
  /** With `person` (an operator's id or badge) their own PIN; without, the console's PIN. */
  'access.unlock': { pin: string; person?: string };
  'operators.list': None;
  'operators.save': OperatorInput;
  'operators.setReportNames': { reportNames: ReportNameStyle };
  'access.lock': None;
  'access.setPin': { pin: string };
  'access.setScope': { siteId: string };
  /** Every site, for an admin choosing (or widening) the site this console serves. */
  'access.scopeChoices': None;
  'cameras.setConsent': {
    cameraId: string;
    ownerKind: OwnerKind;
    owner: { name: string; contact: string } | null;
    consent: { levels: SiteLevel[]; until: number | null; revoked: boolean } | null;
  };
  'audit.query': AuditFilter;
  'audit.verify': None;
  /** One household camera's views, snapshots and clips, people named as the bureau chose. */
  'audit.report': { cameraId: string };
  'evidence.snapshot': { cameraId: string; reason?: string };
  'evidence.clipStart': { cameraId: string; reason?: string };
  'evidence.clipStop': { clipId: string };
  'evidence.list': None;
  'evidence.verify': { file: string };
  'evidence.signingKey': None;
  'evidence.preview': { file: string };
  'evidence.reveal': { file: string };
  'evidence.copyOut': { files: string[]; folder: string; reason?: string };
  'health.log': { lines?: number } | undefined;
  /** A site's media server: kind, URL template, host, and the play token (undefined keeps the stored one). */
  'sites.setRelay': {
    siteId: string;
    relay: { kind: RelayKindName; template: string; host: string; token?: string | null } | null;
  };
  'cameras.setSource': { cameraId: string; source: 'direct' | RelayKindName; relayStream?: string | null };
  /** Where a site's recordings are read from; null: this console's recorder (admin). */
  'sites.setPlayback': { siteId: string; source: PlaybackSourceInput | null };
  /** 测试连接: asks the source's /list for one camera of the site (the form's values; token undefined: the stored one). */
  'sites.testPlayback': { siteId: string; source: PlaybackSourceInput };
  'unattended.get': None;
  'unattended.set': UnattendedSettingsView;
  'budget.get': None;
  'budget.setRule': BudgetRule;
  'budget.pin': { cameraId: string; pinned: boolean };
  /** Monitors this console can put walls on (none in headless mode: there, walls are browser windows with ?wall=N). */
  'displays.list': None;
  'recording.get': None;
  'recording.set': RecordingSettingsView;
  'recording.list': { cameraId: string; profile: Profile; from: number; to: number };
  'recording.lock': { cameraId: string; from: number; to: number; reason: string };
  'recording.unlock': { id: string };
  /** Opens playback of a camera at a recorded time (epoch ms); access is checked for that time. */
  'playback.open': { cameraId: string; profile: Profile; at: number };
  'playback.close': { sessionId: string };
  /** The recorder API on the LAN: where, and whether it is open (admin). */
  'recorderLan.get': None;
  'recorderLan.set': { enabled: boolean; host: string; port: number };
  /** A new LAN token; the old one stops working at once (admin). */
  'recorderLan.rotateToken': None;
  /** Exports a recorded range of one or several cameras into one case folder (admin). */
  'evidence.export': { cameraIds: string[]; profile: Profile; from: number; to: number; reason?: string };
}

// Every call once: the type refuses a missing or unknown name.
const CALLS: { [C in keyof Requests]: true } = {
  'app.info': true,
  'sites.list': true,
  'cameras.list': true,
  'cameras.add': true,
  'cameras.remove': true,
  'wall.get': true,
  'wall.set': true,
  'presets.list': true,
  'presets.save': true,
  'presets.remove': true,
  'stream.open': true,
  'stream.setMode': true,
  'stream.still': true,
  'health.load': true,
  'stream.statuses': true,
  'sites.save': true,
  'sites.remove': true,
  'sites.setDefaultPreset': true,
  'cameras.update': true,
  'cameras.probe': true,
  'presets.rename': true,
  'presets.export': true,
  'presets.importPreview': true,
  'presets.importApply': true,
  'import.template': true,
  'import.preview': true,
  'import.probe': true,
  'import.commit': true,
  'access.state': true,
  'access.unlock': true,
  'access.lock': true,
  'access.setPin': true,
  'access.setScope': true,
  'access.scopeChoices': true,
  'cameras.setConsent': true,
  'audit.query': true,
  'audit.verify': true,
  'audit.report': true,
  'operators.list': true,
  'operators.save': true,
  'operators.setReportNames': true,
  'evidence.snapshot': true,
  'evidence.clipStart': true,
  'evidence.clipStop': true,
  'evidence.list': true,
  'evidence.verify': true,
  'evidence.signingKey': true,
  'evidence.preview': true,
  'evidence.reveal': true,
  'evidence.copyOut': true,
  'health.log': true,
  'sites.setRelay': true,
  'cameras.setSource': true,
  'sites.setPlayback': true,
  'sites.testPlayback': true,
  'unattended.get': true,
  'unattended.set': true,
  'budget.get': true,
  'budget.setRule': true,
  'budget.pin': true,
  'displays.list': true,
  'recording.get': true,
  'recording.set': true,
  'recording.list': true,
  'recording.lock': true,
  'recording.unlock': true,
  'playback.open': true,
  'playback.close': true,
  'recorderLan.get': true,
  'recorderLan.set': true,
  'recorderLan.rotateToken': true,
  'evidence.export': true,
};
export const CHANNELS = Object.keys(CALLS) as Channel[];

// ---------------------------------------------------------------- responses

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
  /** `viewerId` names the viewer the URL opens, for stream.setMode. */
  'stream.open': { url: string; type: 'flv' | 'mpegts'; viewerId: string };
  'stream.setMode': { ok: boolean };
  'stream.still': { jpegBase64: string; at: number };
  /** CPU in % of one core since the previous reading: main, its ffmpegs, and the whole machine (% of all cores). */
  'health.load': { mainCpu: number; ffmpegCpu: number; machineCpu: number | null; cores: number; ffmpeg: number };
  'stream.statuses': StreamStatus[];
  'sites.save': Site;
  /** How many of each went with the site. */
  'sites.remove': { sites: number; cameras: number; presets: number };
  'sites.setDefaultPreset': Site;
  'cameras.update': CameraView;
  'cameras.probe': ProbeReport;
  'presets.rename': Preset;
  /** The file to save: JSON text carrying its own SHA-256, without any password. */
  'presets.export': { fileName: string; json: string; cameras: number; sites: number };
  'presets.importPreview': PresetImportPreview;
  'presets.importApply': PresetImportResult;
  /** The spreadsheet template (UTF-8 CSV with BOM, so Excel opens it right). */
  'import.template': { fileName: string; csv: string };
  'import.preview': ImportPreview;
  'import.probe': ProbeReport;
  'import.commit': ImportResult;
  'access.state': AccessState;
  'access.unlock': AccessState;
  'access.lock': AccessState;
  'access.setPin': AccessState;
  'access.setScope': AccessState;
  'access.scopeChoices': Site[];
  'cameras.setConsent': CameraView;
  'audit.query': AuditRecordView[];
  /** Whether the hash chain is whole, and where it first breaks if not. */
  'audit.verify': { ok: boolean; records: number | null; file: string | null; line: number | null; problem: string | null };
  'audit.report': AuditRecordView[];
  'operators.list': { operators: OperatorView[]; reportNames: ReportNameStyle };
  'operators.save': OperatorView;
  'operators.setReportNames': ReportNameStyle;
  'evidence.snapshot': EvidenceItem;
  'evidence.clipStart': { clipId: string; preRollSeconds: number };
  'evidence.clipStop': EvidenceItem;
  'evidence.list': EvidenceItem[];
  'evidence.verify': {
    ok: boolean;
    problem: EvidenceVerifyProblem | null;
    checks: EvidenceChecks;
    /** Short fingerprint of the key the manifest names as its signer; null when unsigned. */
    signedBy: string | null;
  };
  /** Null when this console has no usable key (its evidence is then saved unsigned). */
  'evidence.signingKey': SigningKeyView | null;
  /** A loopback address that serves the file to this caller for a few minutes (a ticket, not file://). */
  'evidence.preview': { url: string };
  'evidence.reveal': EvidenceLocation;
  'evidence.copyOut': EvidenceCopyOut;
  /** The main process's health log (JSON lines: memory, ffmpeg count, sessions), oldest first. */
  'health.log': { lines: string[] };
  'sites.setRelay': Site;
  'cameras.setSource': CameraView;
  'sites.setPlayback': Site;
  /** The path asked for, and what the source has recorded there. */
  'sites.testPlayback': { path: string; spans: number; from: number | null; to: number | null };
  'unattended.get': UnattendedSettingsView;
  'unattended.set': UnattendedSettingsView;
  'budget.get': BudgetSettingsView;
  'budget.setRule': BudgetSettingsView;
  'budget.pin': BudgetSettingsView;
  'displays.list': DisplayView[];
  'recording.get': RecordingStateView;
  'recording.set': RecordingStateView;
  'recording.list': RecordingListView;
  'recording.lock': EvidenceLockView;
  'recording.unlock': null;
  'playback.open': PlaybackOpenView;
  'playback.close': null;
  'recorderLan.get': RecorderLanView;
  'recorderLan.set': RecorderLanView;
  'recorderLan.rotateToken': RecorderLanView;
  'evidence.export': EvidenceExportView;
}

export type Channel = keyof Requests;
export type Request<C extends Channel> = Requests[C];
export type Response<C extends Channel> = Responses[C];

// ---------------------------------------------------------------- push events

export interface PushEvents {
  'stream.status': StreamStatus;
  'cameras.changed': null;
  'presets.changed': null;
  /** Scope, role or PIN changed: the renderer reloads what it may see. */
  'access.changed': null;
  /** The decode budget rule or the pinned cameras changed: every window of this console follows. */
  'budget.changed': BudgetSettingsView;
  /** Which streams are being recorded, or why not: sent when that changes, for the REC marks. */
  'recording.marks': RecordingMark[];
}
export type PushEvent = keyof PushEvents;
export const PUSH_EVENTS: PushEvent[] = ['stream.status', 'cameras.changed', 'presets.changed', 'access.changed', 'budget.changed', 'recording.marks'];

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
  | { event: PushEvent; payload: unknown }
  /** Sent once on connect: the key that lets this socket's caller make calls over HTTP. */
  | { caller: string };

/** Path of the headless API WebSocket. */
export const API_PATH = '/api';

/**
 * A call whose frame is larger than this (a spreadsheet or a preset file) is not sent on the
 * socket: it is POSTed to API_CALL_PATH with the socket's caller key, and answered there.
 */
export const API_FRAME_LIMIT = 256 * 1024;
export const API_CALL_PATH = '/api/call';
/** The header that carries the caller key of an HTTP call. */
export const API_CALLER_HEADER = 'x-wall-caller';
