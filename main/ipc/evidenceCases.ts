/**
 * Exported case folders in the evidence list and 核验: a case is one item, seen by a caller who
 * may see every camera in it now (or, for cameras removed since, the admin who keeps the records).
 */
import { join } from 'node:path';
import type { EvidenceItem } from '../../preload/api.js';
import { caseManifestOf, listCases, type CaseManifest } from '../evidence/caseManifest.js';
import type { HandlerContext } from './context.js';

export function mayCallerSeeCase(ctx: HandlerContext, callerId: string, manifest: CaseManifest): boolean {
  return manifest.cameras.every((camera) => (ctx.repo.camera(camera.cameraId) ? ctx.access.withheld(camera.cameraId) === null : ctx.access.role(callerId) === 'admin'));
}

/** A case as one item of the list: its cameras, the range asked, its files' total size. */
function caseItem(ctx: HandlerContext, m: CaseManifest): EvidenceItem {
  const seconds = (Date.parse(m.to) - Date.parse(m.from)) / 1000;
  return {
    file: m.caseId,
    kind: 'export',
    cameraId: m.cameras[0]?.cameraId ?? '',
    cameraName: m.cameras.map((camera) => camera.cameraName).join('、'),
    startedAt: m.from,
    endedAt: m.to,
    sha256: m.files[0]?.sha256 ?? '',
    bytes: m.files.reduce((sum, file) => sum + file.bytes, 0),
    partial: m.cameras.some((camera) => camera.gaps.length > 0 || camera.file === null),
    partialReason: null,
    reason: m.reason,
    durationSeconds: Number.isFinite(seconds) ? Math.round(seconds) : null,
    household: m.cameras.some((camera) => ctx.repo.camera(camera.cameraId)?.ownerKind === 'household'),
  };
}

export async function caseItems(ctx: HandlerContext, callerId: string): Promise<EvidenceItem[]> {
  return (await listCases(ctx.evidenceFolder())).filter((m) => mayCallerSeeCase(ctx, callerId, m)).map((m) => caseItem(ctx, m));
}

/** The case named `file` when it is one and this caller may see it; null when it is not a case. */
export async function visibleCase(ctx: HandlerContext, callerId: string, file: string): Promise<CaseManifest | 'hidden' | null> {
  const manifest = await caseManifestOf(join(ctx.evidenceFolder(), file));
  if (!manifest) return null;
  return mayCallerSeeCase(ctx, callerId, manifest) ? manifest : 'hidden';
}
