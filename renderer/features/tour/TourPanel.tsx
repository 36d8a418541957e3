import { useTranslation } from 'react-i18next';
import type { Preset } from '../../../preload/api';
import { useIsAdmin, usePresetsView, useStores, useTourView } from '../../state/hooks';
import { AdminHint } from '../../ui/AdminHint';
import './tour.css';
import { TourForm } from './TourForm';

/** Saved tours (presets that carry one), to start and stop, and the form for a new one. */
export function TourPanel() {
  const { t } = useTranslation();
  const { presets } = usePresetsView();
  const { running, refused } = useTourView();
  const admin = useIsAdmin();
  const tours = (presets ?? []).filter((p) => p.tour !== null);

  return (
    <section className="tour-panel" aria-labelledby="tours-title">
      <h3 id="tours-title" className="side-heading">
        {t('tour.listTitle')}
      </h3>
      {refused && (
        <p className="form-error" role="alert">
          {t('tour.refused')}
        </p>
      )}
      {tours.length === 0 ? (
        <p className="panel-note">{t('tour.empty')}</p>
      ) : (
        <ul className="preset-list">
          {tours.map((preset) => (
            <TourItem key={preset.id} preset={preset} running={running?.presetId === preset.id} />
          ))}
        </ul>
      )}
      {admin ? <TourForm /> : <AdminHint what={t('tour.newTitle')} />}
    </section>
  );
}

function TourItem({ preset, running }: { preset: Preset; running: boolean }) {
  const { t } = useTranslation();
  const { tour } = useStores();
  const summary =
    preset.tour?.kind === 'presets'
      ? t('tour.steps', { count: preset.tour.steps.length, dwell: preset.tour.steps[0]?.dwellSeconds ?? 0 })
      : t('tour.pages', { count: preset.tour?.cameraIds.length ?? 0, dwell: preset.tour?.dwellSeconds ?? 0 });
  return (
    <li className="preset" data-testid="tour-item" data-preset-id={preset.id}>
      <div className="preset-row">
        <span className="preset-name">{preset.name}</span>
        {running ? (
          <button type="button" data-testid="tour-stop" onClick={() => tour.stop()}>
            {t('tour.stop')}
          </button>
        ) : (
          <button type="button" className="primary" data-testid="tour-start" onClick={() => tour.start(preset.id)}>
            {t('tour.start')}
          </button>
        )}
      </div>
      <p className="preset-meta">{summary}</p>
    </li>
  );
}
