import { useTranslation } from 'react-i18next';
import type { CameraView, Site } from '../../../preload/api';
import { CameraItem } from './CameraItem';
import { buildSiteTree, type SiteNode } from './siteTree';

export function SiteTree({ sites, cameras }: { sites: Site[]; cameras: CameraView[] }) {
  const { t } = useTranslation();
  const { roots, ungrouped } = buildSiteTree(sites, cameras);
  return (
    <ul className="site-tree" role="tree">
      {roots.map((node) => (
        <SiteBranch key={node.site.id} node={node} />
      ))}
      {ungrouped.length > 0 && (
        <li className="site" role="treeitem" aria-expanded="true">
          <p className="site-name">{t('site.ungrouped')}</p>
          <CameraList cameras={ungrouped} />
        </li>
      )}
    </ul>
  );
}

function SiteBranch({ node }: { node: SiteNode }) {
  const { t } = useTranslation();
  return (
    <li className="site" role="treeitem" aria-expanded="true" data-site-id={node.site.id}>
      <p className="site-name">
        {node.site.name} <span className="site-level">{t(`site.${node.site.level}`)}</span>
      </p>
      {node.cameras.length > 0 && <CameraList cameras={node.cameras} />}
      {node.children.length > 0 && (
        <ul className="site-children" role="group">
          {node.children.map((child) => (
            <SiteBranch key={child.site.id} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

function CameraList({ cameras }: { cameras: CameraView[] }) {
  return (
    <ul className="camera-list" role="group">
      {cameras.map((camera) => (
        <CameraItem key={camera.id} camera={camera} />
      ))}
    </ul>
  );
}
