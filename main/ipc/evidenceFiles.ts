/**
 * An evidence file after it was saved: shown in the console (over the loopback server, with a
 * ticket), shown in the file manager, and copied out to a folder or USB drive. Who may see a
 * file follows the access rules for its camera, decided here in main, never only in the page.
 */
import { isAbsolute, join } from 'node:path';
import { EvidenceError } from '../evidence/evidenceErrors.js';
import { copyOutOne, manifestOf } from '../evidence/evidenceLibrary.js';
import { evidenceFilePath } from '../evidence/evidenceFileRoute.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';
import { visibleCase } from './evidenceCases.js';

type Calls = Pick<HandlerTable, 'evidence.preview' | 'evidence.reveal' | 'evidence.copyOut'>;

/** Evidence failures a clerk can act on become `evidence:<problem>` sentences. */
export async function recording<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EvidenceError) throw new ApiError('unavailable', `evidence:${error.problem}`, error.message);
    throw error;
  }
}

/**
 * A caller sees a file when the rules let this console show its camera now (scope, household
 * consent). A file whose camera was removed since stays with the admin, who keeps the records.
 */
export function mayCallerSee(ctx: HandlerContext, callerId: string, manifest: EvidenceManifest): boolean {
  if (!ctx.repo.camera(manifest.cameraId)) return ctx.access.role(callerId) === 'admin';
  return ctx.access.withheld(manifest.cameraId) === null;
}

/** The manifest of a file this caller may see; otherwise the same "not found" either way (no probing). */
export async function visibleManifest(ctx: HandlerContext, callerId: string, file: string): Promise<EvidenceManifest> {
  const manifest = await manifestOf(ctx.evidenceFolder(), file);
  if (!manifest || !mayCallerSee(ctx, callerId, manifest)) throw new ApiError('not_found', 'evidence:not_found', file);
  return manifest;
}

export function evidenceFileHandlers(ctx: HandlerContext): Calls {
  return {
    'evidence.preview': async ({ file }, { callerId }) => {
      const manifest = await visibleManifest(ctx, callerId, file);
      const ticket = ctx.evidenceTickets.issue(join(ctx.evidenceFolder(), manifest.file));
      return { url: `${ctx.server.origin}${evidenceFilePath(ticket)}` };
    },
    'evidence.reveal': async ({ file }, { callerId }) => {
      const folder = ctx.evidenceFolder();
      // An exported case is its folder; anything else is one file with its manifest.
      const exported = await visibleCase(ctx, callerId, file);
      if (exported === 'hidden') throw new ApiError('not_found', 'evidence:not_found', file);
      const path = join(folder, exported ? exported.caseId : (await visibleManifest(ctx, callerId, file)).file);
      ctx.showItemInFolder?.(path);
      return { opened: ctx.showItemInFolder !== null, path, folder };
    },
    'evidence.copyOut': ({ files, folder, reason }, { callerId }) =>
      recording(async () => {
        if (!isAbsolute(folder)) throw new ApiError('bad_request', 'folder:not_absolute');
        const manifests = await Promise.all(files.map((file) => visibleManifest(ctx, callerId, file)));
        // Every file is allowed before any is copied: a refused household clip stops the whole copy.
        for (const manifest of manifests) {
          const decision = ctx.access.decideCamera(callerId, manifest.cameraId, 'export', reason);
          if (!decision.ok) throw new ApiError('forbidden', `access:${decision.refusal}`, manifest.file);
        }
        const copied = [];
        for (const manifest of manifests) {
          const done = await copyOutOne(ctx.evidenceFolder(), manifest, folder);
          copied.push(done);
          ctx.access.record(callerId, {
            action: 'export',
            cameraId: manifest.cameraId,
            detail: `${manifest.file} → ${folder} (sha256 ${done.sha256.slice(0, 16)}… checked)`,
            ...(reason?.trim() ? { reason: reason.trim() } : {}),
          });
        }
        return { folder, copied };
      }),
  };
}
