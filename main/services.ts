/**
 * The main-side services, put together once for both shells: the Electron app and the headless
 * server call `startServices` and differ only in how they carry calls and where they keep secrets.
 * Nothing here imports `electron`.
 */
import type { DisplayView, FfmpegInfo, PushEvent, PushEvents, Profile } from '../preload/api.js';
import type { SessionSource } from './engine/producer/ffmpegArgs.js';
import { describeFfmpeg } from './engine/producer/ffmpegLocator.js';
import { createLogger, type Logger } from './lib/logger.js';
import { LoopbackServer } from './engine/serve/loopbackServer.js';
import { StreamEngine } from './engine/session/streamEngine.js';
import { createStreamRoute } from './engine/serve/streamRoute.js';
import { demoSiteData } from './domain/demoSite.js';
import type { StoredData } from './domain/model.js';
import { createHandlers } from './ipc/handlers.js';
import { createDispatch, type Dispatch } from './ipc/router.js';
import { openConfStore, settingsPath } from './store/confStore.js';
import { SettingsRepository, type DocumentStore } from './store/repository.js';
import { resolveCameraSource } from './engine/source/cameraSource.js';
import type { SecretBox } from './store/secretBox.js';
import { consoleSigningKey } from './store/signingKey.js';
import { setUpAccess } from './access/setup.js';
import { EvidenceService } from './evidence/evidenceService.js';
import { EvidenceFileTickets, evidenceFileRoute } from './evidence/evidenceFileRoute.js';
import { HealthLog } from './health/healthLog.js';
import { RecordingService } from './recording/recordingService.js';
import { recordingTargets, retentionPolicy } from './recording/recordingSettings.js';
import { defaultRecording } from './domain/model.js';
import { join } from 'node:path';
import { PlaybackSessions } from './playback/playbackSessions.js';
import { createPlaybackRoute } from './playback/playbackRoute.js';
import { createRecorderApiRoute } from './playback/recorderApiRoute.js';
import { RecorderLanListener } from './playback/recorderLan.js';
import { sourceLabel } from './playback/remoteSource.js';
import { RecorderLanControl } from './ipc/recorderLan.js';

export interface ServicesOptions {
  mode: 'electron' | 'headless';
  dataDir: string;
  secretBox: SecretBox;
  /** electron-store in the app; conf by default. */
  openStore?: (dataDir: string) => DocumentStore;
  /** What a console with no settings starts with; the demo site by default. */
  seed?: () => StoredData;
  /** Renderer origins allowed to open WebSockets besides the server's own (e.g. `app://wall`). */
  extraOrigins?: string[];
  port?: number;
  log?: Logger;
  graceMs?: number;
  stallMs?: number;
  startTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** The monitors (Electron's screen); none headless. */
  displays?: () => DisplayView[];
  /** Called when an admin changes the unattended settings (the shell re-places its wall windows). */
  onUnattendedChanged?: () => void;
  /** A clip's longest length; 10 minutes by default. */
  maxClipSeconds?: number;
  /** Opens the system file manager at a file (Electron's shell); absent headless, where the path is shown instead. */
  showItemInFolder?: (path: string) => void;
  /** About how long a recorded segment runs; 60 s by default (tests use a second or two). */
  recordingSegmentMs?: number;
  /** How often recording retention runs (tests); 30 s by default. */
  recordingSweepMs?: number;
}

export type PushListener = <E extends PushEvent>(event: E, payload: PushEvents[E]) => void;

export interface Services {
  server: LoopbackServer;
  engine: StreamEngine;
  repo: SettingsRepository;
  dispatch: Dispatch;
  ffmpeg: FfmpegInfo;
  log: Logger;
  onPush(listener: PushListener): () => void;
  /** A window or browser connection is gone: forget its admin role. */
  callerGone(callerId: string): void;
  close(): Promise<void>;
}

export async function startServices(options: ServicesOptions): Promise<Services> {
  const log = options.log ?? createLogger();
  const repo = new SettingsRepository(
    settingsPath(options.dataDir),
    () => (options.openStore ?? openConfStore)(options.dataDir),
    options.seed ?? demoSiteData,
    { onBackupFailed: ({ problem, detail }) => log.warn('settings saved, but its backup could not be written', { problem, detail }) },
  );
  if (repo.report.quarantinedTo) {
    const recoveredFrom = repo.report.recoveredFrom?.path ?? 'no good backup: started afresh';
    log.warn('settings file was damaged and moved aside', { movedTo: repo.report.quarantinedTo, problem: repo.report.problem, recoveredFrom });
  }
  if (repo.report.migratedFrom !== null) log.info('settings brought up to date', { fromVersion: repo.report.migratedFrom });
  const ffmpeg = await describeFfmpeg({ setting: repo.data.settings.ffmpegPath, env: options.env ?? process.env });
  if (!ffmpeg.ok) log.warn('ffmpeg not found: cameras cannot play', { tried: 'setting, FFMPEG_PATH, ffmpeg-static, PATH' });
  const ffmpegPath = () => (ffmpeg.ok ? ffmpeg.path : null);

  const engine = new StreamEngine({
    resolveSource: (cameraId, profile) => resolveSource(repo, options.secretBox, log, cameraId, profile),
    ffmpegPath,
    log,
    ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
    ...(options.stallMs !== undefined ? { stallMs: options.stallMs } : {}),
    ...(options.startTimeoutMs !== undefined ? { startTimeoutMs: options.startTimeoutMs } : {}),
  });
  const listeners = new Set<PushListener>();
  const push: PushListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const access = setUpAccess(options.dataDir, repo, engine, () => push('cameras.changed', null), log);
  const server = new LoopbackServer({
    log,
    ...(options.extraOrigins ? { extraOrigins: options.extraOrigins } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  server.addUpgradeRoute(createStreamRoute({ engine, log, admit: access.admit }));
  const evidenceTickets = new EvidenceFileTickets();
  server.addHttpHandler(evidenceFileRoute(evidenceTickets));
  // Every playback session that ends (closed, its page gone, the console closing) is audited with what it showed.
  const playback = new PlaybackSessions((session) => {
    const watched = session.watchedFrom === null ? 'nothing shown' : `${new Date(session.watchedFrom).toISOString()} – ${new Date(session.watchedTo!).toISOString()}`;
    const source = session.remote ? ` (${sourceLabel(session.remote)})` : '';
    access.access.record(session.callerId, { action: 'playback_stop', cameraId: session.cameraId, detail: `${session.profile} ${watched}${source}` });
  });
  await server.listen();
  engine.on('status', (status) => push('stream.status', status));

  const health = new HealthLog(join(options.dataDir, 'logs', 'health.log'), engine);
  const evidenceFolder = () => repo.data.settings.evidenceDir ?? join(options.dataDir, 'evidence');
  const evidence = new EvidenceService({
    engine,
    ffmpegPath,
    folder: evidenceFolder,
    signingKey: consoleSigningKey(join(options.dataDir, 'signing.key'), options.secretBox, log),
    ...(options.maxClipSeconds ? { maxClipSeconds: options.maxClipSeconds } : {}),
  });
  // Recording runs here, not in a window: a headless township PC records with no browser open.
  const recordingData = () => repo.data.recording ?? defaultRecording();
  const recordingFolder = () => recordingData().settings.folder ?? join(options.dataDir, 'recordings');
  const recording = new RecordingService({
    engine,
    ffmpegPath,
    folder: recordingFolder,
    log,
    targets: () => recordingTargets(recordingData()),
    refusalOf: (cameraId) => access.access.withheld(cameraId),
    // A household camera's footage goes when its owner's consent at this console's level ends.
    policy: () => retentionPolicy(recordingData(), (cameraId) => access.access.footageUntil(cameraId)),
    locks: () => recordingData().locks,
    ...(options.recordingSegmentMs ? { segmentMs: options.recordingSegmentMs } : {}),
    ...(options.recordingSweepMs ? { sweepMs: options.recordingSweepMs } : {}),
  });
  recording.on('marks', (marks) => push('recording.marks', marks));
  await recording.start();
  const footage = (cameraId: string, profile: Profile) => recording.footage(cameraId, profile);
  // A segment deleted by hand leaves the catalog when a read finds it gone.
  const readFailed = (path: string) => void recording.readFailed(path).catch(() => {});
  const segments = (cameraId: string, profile: Profile, from: number, to: number) => recording.segments(cameraId, profile, from, to);
  server.addHttpHandler(
    createPlaybackRoute({
      server,
      sessions: playback,
      access: access.access,
      consentEnds: (cameraId) => access.access.footageUntil(cameraId),
      footage,
      readFailed,
      ffmpegPath,
      log,
    }),
  );
  server.addHttpHandler(createRecorderApiRoute({ server: { originFor: () => server.origin, tokenMatches: (candidate) => server.tokenMatches(candidate) }, access: access.access, footage, segments, readFailed, ffmpegPath, log }));
  // Off unless an admin opened it: then a second listener, the recorder API only, its own token.
  const recorderLan = new RecorderLanControl(repo, options.secretBox, new RecorderLanListener({ access: access.access, footage, segments, readFailed, ffmpegPath, log }));
  await recorderLan.apply();
  const dispatch = createDispatch(
    createHandlers({
      mode: options.mode,
      repo,
      engine,
      server,
      secretBox: options.secretBox,
      log,
      ffmpeg: () => ffmpeg,
      push,
      access: access.access,
      audit: access.audit,
      tickets: access.tickets,
      viewers: access.viewers,
      evidence,
      evidenceFolder,
      evidenceTickets,
      showItemInFolder: options.showItemInFolder ?? null,
      health,
      recording,
      recordingFolder,
      playback,
      recorderLan,
      displays: options.displays ?? (() => []),
      unattendedChanged: () => options.onUnattendedChanged?.(),
    }),
    log,
    access.guard,
  );

  let closing: Promise<void> | null = null;
  return {
    server,
    engine,
    repo,
    dispatch,
    ffmpeg,
    log,
    callerGone: (callerId) => {
      access.access.forget(callerId);
      playback.closeCaller(callerId);
    },
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        listeners.clear();
        playback.closeAll(); // audited before the audit log closes
        await recorderLan.close();
        access.close();
        health.close();
        await evidence.close(); // open clips are finished, not lost
        await recording.close(); // open segments are closed whole
        await engine.close();
        await server.close();
      })();
      return closing;
    },
  };
}

function resolveSource(
  repo: SettingsRepository,
  secretBox: SecretBox,
  log: Logger,
  cameraId: string,
  profile: Profile,
): SessionSource | null {
  const camera = repo.camera(cameraId);
  if (!camera) return null;
  return resolveCameraSource(repo.data.sites, camera, profile, secretBox, log);
}
