/** Evidence locks in the settings: a time range of a camera that retention never deletes. */
import { randomBytes } from 'node:crypto';
import type { EvidenceLockView } from '../../preload/api.js';
import { defaultRecording, type RecordingData } from '../domain/model.js';
import type { HandlerContext } from './context.js';

export const storedRecording = (ctx: HandlerContext): RecordingData => ctx.repo.data.recording ?? defaultRecording();

/** Adds locks (one per range) in one write; returns them as stored. */
export function addLocks(ctx: HandlerContext, ranges: { cameraId: string; from: number; to: number; reason: string }[]): EvidenceLockView[] {
  const by = `${ctx.repo.data.console.id ?? 'console'} admin`;
  const locks = ranges.map((range) => ({ id: `lock-${randomBytes(6).toString('hex')}`, ...range, by, at: Date.now() }));
  ctx.repo.update((draft) => ({ ...draft, recording: { ...storedRecording(ctx), locks: [...storedRecording(ctx).locks, ...locks] } }));
  return locks;
}
