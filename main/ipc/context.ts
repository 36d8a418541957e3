/** What every area's handlers may use: the composition root builds one of these. */
import type { DisplayView, FfmpegInfo, PushEvent, PushEvents } from '../../preload/api.js';
import type { Logger } from '../lib/logger.js';
import type { LoopbackServer } from '../engine/serve/loopbackServer.js';
import type { StreamEngine } from '../engine/session/streamEngine.js';
import type { SecretBox } from '../store/secretBox.js';
import type { SettingsRepository } from '../store/repository.js';
import type { AccessService } from '../access/accessService.js';
import type { AuditLog } from '../access/audit.js';
import type { StreamTickets } from '../access/streamTickets.js';
import type { ViewerRegistry } from '../access/setup.js';
import type { EvidenceService } from '../evidence/evidenceService.js';
import type { EvidenceFileTickets } from '../evidence/evidenceFileRoute.js';
import type { HealthLog } from '../health/healthLog.js';
import type { RecordingService } from '../recording/recordingService.js';
import type { PlaybackSessions } from '../playback/playbackSessions.js';
import type { RecorderLanControl } from './recorderLan.js';

export interface HandlerContext {
  mode: 'electron' | 'headless';
  repo: SettingsRepository;
  engine: StreamEngine;
  server: LoopbackServer;
  secretBox: SecretBox;
  log: Logger;
  ffmpeg(): FfmpegInfo;
  access: AccessService;
  audit: AuditLog;
  tickets: StreamTickets;
  /** Open stream viewers by id, with the caller each was opened for. */
  viewers: ViewerRegistry;
  evidence: EvidenceService;
  /** Where snapshots and clips are written. */
  evidenceFolder(): string;
  /** Tickets that let the page load one evidence file over the loopback server. */
  evidenceTickets: EvidenceFileTickets;
  /** The desktop app's file manager; null headless (the page then shows the path). */
  showItemInFolder: ((path: string) => void) | null;
  health: HealthLog;
  recording: RecordingService;
  /** Where recorded segments are written. */
  recordingFolder(): string;
  /** Open playback sessions (each a player reading recorded footage over the stream server). */
  playback: PlaybackSessions;
  /** The recorder API opened to the LAN (or not), with its settings. */
  recorderLan: RecorderLanControl;
  /** The monitors (Electron); none headless. */
  displays(): DisplayView[];
  /** Tells the shell the unattended settings changed (it re-places wall windows, etc.). */
  unattendedChanged(): void;
  push<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
}
