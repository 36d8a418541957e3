/** Every call's handler, area by area. The contract test checks this covers api.ts exactly. */
import { accessHandlers } from './access.js';
import { appHandlers } from './app.js';
import { auditHandlers } from './audit.js';
import { operatorsHandlers } from './operators.js';
import { evidenceHandlers } from './evidence.js';
import { evidenceExportHandlers } from './evidenceExport.js';
import { cameraEditHandlers } from './cameraEdit.js';
import { cameraHandlers } from './cameras.js';
import type { HandlerContext } from './context.js';
import { importHandlers } from './import.js';
import { presetFileHandlers } from './presetFiles.js';
import { presetHandlers } from './presets.js';
import { probeHandlers } from './probe.js';
import { recordingHandlers } from './recording.js';
import { playbackHandlers } from './playback.js';
import { recorderLanHandlers } from './recorderLan.js';
import type { HandlerTable } from './router.js';
import { siteHandlers } from './sites.js';
import { sitePlaybackHandlers } from './sitePlayback.js';
import { streamHandlers } from './stream.js';
import { unattendedHandlers } from './unattended.js';
import { budgetHandlers } from './budget.js';
import { wallHandlers } from './wall.js';

export function createHandlers(ctx: HandlerContext): HandlerTable {
  return {
    ...appHandlers(ctx),
    ...cameraHandlers(ctx),
    ...wallHandlers(ctx),
    ...presetHandlers(ctx),
    ...streamHandlers(ctx),
    ...siteHandlers(ctx),
    ...sitePlaybackHandlers(ctx),
    ...cameraEditHandlers(ctx),
    ...probeHandlers(ctx),
    ...presetFileHandlers(ctx),
    ...importHandlers(ctx),
    ...accessHandlers(ctx),
    ...auditHandlers(ctx),
    ...operatorsHandlers(ctx),
    ...evidenceHandlers(ctx),
    ...evidenceExportHandlers(ctx),
    ...unattendedHandlers(ctx),
    ...budgetHandlers(ctx),
    ...recordingHandlers(ctx),
    ...playbackHandlers(ctx),
    ...recorderLanHandlers(ctx),
  };
}
