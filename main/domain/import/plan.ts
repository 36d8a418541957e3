/**
 * What committing an import does to the stored data: the chosen rows that are still good become
 * cameras, villages they name are created under the township when missing, and nothing stored
 * is changed. Rows that became duplicates since the preview are skipped too. Pure: ids come from
 * `newId`, passwords are handed back for the caller to seal.
 */
import type { ImportResult } from '../../../preload/api.js';
import type { StoredCamera, StoredData, StoredSite } from '../model.js';
import type { ImportCandidate } from './rows.js';

export interface ImportPlan {
  sites: StoredSite[];
  /** Cameras to add, each with its password still to be sealed. */
  cameras: { camera: Omit<StoredCamera, 'passwordSealed'>; password: string | null }[];
  result: ImportResult;
}

export function planImport(
  data: StoredData,
  townshipId: string,
  candidates: readonly ImportCandidate[],
  lines: ReadonlySet<number>,
  newId: (prefix: 'site' | 'cam') => string,
): ImportPlan {
  const villages = new Map(data.sites.filter((s) => s.parentId === townshipId).map((s) => [s.name, s.id]));
  const taken = new Set(data.cameras.map((c) => `${c.siteId}\u0000${c.name}`));
  const plan: ImportPlan = { sites: [], cameras: [], result: { imported: 0, villagesCreated: [], skipped: [] } };
  for (const row of candidates) {
    if (!lines.has(row.line)) continue;
    const siteId = villages.get(row.village);
    const problems = [...row.problems];
    if (problems.length === 0 && siteId !== undefined && taken.has(`${siteId}\u0000${row.name}`)) problems.push('name:duplicate_name');
    if (problems.length > 0) {
      plan.result.skipped.push({ line: row.line, problems });
      continue;
    }
    let villageId = siteId;
    if (villageId === undefined) {
      villageId = newId('site');
      villages.set(row.village, villageId);
      plan.sites.push({ id: villageId, name: row.village, level: 'village', parentId: townshipId, defaultPresetId: null });
      plan.result.villagesCreated.push(row.village);
    }
    taken.add(`${villageId}\u0000${row.name}`);
    plan.cameras.push({
      camera: {
        id: newId('cam'),
        name: row.name,
        siteId: villageId,
        kind: row.kind,
        mainUrl: row.mainUrl,
        subUrl: row.subUrl,
        username: row.username,
        ownerKind: row.ownerKind,
        tags: row.tags,
        location: row.location,
      },
      password: row.password,
    });
    plan.result.imported++;
  }
  return plan;
}
