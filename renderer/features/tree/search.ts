import type { CameraView } from '../../../preload/api';
import type { SiteNode } from '../../state/siteTree';

/** A name matches when it contains the query, or (for a Latin query) its pinyin initials do. */
export function matchesQuery(name: string, query: string, initials: (text: string) => string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  if (name.toLowerCase().includes(q)) return true;
  return /^[a-z0-9]+$/.test(q) && initials(name).includes(q);
}

/**
 * The tree cut down to what matches: a matching site keeps everything under it; any other site
 * stays only for the matching cameras or sites below it.
 */
export function filterForest(roots: readonly SiteNode[], query: string, initials: (text: string) => string): SiteNode[] {
  if (query.trim() === '') return [...roots];
  const keep = (node: SiteNode): SiteNode | null => {
    if (matchesQuery(node.site.name, query, initials)) return node;
    const children = node.children.map(keep).filter((n): n is SiteNode => n !== null);
    const cameras = node.cameras.filter((c) => matchesQuery(c.name, query, initials));
    return children.length > 0 || cameras.length > 0 ? { site: node.site, children, cameras } : null;
  };
  return roots.map(keep).filter((n): n is SiteNode => n !== null);
}

export function filterCameras(cameras: readonly CameraView[], query: string, initials: (text: string) => string): CameraView[] {
  return cameras.filter((c) => matchesQuery(c.name, query, initials));
}
