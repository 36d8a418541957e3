import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView, Site } from '../../../preload/api';
import { useObservable, useStores } from '../../state/hooks';
import { buildSiteTree, pathTo } from '../../state/siteTree';
import { CameraItem } from './CameraItem';
import { pinyinInitials } from './pinyin';
import { filterCameras, filterForest } from './search';
import { SiteBranch } from './SiteBranch';

/** Bureau → station / township → village → camera, with search and "show this camera" from the wall. */
export function SiteTree({ sites, cameras }: { sites: Site[]; cameras: CameraView[] }) {
  const { t } = useTranslation();
  const { tree } = useStores();
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const list = useRef<HTMLUListElement>(null);
  const located = useObservable(tree.located);
  const highlighted = located?.cameraId ?? null;

  const forest = useMemo(() => buildSiteTree(sites, cameras), [sites, cameras]);
  const roots = useMemo(() => filterForest(forest.roots, query, pinyinInitials), [forest, query]);
  const ungrouped = useMemo(() => filterCameras(forest.ungrouped, query, pinyinInitials), [forest, query]);
  const searching = query.trim() !== '';

  const onToggle = useCallback((siteId: string) => {
    setCollapsed((now) => {
      const next = new Set(now);
      if (!next.delete(siteId)) next.add(siteId);
      return next;
    });
  }, []);

  // "Show in the site tree" from a tile: clear the search, open the branches down to it, scroll to it.
  const seq = located?.seq;
  useEffect(() => {
    if (highlighted === null) return;
    const camera = cameras.find((c) => c.id === highlighted);
    if (!camera) return;
    setQuery('');
    const path = pathTo(sites, camera.siteId);
    setCollapsed((now) => (path.some((id) => now.has(id)) ? new Set([...now].filter((id) => !path.includes(id))) : now));
    // After the branches have opened.
    requestAnimationFrame(() => {
      list.current?.querySelector(`[data-camera-id="${CSS.escape(highlighted)}"]`)?.scrollIntoView({ block: 'center' });
    });
    // Once per request (seq), not again for each refresh of the camera list.
  }, [seq]);

  return (
    <>
      <div className="tree-search">
        <input
          type="search"
          data-testid="tree-search"
          value={query}
          placeholder={t('tree.search')}
          aria-label={t('tree.search')}
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {searching && roots.length === 0 && ungrouped.length === 0 && <p className="panel-note">{t('tree.noMatch')}</p>}
      <ul className="site-tree" role="tree" ref={list}>
        {roots.map((node) => (
          <SiteBranch key={node.site.id} node={node} collapsed={searching ? NONE : collapsed} onToggle={onToggle} highlighted={highlighted} />
        ))}
        {ungrouped.length > 0 && (
          <li className="site" role="treeitem" aria-expanded="true">
            <p className="site-row site-ungrouped">{t('site.ungrouped')}</p>
            <ul className="camera-list" role="group">
              {ungrouped.map((camera) => (
                <CameraItem key={camera.id} camera={camera} highlighted={highlighted === camera.id} />
              ))}
            </ul>
          </li>
        )}
      </ul>
    </>
  );
}

const NONE: ReadonlySet<string> = new Set();
