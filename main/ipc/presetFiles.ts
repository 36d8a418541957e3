/**
 * Preset files between consoles: a township exports presets with the sites and cameras they need
 * (no passwords); a village console checks the file's hash, shows what it would add and where
 * it conflicts, and applies it with the clerk's choices.
 */
import { localDay } from '../domain/fileNames.js';
import { buildBundle, bundleFileName, readBundle, type BundleContent } from '../domain/presetBundle.js';
import { applyMerge, previewMerge } from '../domain/presetMerge.js';
import { ApiError, type HandlerTable } from './router.js';
import type { HandlerContext } from './context.js';

type Calls = Pick<HandlerTable, 'presets.rename' | 'presets.export' | 'presets.importPreview' | 'presets.importApply'>;

function contentOf(json: string): BundleContent {
  const read = readBundle(json);
  if (!read.ok) throw new ApiError('bad_request', `file:${read.problem}`, read.detail);
  return read.content;
}

export function presetFileHandlers(ctx: HandlerContext): Calls {
  return {
    'presets.rename': ({ id, name }) => {
      const preset = ctx.repo.data.presets.find((p) => p.id === id);
      if (!preset) throw new ApiError('not_found', `preset ${id}`);
      const renamed = { ...preset, name };
      ctx.repo.update((draft) => ({ ...draft, presets: draft.presets.map((p) => (p.id === id ? renamed : p)) }));
      ctx.push('presets.changed', null);
      return renamed;
    },
    'presets.export': ({ presetIds }) => {
      const data = ctx.repo.data;
      const missing = presetIds.find((id) => !data.presets.some((p) => p.id === id));
      if (missing) throw new ApiError('not_found', `preset ${missing}`);
      const now = new Date();
      const { json, content } = buildBundle(data, presetIds, now.toISOString());
      const day = localDay(now.getTime());
      ctx.log.info('presets exported', { presets: content.presets.length, cameras: content.cameras.length });
      return { fileName: bundleFileName(data, presetIds, day), json, cameras: content.cameras.length, sites: content.sites.length };
    },
    'presets.importPreview': ({ json }) => previewMerge(ctx.repo.data, contentOf(json)),
    'presets.importApply': async ({ json, choices }) => {
      const content = contentOf(json);
      const { data, result, replacedIds } = applyMerge(ctx.repo.data, content, choices ?? {});
      ctx.repo.update(() => data);
      await Promise.all(replacedIds.map((id) => ctx.engine.closeCamera(id)));
      ctx.log.info('presets imported', { ...result });
      ctx.push('cameras.changed', null);
      ctx.push('presets.changed', null);
      return result;
    },
  };
}
