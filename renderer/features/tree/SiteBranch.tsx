import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useObservable, useOfflineCount, useStores } from '../../state/hooks';
import { camerasUnder, type SiteNode } from '../../state/siteTree';
import { startCamerasDrag } from '../../ui/wallDrag';
import { CameraItem } from './CameraItem';

interface Props {
  node: SiteNode;
  /** Site ids the operator folded; ignored while searching. */
  collapsed: ReadonlySet<string>;
  onToggle(siteId: string): void;
  highlighted: string | null;
}

/** A bureau, station, township or village: its roll-up ("东村 3/12 离线"), its cameras and sites. */
export function SiteBranch({ node, collapsed, onToggle, highlighted }: Props) {
  const { t } = useTranslation();
  const { tree } = useStores();
  const selectedSite = useObservable(tree.selectedSite);
  const cameraIds = useMemo(() => camerasUnder(node).map((c) => c.id), [node]);
  // A whole site dragged onto the wall brings only the cameras this console may show now.
  const watchable = useMemo(() => camerasUnder(node).filter((c) => !c.withheld).map((c) => c.id), [node]);
  const offline = useOfflineCount(cameraIds);
  const open = !collapsed.has(node.site.id);
  const { id, name, level } = node.site;
  const hasContent = node.cameras.length > 0 || node.children.length > 0;

  return (
    <li className="site" role="treeitem" aria-expanded={hasContent ? open : undefined} aria-selected={selectedSite === id} data-site-id={id}>
      <div className="site-row" data-selected={selectedSite === id || undefined}>
        <button
          type="button"
          className="site-toggle"
          aria-label={open ? t('tree.collapse', { name }) : t('tree.expand', { name })}
          disabled={!hasContent}
          onClick={() => onToggle(id)}
        >
          {hasContent ? (open ? '▾' : '▸') : ''}
        </button>
        <button
          type="button"
          className="site-name"
          data-testid="site-item"
          data-site-id={id}
          draggable={watchable.length > 0}
          title={watchable.length > 0 ? t('tree.dragSite') : undefined}
          onDragStart={(event) => (watchable.length > 0 ? startCamerasDrag(event, watchable) : event.preventDefault())}
          onClick={() => tree.selectSite(selectedSite === id ? null : id)}
        >
          {name} <span className="site-level">{t(`site.${level}`)}</span>
        </button>
        {cameraIds.length > 0 && (
          <span className="site-rollup" data-testid="site-rollup" data-offline={offline > 0 || undefined}>
            {offline > 0 ? t('tree.offline', { offline, total: cameraIds.length }) : t('tree.count', { count: cameraIds.length })}
          </span>
        )}
      </div>
      {open && node.cameras.length > 0 && (
        <ul className="camera-list" role="group">
          {node.cameras.map((camera) => (
            <CameraItem key={camera.id} camera={camera} highlighted={highlighted === camera.id} />
          ))}
        </ul>
      )}
      {open && node.children.length > 0 && (
        <ul className="site-children" role="group">
          {node.children.map((child) => (
            <SiteBranch key={child.site.id} node={child} collapsed={collapsed} onToggle={onToggle} highlighted={highlighted} />
          ))}
        </ul>
      )}
    </li>
  );
}
