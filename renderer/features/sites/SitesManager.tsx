import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView, Site } from '../../../preload/api';
import { useCamerasView } from '../../state/hooks';
import { buildSiteTree, cameraCounts } from '../../state/siteTree';
import { ConsentNote, HouseholdBadge } from '../../ui/HouseholdBadge';
import { CameraEditor } from './CameraEditor';
import { RelayEditor } from './RelayEditor';
import { PlaybackSourceEditor } from './PlaybackSourceEditor';
import { ScopeSection } from './ScopeSection';
import { SiteForm, type SiteFormTarget } from './SiteForm';
import { SiteRemove } from './SiteRemove';
import { siteRows } from './siteOptions';

type Editing = { kind: 'site'; target: SiteFormTarget } | { kind: 'camera'; id: string } | { kind: 'remove'; site: Site } | null;

/** The site tree with its cameras, every site and camera with its edit actions. */
export function SitesManager({ cameraId }: { cameraId: string | null }) {
  const { t } = useTranslation();
  const { sites, cameras } = useCamerasView();
  const [editing, setEditing] = useState<Editing>(cameraId ? { kind: 'camera', id: cameraId } : null);
  const done = () => setEditing(null);
  // Where the site form shows: under the site it edits, or under the parent of a new site.
  const formAt = editing?.kind === 'site' ? ('site' in editing.target ? editing.target.site.id : `new:${editing.target.parentId}`) : null;
  const bySite = new Map<string | null, CameraView[]>();
  for (const camera of cameras ?? []) bySite.set(camera.siteId, [...(bySite.get(camera.siteId) ?? []), camera]);
  const counts = cameraCounts(buildSiteTree(sites, cameras ?? []));
  const ungrouped = (cameras ?? []).filter((c) => c.siteId === null || !sites.some((s) => s.id === c.siteId));

  const cameraRows = (list: CameraView[], depth: number) =>
    list.map((camera) => (
      <li key={camera.id} className="settings-camera" style={{ paddingInlineStart: `${depth * 18 + 24}px` }} data-testid="settings-camera" data-camera-id={camera.id}>
        <div className="settings-row">
          <span className="settings-name">{camera.name}</span>
          <HouseholdBadge camera={camera} />
          <ConsentNote camera={camera} />
          <button type="button" className="quiet" onClick={() => setEditing({ kind: 'camera', id: camera.id })}>
            {t('sites.edit')}
          </button>
        </div>
        {editing?.kind === 'camera' && editing.id === camera.id && <CameraEditor camera={camera} sites={sites} onDone={done} />}
      </li>
    ));

  return (
    <section className="sites-manager" data-testid="sites-manager">
      <ScopeSection />
      <div className="form-actions">
        <button type="button" className="primary" data-testid="site-add-root" onClick={() => setEditing({ kind: 'site', target: { parentId: null } })}>
          {t('sites.addRoot')}
        </button>
      </div>
      {formAt === 'new:null' && editing?.kind === 'site' && <SiteForm target={editing.target} onDone={done} />}
      {sites.length === 0 && <p className="panel-note">{t('sites.empty')}</p>}
      <ul className="settings-tree">
        {siteRows(sites).map(({ site, depth }) => (
          <li key={site.id} data-testid="settings-site" data-site-id={site.id}>
            <div className="settings-row" style={{ paddingInlineStart: `${depth * 18}px` }}>
              <span className="settings-name">{site.name}</span>
              <span className="site-level">{t(`site.${site.level}`)}</span>
              <span className="settings-count" data-testid="settings-site-count">
                {t('tree.count', { count: counts.get(site.id) ?? 0 })}
              </span>
              {site.level !== 'village' && (
                <button type="button" className="quiet" onClick={() => setEditing({ kind: 'site', target: { parentId: site.id } })}>
                  {t('sites.addChild')}
                </button>
              )}
              <button type="button" className="quiet" data-testid="site-edit" onClick={() => setEditing({ kind: 'site', target: { site } })}>
                {t('sites.edit')}
              </button>
              <button type="button" className="quiet" data-testid="site-remove" onClick={() => setEditing({ kind: 'remove', site })}>
                {t('sites.remove')}
              </button>
            </div>
            {editing?.kind === 'site' && (formAt === site.id || formAt === `new:${site.id}`) && <SiteForm target={editing.target} onDone={done} />}
            {editing?.kind === 'site' && formAt === site.id && <RelayEditor site={site} sites={sites} />}
            {editing?.kind === 'site' && formAt === site.id && <PlaybackSourceEditor site={site} sites={sites} />}
            {editing?.kind === 'remove' && editing.site.id === site.id && <SiteRemove site={site} onDone={done} />}
            <ul className="settings-cameras">{cameraRows(bySite.get(site.id) ?? [], depth)}</ul>
          </li>
        ))}
      </ul>
      {ungrouped.length > 0 && (
        <>
          <h3 className="side-heading">{t('sites.ungrouped')}</h3>
          <ul className="settings-cameras">{cameraRows(ungrouped, 0)}</ul>
        </>
      )}
    </section>
  );
}
