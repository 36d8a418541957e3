/** Snapshots and clips from a tile: allowed by the access rules, audited, saved with manifests. */
import type { EvidenceItem } from '../../preload/api.js';
import { clipSeconds, listManifests } from '../evidence/evidenceLibrary.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { shortFingerprint } from '../store/signingKey.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';
import { evidenceFileHandlers, mayCallerSee, recording, visibleManifest } from './evidenceFiles.js';
import { caseItems, visibleCase } from './evidenceCases.js';

type Calls = Pick<HandlerTable, 'evidence.snapshot' | 'evidence.clipStart' | 'evidence.clipStop' | 'evidence.list' | 'evidence.verify' | 'evidence.signingKey'>;

const item = (m: EvidenceManifest, household: boolean): EvidenceItem => ({
  file: m.file,
  kind: m.kind,
  cameraId: m.cameraId,
  cameraName: m.cameraName,
  startedAt: m.startedAt,
  endedAt: m.endedAt,
  sha256: m.sha256,
  bytes: m.bytes,
  partial: m.partial,
  partialReason: m.partialReason,
  reason: m.reason,
  durationSeconds: clipSeconds(m),
  household,
});

export function evidenceHandlers(ctx: HandlerContext): Calls & ReturnType<typeof evidenceFileHandlers> {
  const context = (cameraId: string, callerId: string, reason: string | undefined) => {
    const decision = ctx.access.decideCamera(callerId, cameraId, 'snapshot', reason);
    if (!decision.ok) throw new ApiError('forbidden', `access:${decision.refusal}`);
    const camera = ctx.repo.camera(cameraId)!;
    return {
      cameraId,
      cameraName: camera.name,
      siteName: ctx.repo.data.sites.find((s) => s.id === camera.siteId)?.name ?? null,
      operator: { console: ctx.access.consoleId, role: ctx.access.role(callerId) },
      reason: reason?.trim() || null,
    };
  };
  const household = (cameraId: string) => ctx.repo.camera(cameraId)?.ownerKind === 'household';
  return {
    'evidence.snapshot': ({ cameraId, reason }, { callerId }) =>
      recording(async () => {
        const manifest = await ctx.evidence.snapshot(context(cameraId, callerId, reason));
        ctx.access.record(callerId, { action: 'snapshot', cameraId, detail: manifest.file, ...(manifest.reason ? { reason: manifest.reason } : {}) });
        return item(manifest, household(cameraId));
      }),
    'evidence.clipStart': ({ cameraId, reason }, { callerId }) =>
      recording(async () => {
        const started = await ctx.evidence.startClip(context(cameraId, callerId, reason));
        // Audited when the file is finished, whether stop was pressed or the clip ended by itself.
        started.done.then(
          (manifest) => ctx.access.record(callerId, { action: 'clip', cameraId, detail: `${manifest.file}${manifest.partial ? ' (partial)' : ''}`, ...(manifest.reason ? { reason: manifest.reason } : {}) }),
          () => {}, // a clip that failed is reported to whoever stops it
        );
        return { clipId: started.clipId, preRollSeconds: started.preRollFrom === null ? 0 : Math.round((Date.now() - started.preRollFrom) / 1000) };
      }),
    'evidence.clipStop': ({ clipId }) =>
      recording(async () => {
        const manifest = await ctx.evidence.stopClip(clipId);
        return item(manifest, household(manifest.cameraId));
      }),
    // What this caller may see of it: the cameras the access rules let this console show now.
    'evidence.list': async (_input, { callerId }) => {
      const manifests = await listManifests(ctx.evidenceFolder());
      return manifests
        .filter((m) => mayCallerSee(ctx, callerId, m))
        .map((m) => item(m, household(m.cameraId)))
        .concat(await caseItems(ctx, callerId))
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    },
    // A file, or an exported case folder (checked as a whole).
    'evidence.verify': async ({ file }, { callerId }) => {
      const exported = await visibleCase(ctx, callerId, file);
      if (exported === 'hidden') throw new ApiError('not_found', 'evidence:not_found', file);
      if (exported === null) await visibleManifest(ctx, callerId, file);
      const { ok, problem, checks, signedBy } = await ctx.evidence.verify(file);
      return { ok, problem, checks, signedBy: signedBy === null ? null : shortFingerprint(signedBy) };
    },
    'evidence.signingKey': async () => {
      const key = ctx.evidence.signingKey;
      return key ? { fingerprint: shortFingerprint(key.fingerprint), publicKeyPem: key.publicKeyPem } : null;
    },
    ...evidenceFileHandlers(ctx),
  };
}
