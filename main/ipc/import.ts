/**
 * Bulk import from a township's spreadsheet: the page sends the file's bytes, main reads them and
 * returns a preview of every row (good, or with its own problems); the clerk may test rows'
 * connections; a second call imports the chosen good rows. Nothing stored is ever changed.
 */
import { randomBytes } from 'node:crypto';
import type { ImportRowView } from '../../preload/api.js';
import type { StoredCamera } from '../domain/model.js';
import { planImport } from '../domain/import/plan.js';
import type { ImportCandidate } from '../domain/import/rows.js';
import { readSpreadsheet } from '../domain/import/spreadsheet.js';
import { TEMPLATE_FILE_NAME, templateCsv } from '../domain/import/template.js';
import { ImportSessions } from './importSessions.js';
import { probeSource } from './probe.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

type Calls = Pick<HandlerTable, 'import.template' | 'import.preview' | 'import.probe' | 'import.commit'>;

function toRowView({ password, kind: _kind, ...row }: ImportCandidate): ImportRowView {
  return { ...row, passwordSet: password !== null };
}

export function importHandlers(ctx: HandlerContext, sessions = new ImportSessions()): Calls {
  const session = (previewId: string) => {
    const found = sessions.get(previewId);
    if (!found) throw new ApiError('not_found', 'import:expired');
    return found;
  };
  return {
    'import.template': () => ({ fileName: TEMPLATE_FILE_NAME, csv: templateCsv() }),
    'import.preview': async ({ fileName, base64, townshipId }) => {
      const township = ctx.repo.data.sites.find((site) => site.id === townshipId);
      if (!township) throw new ApiError('not_found', 'township:unknown_site');
      if (township.level !== 'township' && township.level !== 'station') throw new ApiError('bad_request', 'township:not_township');
      const read = await readSpreadsheet(Buffer.from(base64, 'base64'), ctx.repo.data, townshipId);
      if (!read.ok) throw new ApiError('bad_request', `file:${read.problem}`, read.detail);
      const previewId = sessions.add({ townshipId, fileName, candidates: read.candidates });
      const bad = read.candidates.filter((c) => c.problems.length > 0).length;
      ctx.log.info('import previewed', { format: read.format, rows: read.candidates.length, bad });
      return {
        previewId,
        fileName,
        format: read.format,
        encoding: read.encoding,
        townshipId,
        rows: read.candidates.map(toRowView),
        newVillages: read.newVillages,
      };
    },
    'import.probe': ({ previewId, line }) => {
      const row = session(previewId).candidates.find((c) => c.line === line);
      if (!row) throw new ApiError('not_found', `line ${line}`);
      if (row.problems.some((p) => p.startsWith('mainUrl:'))) throw new ApiError('bad_request', row.problems.find((p) => p.startsWith('mainUrl:'))!);
      const credentials = { ...(row.username ? { username: row.username } : {}), ...(row.password ? { password: row.password } : {}) };
      return probeSource(ctx, { kind: row.kind, url: row.mainUrl, credentials }, `import line ${line}`);
    },
    'import.commit': ({ previewId, lines }, { callerId }) => {
      const { townshipId, fileName, candidates } = session(previewId);
      if (!ctx.repo.data.sites.some((site) => site.id === townshipId)) throw new ApiError('not_found', 'township:unknown_site');
      const plan = planImport(ctx.repo.data, townshipId, candidates, new Set(lines), (prefix) => `${prefix}-${randomBytes(6).toString('hex')}`);
      const cameras: StoredCamera[] = plan.cameras.map(({ camera, password }) => ({
        ...camera,
        passwordSealed: password === null ? null : ctx.secretBox.seal(password),
      }));
      if (cameras.length > 0) {
        ctx.repo.update((draft) => ({ ...draft, sites: [...draft.sites, ...plan.sites], cameras: [...draft.cameras, ...cameras] }));
        const villages = plan.result.villagesCreated.length;
        ctx.access.record(callerId, { action: 'config_change', siteId: townshipId, detail: `cameras imported from ${fileName}: ${cameras.length} cameras, ${villages} new villages` });
        ctx.push('cameras.changed', null);
      }
      sessions.delete(previewId);
      ctx.log.info('cameras imported', { imported: plan.result.imported, skipped: plan.result.skipped.length, villages: plan.result.villagesCreated.length });
      return plan.result;
    },
  };
}
