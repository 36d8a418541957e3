import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset, Tour } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { useCamerasView, useObservable, usePresetsView, useStores, useWallView } from '../../state/hooks';
import { SLOT_COUNT } from '../../state/presetSlots';
import { buildSiteTree, camerasUnder, findSite } from '../../state/siteTree';
import { FailureText } from '../../ui/FailureText';
import { Field } from '../../ui/Field';
import { OwnerSelect, useOwnerSites } from '../../ui/OwnerSelect';

type Kind = Tour['kind'];
type Problem = 'needPresets' | 'needSite' | 'badDwell';

const validDwell = (seconds: number) => Number.isInteger(seconds) && seconds >= 3 && seconds <= 3600;

const firstDwell = (tour: Tour | null | undefined) => (tour ? (tour.kind === 'presets' ? tour.steps[0]?.dwellSeconds : tour.dwellSeconds) : undefined);

/**
 * A simple tour: some presets in turn, or the selected site's cameras page by page; one dwell for
 * every step. With `editing`, the form starts from that tour and saves over it.
 */
export function TourForm({ editing, onDone }: { editing?: Preset | undefined; onDone?: () => void }) {
  const { t } = useTranslation();
  const { presets: store, tree, wall: wallStore } = useStores();
  const { presets } = usePresetsView();
  const { sites, cameras } = useCamerasView();
  const { wall } = useWallView();
  const selectedSite = useObservable(tree.selectedSite);
  const owners = useOwnerSites();
  const [kind, setKind] = useState<Kind>(editing?.tour?.kind ?? 'presets');
  const [picked, setPicked] = useState<string[]>(editing?.tour?.kind === 'presets' ? editing.tour.steps.map((step) => step.presetId) : []);
  const [dwell, setDwell] = useState(String(firstDwell(editing?.tour) ?? 10));
  const [name, setName] = useState(editing?.name ?? '');
  const [siteId, setSiteId] = useState(editing?.siteId ?? '');
  const [shortcut, setShortcut] = useState(editing?.shortcut ? String(editing.shortcut) : '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  const site = useMemo(() => (selectedSite ? findSite(buildSiteTree(sites, cameras ?? []).roots, selectedSite) : undefined), [selectedSite, sites, cameras]);
  // Editing a page tour keeps its cameras unless another site is picked in the tree.
  const keptCameras = editing?.tour?.kind === 'pages' ? editing.tour.cameraIds : [];
  const siteCameras = site ? camerasUnder(site).filter((c) => !c.withheld).map((c) => c.id) : keptCameras;
  const pages = Math.ceil(siteCameras.length / wall.layout.tiles.length);
  const plain = (presets ?? []).filter((p) => p.tour === null);

  if (owners.length === 0) return <p className="panel-note">{t('presets.noOwner')}</p>;

  const toggle = (id: string) => setPicked((now) => (now.includes(id) ? now.filter((p) => p !== id) : [...now, id]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const seconds = Number(dwell);
    const wrong: Problem | null = !validDwell(seconds) ? 'badDwell' : kind === 'presets' && picked.length === 0 ? 'needPresets' : kind === 'pages' && siteCameras.length === 0 ? 'needSite' : null;
    setProblem(wrong);
    if (wrong) return;
    const tour: Tour =
      kind === 'presets'
        ? { kind, steps: picked.map((presetId) => ({ presetId, dwellSeconds: seconds })) }
        : { kind, cameraIds: siteCameras, dwellSeconds: seconds };
    setBusy(true);
    const result = await store.save({
      ...(editing ? { id: editing.id } : {}),
      name,
      siteId,
      wall: editing?.wall ?? wallStore.view.get().wall,
      tour,
      shortcut: shortcut === '' ? null : Number(shortcut),
    });
    setBusy(false);
    setFailure(result.ok ? null : result);
    if (result.ok) {
      setName('');
      setPicked([]);
      setShortcut('');
      onDone?.();
    }
  };

  return (
    <form className="side-form" data-testid="tour-form" data-editing={editing?.id} onSubmit={(event) => void submit(event)}>
      <h3>{editing ? t('tour.editTitle', { name: editing.name }) : t('tour.newTitle')}</h3>
      <fieldset className="tour-kind">
        <legend>{t('tour.kind')}</legend>
        {(['presets', 'pages'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="kind" data-testid={`tour-kind-${k}`} checked={kind === k} onChange={() => setKind(k)} />
            {k === 'presets' ? t('tour.kindPresets') : t('tour.kindPages')}
          </label>
        ))}
      </fieldset>
      {kind === 'presets' && (
        <fieldset className="tour-presets">
          <legend>{t('tour.pickPresets')}</legend>
          {plain.length === 0 && <p className="form-hint">{t('tour.noPresets')}</p>}
          {plain.map((preset) => (
            <label key={preset.id}>
              <input type="checkbox" data-testid="tour-pick" data-preset-id={preset.id} checked={picked.includes(preset.id)} onChange={() => toggle(preset.id)} />
              {picked.includes(preset.id) && <span className="tour-order">{picked.indexOf(preset.id) + 1}</span>}
              {preset.name}
            </label>
          ))}
        </fieldset>
      )}
      {kind === 'pages' && (
        <p className="form-hint" data-testid="tour-site">
          {site ? t('tour.site', { name: site.site.name, cameras: t('counted.cameras', { count: siteCameras.length }), pages: t('counted.pages', { count: pages }) }) : t('tour.noSite')}
        </p>
      )}
      <Field label={t('tour.dwell')}>
        <input type="number" name="dwell" data-testid="tour-dwell" min={3} max={3600} step={1} value={dwell} onChange={(e) => setDwell(e.target.value)} />
      </Field>
      <Field label={t('tour.name')}>
        <input name="name" data-testid="tour-name" value={name} placeholder={t('tour.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
      </Field>
      <OwnerSelect value={siteId} onChange={setSiteId} label={t('presets.owner')} />
      <Field label={t('tour.shortcut')}>
        <select data-testid="tour-shortcut" value={shortcut} onChange={(e) => setShortcut(e.target.value)}>
          <option value="">{t('tour.shortcutNone')}</option>
          {Array.from({ length: SLOT_COUNT }, (_, i) => (
            <option key={i + 1} value={String(i + 1)}>
              {t('presets.shortcut', { number: i + 1 })}
            </option>
          ))}
        </select>
      </Field>
      {problem && (
        <p className="form-error" role="alert">
          {t(`tour.${problem}`)}
        </p>
      )}
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('presets.saveFailed')} failure={failure} />
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="tour-save" disabled={busy || name.trim() === ''}>
          {t('tour.save')}
        </button>
        {editing && (
          <button type="button" data-testid="tour-edit-cancel" onClick={onDone}>
            {t('tour.cancelEdit')}
          </button>
        )}
      </div>
    </form>
  );
}
