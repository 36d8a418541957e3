/** Snapshots and clips from a tile: allowed by the access rules, audited, saved with manifests. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidenceItem } from '../../preload/api.js';
import { EvidenceError } from '../evidence/evidenceErrors.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { shortFingerprint } from '../store/signingKey.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

type Calls = Pick<HandlerTable, 'evidence.snapshot' | 'evidence.clipStart' | 'evidence.clipStop' | 'evidence.list' | 'evidence.verify' | 'evidence.signingKey'>;

const item = (m: EvidenceManifest): EvidenceItem => ({
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
});

/** Evidence failures a clerk can act on become `evidence:<problem>` sentences. */
async function recording<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EvidenceError) throw new ApiError('unavailable', `evidence:${error.problem}`, error.message);
    throw error;
  }
}

export function evidenceHandlers(ctx: HandlerContext): Calls {
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
  return {
    'evidence.snapshot': ({ cameraId, reason }, { callerId }) =>
      recording(async () => {
        const manifest = await ctx.evidence.snapshot(context(cameraId, callerId, reason));
        ctx.access.record(callerId, { action: 'snapshot', cameraId, detail: manifest.file, ...(manifest.reason ? { reason: manifest.reason } : {}) });
        return item(manifest);
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
      recording(async () => item(await ctx.evidence.stopClip(clipId))),
    'evidence.list': async () => {
      const folder = ctx.evidenceFolder();
      const names = await readdir(folder).catch(() => [] as string[]);
      const manifests = await Promise.all(
        names.filter((n) => n.endsWith('.json')).map(async (n) => {
          try {
            return JSON.parse(await readFile(join(folder, n), 'utf8')) as EvidenceManifest;
          } catch {
            return null;
          }
        }),
      );
      return manifests.filter((m): m is EvidenceManifest => m !== null && m.version === 1).map(item).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    },
    'evidence.verify': async ({ file }) => {
      const { ok, problem, checks, signedBy } = await ctx.evidence.verify(file);
      return { ok, problem, checks, signedBy: signedBy === null ? null : shortFingerprint(signedBy) };
    },
    'evidence.signingKey': async () => {
      const key = ctx.evidence.signingKey;
      return key ? { fingerprint: shortFingerprint(key.fingerprint), publicKeyPem: key.publicKeyPem } : null;
    },
  };
}
