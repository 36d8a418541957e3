import type { CameraView, Site } from '../../preload/api';

export interface SiteNode {
  site: Site;
  children: SiteNode[];
  cameras: CameraView[];
}

export interface SiteForest {
  roots: SiteNode[];
  /** Cameras with no site, or a site the list does not contain. */
  ungrouped: CameraView[];
}

/** Bureau → station / township → village → camera, in the order the host lists them. */
export function buildSiteTree(sites: readonly Site[], cameras: readonly CameraView[]): SiteForest {
  const nodes = new Map<string, SiteNode>(sites.map((site) => [site.id, { site, children: [], cameras: [] }]));
  const ungrouped: CameraView[] = [];
  for (const camera of cameras) {
    const node = camera.siteId === null ? undefined : nodes.get(camera.siteId);
    if (node) node.cameras.push(camera);
    else ungrouped.push(camera);
  }

  const roots: SiteNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.site.parentId === null ? undefined : nodes.get(node.site.parentId);
    if (parent && !isAncestor(node, parent, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  return { roots, ungrouped };
}

/** Guards against a parent loop in the data, which would otherwise hide those sites entirely. */
function isAncestor(node: SiteNode, of: SiteNode, nodes: Map<string, SiteNode>): boolean {
  const seen = new Set<string>();
  for (let at: SiteNode | undefined = of; at && !seen.has(at.site.id); ) {
    if (at === node) return true;
    seen.add(at.site.id);
    at = at.site.parentId === null ? undefined : nodes.get(at.site.parentId);
  }
  return false;
}

/** Every camera of a site and of the sites under it, in tree order (a village dragged onto the wall). */
export function camerasUnder(node: SiteNode): CameraView[] {
  return [...node.cameras, ...node.children.flatMap(camerasUnder)];
}

/**
 * How many cameras each site holds: its own and those of every site under it, as the tree counts
 * them ("青山镇 10 台"). The settings list counts the same way, so the two never disagree.
 */
export function cameraCounts(forest: SiteForest): Map<string, number> {
  const counts = new Map<string, number>();
  // The same rule as camerasUnder(node).length, counted once per node.
  const count = (node: SiteNode): number => {
    const total = node.cameras.length + node.children.reduce((sum, child) => sum + count(child), 0);
    counts.set(node.site.id, total);
    return total;
  };
  forest.roots.forEach(count);
  return counts;
}

/** The node of a site anywhere in the forest. */
export function findSite(roots: readonly SiteNode[], siteId: string): SiteNode | undefined {
  for (const node of roots) {
    if (node.site.id === siteId) return node;
    const inside = findSite(node.children, siteId);
    if (inside) return inside;
  }
  return undefined;
}

/** The sites from the root down to a site (for opening the branches that lead to it). */
export function pathTo(sites: readonly Site[], siteId: string | null): string[] {
  const byId = new Map(sites.map((site) => [site.id, site]));
  const path: string[] = [];
  for (let at = siteId === null ? undefined : byId.get(siteId); at && !path.includes(at.id); ) {
    path.unshift(at.id);
    at = at.parentId === null ? undefined : byId.get(at.parentId);
  }
  return path;
}
