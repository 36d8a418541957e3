import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { useIsAdmin, useStores } from '../../state/hooks';
import { ConfirmBar } from '../../ui/ConfirmBar';
import { FailureText } from '../../ui/FailureText';

interface Props {
  tour: Preset;
  running: boolean;
  number: number | null;
  onEdit: () => void;
}

/** One saved tour: start or stop it; the admin renames, edits or deletes it (after a confirmation). */
export function TourItem({ tour: saved, running, number, onEdit }: Props) {
  const { t } = useTranslation();
  const { tour, presets } = useStores();
  const admin = useIsAdmin();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<{ lead: string; failure: Failure } | null>(null);
  const summary =
    saved.tour?.kind === 'presets'
      ? t('tour.steps', { count: saved.tour.steps.length, dwell: saved.tour.steps[0]?.dwellSeconds ?? 0 })
      : t('tour.pages', { count: saved.tour?.cameraIds.length ?? 0, dwell: saved.tour?.dwellSeconds ?? 0 });

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (renaming === null) return;
    const result = await presets.rename(saved.id, renaming.trim());
    setFailure(result.ok ? null : { lead: t('tour.renameFailed'), failure: result });
    if (result.ok) setRenaming(null);
  };
  const remove = async () => {
    if (running) tour.stop();
    const result = await presets.remove(saved.id);
    setFailure(result.ok ? null : { lead: t('tour.removeFailed'), failure: result });
    setConfirming(false);
  };

  return (
    <li className="preset" data-testid="tour-item" data-preset-id={saved.id}>
      <div className="preset-row">
        {number !== null && <kbd className="preset-key">{t('presets.shortcut', { number })}</kbd>}
        {renaming === null ? (
          <span className="preset-name" data-testid="tour-item-name">
            {saved.name}
          </span>
        ) : (
          <form className="tour-rename" onSubmit={(event) => void rename(event)}>
            <input data-testid="tour-rename-input" aria-label={t('tour.name')} value={renaming} maxLength={64} data-autofocus onChange={(e) => setRenaming(e.target.value)} />
            <button type="submit" data-testid="tour-rename-save" disabled={renaming.trim() === ''}>
              {t('tour.renameSave')}
            </button>
          </form>
        )}
        {running ? (
          <button type="button" data-testid="tour-stop" onClick={() => tour.stop()}>
            {t('tour.stop')}
          </button>
        ) : (
          <button type="button" className="primary" data-testid="tour-start" onClick={() => tour.start(saved.id)}>
            {t('tour.start')}
          </button>
        )}
      </div>
      <p className="preset-meta">{summary}</p>
      {admin && (
        <div className="tour-item-actions">
          <button type="button" className="quiet" data-testid="tour-rename" onClick={() => setRenaming(saved.name)}>
            {t('tour.rename')}
          </button>
          <button type="button" className="quiet" data-testid="tour-edit" onClick={onEdit}>
            {t('tour.edit')}
          </button>
          <button type="button" className="quiet" data-testid="tour-remove" onClick={() => setConfirming(true)}>
            {t('tour.remove')}
          </button>
        </div>
      )}
      {confirming && admin && (
        <ConfirmBar
          question={t('tour.removeConfirm', { name: saved.name })}
          confirmLabel={t('tour.removeYes')}
          confirmTestId="tour-remove-confirm"
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={failure.lead} failure={failure.failure} />
        </p>
      )}
    </li>
  );
}
