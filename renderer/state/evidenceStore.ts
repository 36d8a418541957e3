import type { EvidenceItem, WallApi } from '../../preload/api';
import { Observable } from '../lib/observable';
import type { Failure } from './failure';

export type EvidenceKind = 'snapshot' | 'clip';

/** A clip being recorded from a tile; `clipId` is null until main has started it. */
export interface Recording {
  clipId: string | null;
  startedAt: number;
  preRollSeconds: number;
}

/** A household camera: the reason for taking evidence is asked first. */
export interface EvidencePrompt {
  kind: EvidenceKind;
  cameraId: string;
  cameraName: string;
}

type NewNotice = { kind: 'saved'; item: EvidenceItem } | { kind: 'failed'; what: EvidenceKind; cameraName: string; failure: Failure };
export type EvidenceNotice = NewNotice & { id: number };

/** Saved-file notices go by themselves; failures stay until the operator has read them. */
const SAVED_NOTICE_MS = 10_000;

/** Snapshots and clips taken from tiles, by operators too; the list and checks are for admins. */
export class EvidenceStore {
  readonly recordings = new Observable<ReadonlyMap<string, Recording>>(new Map());
  readonly prompt = new Observable<EvidencePrompt | null>(null);
  readonly notices = new Observable<readonly EvidenceNotice[]>([]);
  private noticeId = 0;

  constructor(private readonly api: WallApi) {}

  /** From a tile's menu: a household camera asks for the reason first; a running clip is stopped. */
  request(kind: EvidenceKind, camera: { id: string; name: string; household: boolean }): void {
    if (kind === 'clip' && this.recordings.get().has(camera.id)) return void this.stopClip(camera.id, camera.name);
    if (camera.household) return this.prompt.set({ kind, cameraId: camera.id, cameraName: camera.name });
    void this.take(kind, camera.id, camera.name);
  }

  /** The reason prompt was answered (or cancelled with null). */
  answer(reason: string | null): void {
    const asked = this.prompt.get();
    this.prompt.set(null);
    if (asked && reason !== null) void this.take(asked.kind, asked.cameraId, asked.cameraName, reason);
  }

  dismiss(id: number): void {
    this.notices.update((list) => list.filter((n) => n.id !== id));
  }

  private async take(kind: EvidenceKind, cameraId: string, cameraName: string, reason?: string): Promise<void> {
    const withReason = { cameraId, ...(reason?.trim() ? { reason: reason.trim() } : {}) };
    if (kind === 'snapshot') {
      const result = await this.api.invoke('evidence.snapshot', withReason);
      return this.report(result.ok ? { kind: 'saved', item: result.value } : { kind: 'failed', what: 'snapshot', cameraName, failure: result });
    }
    const startedAt = Date.now();
    this.setRecording(cameraId, { clipId: null, startedAt, preRollSeconds: 0 });
    const result = await this.api.invoke('evidence.clipStart', withReason);
    if (!result.ok) {
      this.setRecording(cameraId, null);
      return this.report({ kind: 'failed', what: 'clip', cameraName, failure: result });
    }
    this.setRecording(cameraId, { clipId: result.value.clipId, startedAt, preRollSeconds: result.value.preRollSeconds });
  }

  async stopClip(cameraId: string, cameraName: string): Promise<void> {
    const clipId = this.recordings.get().get(cameraId)?.clipId;
    if (!clipId) return; // still starting: the next click stops it
    this.setRecording(cameraId, null);
    const result = await this.api.invoke('evidence.clipStop', { clipId });
    this.report(result.ok ? { kind: 'saved', item: result.value } : { kind: 'failed', what: 'clip', cameraName, failure: result });
  }

  private setRecording(cameraId: string, recording: Recording | null): void {
    this.recordings.update((current) => {
      const next = new Map(current);
      if (recording) next.set(cameraId, recording);
      else next.delete(cameraId);
      return next;
    });
  }

  private report(notice: NewNotice): void {
    const id = ++this.noticeId;
    this.notices.update((list) => [...list, { ...notice, id }]);
    if (notice.kind === 'saved') setTimeout(() => this.dismiss(id), SAVED_NOTICE_MS);
  }
}
