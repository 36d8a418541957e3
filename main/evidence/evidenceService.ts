/**
 * Snapshots and clips with pre-roll, each saved with a manifest into the evidence folder. The
 * service only records; who may record, and the audit of it, are decided by the API layer.
 */
import { randomBytes } from 'node:crypto';
import { access, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StreamStatus } from '../../preload/api.js';
import type { StreamEngine, StreamRequest } from '../engine/session/streamEngine.js';
import type { SigningKey } from '../store/signingKey.js';
import { isCaseFolder, verifyCase, type CaseVerification } from './caseManifest.js';
import { ClipRecorder } from './clipRecorder.js';
import { EvidencePaths } from './evidencePaths.js';
import { EvidenceError, evidenceErrorOf } from './evidenceErrors.js';
import { manifestPathFor, verifyEvidence, writeManifest, type EvidenceManifest, type Verification } from './manifest.js';
import { writeSnapshot } from './snapshot.js';

export interface EvidenceContext {
  cameraId: string;
  cameraName: string;
  siteName: string | null;
  operator: { console: string; role: string };
  reason: string | null;
}

interface ActiveClip {
  recorder: ClipRecorder;
  /** The manifest, written as soon as the file is finished, by a click or by itself. */
  manifest: Promise<EvidenceManifest>;
  release: () => void;
}

export interface EvidenceOptions {
  engine: StreamEngine;
  ffmpegPath: () => string | null;
  folder: () => string;
  maxClipSeconds?: number;
  /** Signs every manifest; absent or null, manifests are saved unsigned and verify as such. */
  signingKey?: SigningKey | null;
}

/** A stop click comes within moments of a clip ending by itself, or never (the window closed). */
const MAX_ENDED_KEPT = 8;

const mainStream = (cameraId: string): StreamRequest => ({ cameraId, profile: 'main', acceptsHevc: false });

export class EvidenceService {
  private readonly clips = new Map<string, ActiveClip>();
  /** Clips that ended by themselves, by id: their manifests, the most recent few only. */
  private readonly ended = new Map<string, Promise<EvidenceManifest>>();
  private readonly paths = new EvidencePaths();

  constructor(private readonly options: EvidenceOptions) {}

  async snapshot(context: EvidenceContext): Promise<EvidenceManifest> {
    const ffmpeg = this.ffmpeg();
    const folder = await this.writableFolder();
    const clickedAt = Date.now();
    const { engine } = this.options;
    const picture = await engine.currentPicture(engine.pictureRequest(context.cameraId, 'main'));
    if (!picture.ok) throw new EvidenceError('camera_not_live', picture.why);
    const { path, release } = await this.paths.reserve(folder, context.cameraName, clickedAt, 'jpg');
    try {
      await writeSnapshot(ffmpeg, picture.units, picture.container, path);
      const iso = new Date(clickedAt).toISOString();
      return await writeManifest(path, { kind: 'snapshot', ...this.fields(context), startedAt: iso, clickedAt: iso, endedAt: iso, partial: false, partialReason: null }, this.signingKey);
    } finally {
      release();
    }
  }

  /** Starts a clip that begins with the session's pre-roll; returns its id. */
  async startClip(context: EvidenceContext): Promise<{ clipId: string; preRollFrom: number | null; done: Promise<EvidenceManifest> }> {
    const ffmpeg = this.ffmpeg();
    const folder = await this.writableFolder();
    const clickedAt = Date.now();
    const clipId = `clip-${randomBytes(6).toString('hex')}`;
    // Named by the click: the name says when the officer asked, the manifest when the pre-roll began.
    const { path, release: releasePath } = await this.paths.reserve(folder, context.cameraName, clickedAt, 'mp4');
    const { engine } = this.options;
    // The recorder must exist before it is attached (it receives the pre-roll at once), but
    // ffmpeg's creation_time wants the pre-roll's start: the engine knows it only on attach.
    let recorder: ClipRecorder | null = null;
    const pending: Buffer[] = [];
    const proxy = {
      send: (chunk: Buffer) => (recorder ? recorder.send(chunk) : void pending.push(chunk)),
      get backlog() {
        return recorder?.backlog ?? 0;
      },
      end: () => recorder?.end(),
    };
    let attached: ReturnType<StreamEngine['attachRecorder']>;
    try {
      attached = engine.attachRecorder(mainStream(context.cameraId), proxy);
    } catch (error) {
      releasePath();
      throw error;
    }
    const { detach, preRollFrom, container } = attached;
    const startedAt = preRollFrom ?? clickedAt;
    recorder = new ClipRecorder(ffmpeg, path, container, new Date(startedAt), this.options.maxClipSeconds ?? 600);
    for (const chunk of pending.splice(0)) recorder.send(chunk);
    const active = recorder;
    // A camera still starting has not dropped: the clip waits for its first keyframe.
    const dropped = (state: StreamStatus['state']) => state !== 'live' && state !== 'starting';
    const offStatus = engine.on('status', (status: StreamStatus) => {
      if (status.cameraId === context.cameraId && status.profile === 'main' && dropped(status.state)) void active.interrupt(`camera ${status.state}`);
    });
    const release = () => {
      offStatus();
      detach();
    };
    // A clip that ends by itself (maximum length, camera gone) still gets its manifest at once,
    // and stops taking the session's bytes.
    const manifest = active.done.then((result) => {
      release();
      return writeManifest(result.path, {
        kind: 'clip',
        ...this.fields(context),
        startedAt: new Date(startedAt).toISOString(),
        clickedAt: new Date(clickedAt).toISOString(),
        endedAt: new Date(result.endedAt).toISOString(),
        partial: result.partial,
        partialReason: result.partialReason,
      }, this.signingKey);
    });
    manifest.then(releasePath, releasePath);
    // Ended by itself (maximum length, camera gone, ffmpeg failed): only its outcome is kept, for
    // the stop click that may still come; nothing else of it outlives the file.
    const ended = () => {
      release();
      if (this.clips.delete(clipId)) this.keepEnded(clipId, manifest);
    };
    manifest.then(ended, ended);
    this.clips.set(clipId, { recorder: active, manifest, release });
    return { clipId, preRollFrom, done: manifest };
  }

  /** The key manifests are signed and checked with; null: none (manifests verify as unsigned). */
  get signingKey(): SigningKey | null {
    return this.options.signingKey ?? null;
  }

  /**
   * 核验 of one item in the evidence folder: a file (its media, hash and manifest's signature), or
   * an exported case folder (every file's hash, and the signature by the key it carries, which
   * must be this console's).
   */
  async verify(file: string): Promise<Verification | CaseVerification> {
    const path = join(this.options.folder(), file);
    if (await isCaseFolder(path)) return verifyCase(path, this.signingKey);
    return verifyEvidence(manifestPathFor(path), this.signingKey);
  }

  /** Clips still recording. */
  get openClips(): number {
    return this.clips.size;
  }

  async stopClip(clipId: string): Promise<EvidenceManifest> {
    const ended = this.ended.get(clipId);
    if (ended) {
      this.ended.delete(clipId);
      return ended;
    }
    const clip = this.clips.get(clipId);
    if (!clip) throw new EvidenceError('ffmpeg_failed', `no clip ${clipId}`);
    this.clips.delete(clipId);
    clip.release();
    void clip.recorder.stop().catch(() => {}); // its failure reaches us through the manifest
    return clip.manifest;
  }

  /** Finishes every open clip (the console is closing): nothing recorded is lost. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.clips.keys()].map((id) => this.stopClip(id)));
  }

  private keepEnded(clipId: string, manifest: Promise<EvidenceManifest>): void {
    this.ended.set(clipId, manifest);
    for (const oldest of this.ended.keys()) {
      if (this.ended.size <= MAX_ENDED_KEPT) break;
      this.ended.delete(oldest);
    }
  }

  private fields(context: EvidenceContext) {
    return { cameraId: context.cameraId, cameraName: context.cameraName, siteName: context.siteName, operator: context.operator, reason: context.reason };
  }

  private ffmpeg(): string {
    const path = this.options.ffmpegPath();
    if (!path) throw new EvidenceError('ffmpeg_failed', 'ffmpeg not found');
    return path;
  }

  private async writableFolder(): Promise<string> {
    const folder = this.options.folder();
    try {
      await mkdir(folder, { recursive: true });
      await access(folder, constants.W_OK);
    } catch (error) {
      throw evidenceErrorOf(error, folder);
    }
    return folder;
  }
}
