import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCamerasView, useIsAdmin } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { AddCameraForm } from './AddCameraForm';
import { SiteTree } from './SiteTree';
import './tree.css';

export function TreePanel() {
  const { t } = useTranslation();
  const { cameras, sites, error } = useCamerasView();
  const [adding, setAdding] = useState(false);
  const admin = useIsAdmin();

  return (
    <section className="cameras-panel" aria-labelledby="cameras-title">
      <header className="panel-header">
        <h2 id="cameras-title">{t('cameras.title')}</h2>
        {admin && (
          <button
            type="button"
            className="primary"
            data-testid="add-camera"
            aria-expanded={adding}
            onClick={() => setAdding((open) => !open)}
          >
            {t('cameras.add')}
          </button>
        )}
      </header>
      {adding && admin && <AddCameraForm sites={sites} onDone={() => setAdding(false)} />}
      {error && (
        <p className="form-error" role="alert">
          <FailureText lead={t('cameras.loadFailed')} failure={error} />
        </p>
      )}
      {cameras === null && !error && <p className="panel-note">{t('cameras.loading')}</p>}
      {cameras !== null && cameras.length === 0 && <p className="panel-note">{t('cameras.empty')}</p>}
      {cameras !== null && cameras.length > 0 && (
        <>
          <p className="panel-note">{t('cameras.hint')}</p>
          <SiteTree sites={sites} cameras={cameras} />
        </>
      )}
    </section>
  );
}
