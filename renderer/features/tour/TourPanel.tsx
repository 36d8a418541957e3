import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsAdmin, usePresetsView, useTourView } from '../../state/hooks';
import { slotOf } from '../../state/presetSlots';
import { AdminHint } from '../../ui/AdminHint';
import './tour.css';
import { TourForm } from './TourForm';
import { TourItem } from './TourItem';

/** Saved tours, to start and stop, rename, edit or delete, and the form for a new one (or the one being edited). */
export function TourPanel() {
  const { t } = useTranslation();
  const { presets } = usePresetsView();
  const { running, refused } = useTourView();
  const admin = useIsAdmin();
  const tours = (presets ?? []).filter((p) => p.tour !== null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = tours.find((p) => p.id === editingId);

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
            <TourItem key={preset.id} tour={preset} running={running?.presetId === preset.id} number={slotOf(presets ?? [], preset.id)} onEdit={() => setEditingId(preset.id)} />
          ))}
        </ul>
      )}
      {admin ? <TourForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditingId(null)} /> : <AdminHint what={t('tour.newTitle')} />}
    </section>
  );
}
